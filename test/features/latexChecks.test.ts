// The LaTeX hand-calculation hover and quick fixes on fixture notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockInsertion, chainHoverAt, formatChainValue, latexQuickFixes } from '../../src/features/latexChecks';
import { markdownSource } from '../../src/features/markdown';
import { noteText } from '../../src/features/text';
import { at, note } from './note';

const SOURCE = ['# Loss', '', 'The step: $0.5 - 0.03 = 0.47$ is right.', '', 'The update: $0.5 - 0.0123 = 0.4887$ is not.', '', 'Next paragraph.'].join('\n');
const whole = { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } };

test('the hover of a checked chain: status, segment values, link verdicts; none for another version', () => {
  const n = note(SOURCE, { latexChecks: true });
  const good = chainHoverAt(n.result, n.result.version, at(SOURCE, '0.03', 1))!;
  const md = markdownSource(good.markdown);
  assert.match(md, /\$\(pass\) \*\*Hand calculation verified\*\*/);
  assert.match(md, /\| 1 \| `0\.5 - 0\.03` \| 0\.47 \|/);
  assert.equal(good.range.start.line, 2);
  const bad = markdownSource(chainHoverAt(n.result, n.result.version, at(SOURCE, '0.4887', 1))!.markdown);
  assert.match(bad, /\$\(warning\) \*\*Hand calculation: a link is wrong\*\*/);
  assert.match(bad, /Quick fix \(Ctrl\+\.\): write the computed value/);
  assert.equal(chainHoverAt(n.result, n.result.version + 1, at(SOURCE, '0.03', 1)), undefined, 'stale result');
  assert.equal(chainHoverAt(n.result, n.result.version, at(SOURCE, 'Next')), undefined);
});

test('the quick fix writes the computed value, rounded to the digits written', () => {
  const n = note(SOURCE, { latexChecks: true });
  const fixes = latexQuickFixes(n.result, n.result.version, n.text, whole, [], '\n');
  assert.equal(fixes.length, 1);
  assert.equal(fixes[0].title, 'Replace 0.4887 with 0.4877');
  assert.deepEqual(fixes[0].edit, { range: { start: at(SOURCE, '0.4887'), end: at(SOURCE, '0.4887', 6) }, newText: '0.4877' });
  assert.ok(fixes[0].preferred);
  // Linked to the diagnostic with the same range; offered only where asked, and while the text still holds the number.
  const diag = n.result.diagnostics.find((d) => d.code === 'latex')!;
  assert.deepEqual(latexQuickFixes(n.result, n.result.version, n.text, diag.range, [diag.range], '\n')[0].fixes, diag.range);
  const elsewhere = { start: at(SOURCE, 'Next'), end: at(SOURCE, 'Next') };
  assert.deepEqual(latexQuickFixes(n.result, n.result.version, n.text, elsewhere, [], '\n'), []);
  const changed = noteText(SOURCE.replace('0.4887', '0.4889'));
  assert.deepEqual(latexQuickFixes(n.result, n.result.version, changed, whole, [], '\n'), []);
  assert.deepEqual(latexQuickFixes(n.result, n.result.version + 1, n.text, whole, [], '\n'), [], 'stale result');
});

test('a block goes after the paragraph of its claim, or at the end', () => {
  const text = noteText('a\n$$\nx\n$$\n\nb');
  assert.deepEqual(blockInsertion(text, 3, '```dl-calc\n```'), { line: 4, character: 0, text: '\n```dl-calc\n```\n' });
  assert.deepEqual(blockInsertion(noteText('a\nb'), 0, 'B'), { line: 1, character: 1, text: '\n\nB\n' });
});

test('chain values as the checker writes them', () => {
  assert.equal(formatChainValue(-3), '−3');
  assert.equal(formatChainValue(0.1234567), '0.123457');
  assert.equal(formatChainValue(1.5e-9), '1.5e−9');
});
