// A derivation as LaTeX (aligned), as text, and as the Show Derivation page, on fixture notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignedTex, alignedTexOf, alignedText } from '../../src/features/derivationText';
import { derivationHtml, derivationTitle } from '../../src/features/derivationView';
import { note } from './note';

const SOURCE = '```dl-calc\nz1 = 0.5\na1 = sigmoid(z1)\na1 ≈ 0.62\n```\n';

test('an assignment: formula, substituted values, result, aligned on =', () => {
  const n = note(SOURCE);
  const d = n.derive(1)!;
  const tex = alignedTex(d);
  const rows = tex.split('\n');
  assert.equal(rows[0], '\\begin{aligned}');
  assert.match(rows[1], /^a_1 &= \\sigma.*z_1.* \\\\$/, 'the formula');
  assert.match(rows[2], /^&= \\sigma.*0\.5.* \\\\$/, 'the values put in');
  assert.equal(rows[3], '&= 0.622459', 'the result');
  assert.ok(tex.endsWith('\\end{aligned}'));
  const text = alignedText(d).split('\n');
  assert.equal(text[0].indexOf('='), text[1].indexOf('='), text.join('\n'));
  const both = alignedTexOf([n.derive(0)!, d]);
  assert.equal(both.match(/\\begin\{aligned\}/g)?.length, 1);
  assert.match(both, / \\\\\[4pt\]\n/);
});

test('the derivation page: its CSP, KaTeX sources, escaped source and status', () => {
  const n = note(SOURCE);
  const s = n.result.statements[2];
  const html = derivationHtml({ cspSource: 'vscode-resource:', katexCss: 'k.css', katexJs: 'k.js', nonce: 'N0', noteName: 'a<b>.md' }, s, n.derive(2)!);
  assert.match(html, /script-src 'nonce-N0' vscode-resource:;/);
  assert.match(html, /<link rel="stylesheet" href="k\.css">/);
  assert.match(html, /a&lt;b&gt;\.md, line 4/);
  assert.match(html, /<p class="pass">✓ check passed<\/p>/);
  assert.ok(!/<script(?! nonce="N0")/.test(html), 'every script has the nonce');
  assert.equal(derivationTitle(n.result.statements[1]), 'Derivation: a1');
});

test('Copy derivations takes the statements of the block that did not fail', async () => {
  const { statementsToDerive } = await import('../../src/features/derivationText');
  const n = note('```dl-calc\nx = 1\nbad = nosuch\n```\n\n```dl-calc\ny = x\n```\n');
  assert.deepEqual(statementsToDerive(n.result, 0), [0]);
  assert.deepEqual(statementsToDerive(n.result, 1), [2]);
  assert.deepEqual(statementsToDerive(n.result), [0, 2]);
});
