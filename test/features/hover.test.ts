// Hover content on fixture notes: variables, functions, statements with their derivation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { functionHover, hoverTargetAt, statementFormulas, statementHover, variableHover } from '../../src/features/hover';
import { markdownSource } from '../../src/features/markdown';
import { at, note } from './note';

const SOURCE = ['```dl-calc', 'z1 = 0.5', 'a1 = sigmoid(z1)', 'a1 ≈ 0.6', 'a1 ≈ 0.50', 'bad = nosuch + 1', '```'].join('\n');

test('what a hover is about: a variable, a function, or the statement', () => {
  const n = note(SOURCE);
  const v = hoverTargetAt(n.result, n.text, at(SOURCE, 'z1)', 1));
  assert.equal(v?.kind, 'variable');
  assert.equal(v?.kind === 'variable' && v.definition.source, 'z1 = 0.5');
  assert.deepEqual(v?.kind === 'variable' && v.range, { start: { line: 2, character: 13 }, end: { line: 2, character: 15 } });
  const f = hoverTargetAt(n.result, n.text, at(SOURCE, 'sigmoid', 2));
  assert.equal(f?.kind === 'function' && f.fn.name, 'sigmoid');
  // On the assigned name itself: the statement, not a jump to itself.
  const own = hoverTargetAt(n.result, n.text, at(SOURCE, 'a1 = ', 1));
  assert.equal(own?.kind === 'statement' && own.statement.source, 'a1 = sigmoid(z1)');
  assert.equal(hoverTargetAt(n.result, n.text, at(SOURCE, '```dl-calc', 1)), undefined);
});

test('a variable hover: where it is defined, its full value', () => {
  const n = note(SOURCE);
  const def = n.result.statements.find((s) => s.assigns === 'a1')!;
  const md = markdownSource(variableHover('a1', def));
  assert.match(md, /\*\*a1\*\* — defined on line 3: `a1 = sigmoid\(z1\)`/);
  assert.match(md, /```text\n0\.622459/);
});

test('a function hover: signature, summary, the definition as an image when it rendered, else as text', () => {
  const n = note(SOURCE);
  const target = hoverTargetAt(n.result, n.text, at(SOURCE, 'sigmoid', 2));
  assert.ok(target?.kind === 'function');
  const text = markdownSource(functionHover(target.fn));
  assert.match(text, /```dl-calc\nsigmoid\(x\)\n```/);
  assert.match(text, /dl-calc library/);
  assert.ok(!text.includes('!['));
  const withImage = markdownSource(functionHover(target.fn, 'data:image/svg+xml;base64,AAAA'));
  assert.match(withImage, /!\[[^\]]*\]\(data:image\/svg\+xml;base64,AAAA\)/);
});

test('a statement hover: derivation, value, status, dependencies and the Show Derivation link', () => {
  const n = note(SOURCE);
  const s = n.result.statements.find((x) => x.source === 'a1 = sigmoid(z1)')!;
  const d = n.derive(s.index)!;
  assert.ok(d, 'a derivation');
  assert.ok(statementFormulas(d)[0].startsWith('\\begin{aligned}'));
  const md = markdownSource(statementHover(s, d, [], n.uri));
  assert.match(md, /```text\na1 = /, 'the aligned text when no image rendered');
  assert.match(md, /\*\*Depends on\*\*\n\n- `z1` = `0\.5` — line 2/);
  assert.match(md, /\[Show derivation\]\(command:dlCalc\.showDerivation\?/);
  const args = JSON.parse(decodeURIComponent(/showDerivation\?([^ ]+) /.exec(md)![1]));
  assert.deepEqual(args, [n.uri, s.index]);
  const passed = n.result.statements.find((x) => x.source === 'a1 ≈ 0.6')!;
  assert.match(markdownSource(statementHover(passed, undefined, [], n.uri)), /\$\(pass\) check passed: 0\.622459 ≈ 0\.6 \(tolerance 0\.05\)/);
  const failed = n.result.statements.find((x) => x.source === 'a1 ≈ 0.50')!;
  assert.match(markdownSource(statementHover(failed, undefined, [], n.uri)), /\$\(error\) .*0\.5/);
  const error = n.result.statements.find((x) => x.kind === 'error')!;
  const errorMd = markdownSource(statementHover(error, undefined, [], n.uri));
  assert.match(errorMd, /```dl-calc\nbad = nosuch \+ 1\n```/);
  assert.match(errorMd, /\$\(error\) Unknown name/);
  assert.ok(!errorMd.includes('Show derivation'));
});

test('hover images: the SVG in the theme colour, as a data URI', async () => {
  const { imageColor, svgDataUri } = await import('../../src/features/mathImages');
  const uri = svgDataUri('<svg width="2.5ex" height="1ex" fill="currentColor"></svg>', imageColor(true));
  const svg = Buffer.from(uri.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8');
  assert.equal(svg, '<svg width="2.500ex" height="1.000ex" fill="#d4d4d4"></svg>');
  assert.equal(imageColor(false), '#1f1f1f');
});
