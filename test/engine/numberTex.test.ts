// One rule writes numbers as LaTeX: the preview's values, the verdicts of derivations and
// the defaults in library formulas read the same (they were three copies, with two signs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../../src/engine';
import { numberTex } from '../../src/engine/format';
import { defaultTex } from '../../src/engine/library/tex';

test('numbers as LaTeX: grouping braces, powers of ten with ×, 1e-5 as 10^{-5}, infinities', () => {
  assert.equal(numberTex('1,234,567'), '1{,}234{,}567');
  assert.equal(numberTex('1.2e-5'), '1.2 \\times 10^{-5}');
  assert.equal(numberTex('1.2e+5'), '1.2 \\times 10^{5}');
  assert.equal(numberTex('1e-5'), '10^{-5}');
  assert.equal(numberTex('-1e-5'), '-10^{-5}');
  assert.equal(numberTex('Infinity'), '\\infty');
  assert.equal(numberTex('NaN'), '\\mathrm{NaN}');
  assert.equal(numberTex('(2×2) {a_b}'), '\\text{(2×2) \\{a\\_b\\}}');
});

test('a value, its check verdict and a library default write the same number the same way', () => {
  const engine = createEngine();
  const text = '```dl-calc\nx = 2.5e-7\nx ≈ 2.5e-7\n```\n';
  const r = engine.evaluate({ uri: 'file:///n.md', version: 1, text }, { derivations: true });
  assert.equal(r.statements[0].value?.tex, '2.5 \\times 10^{-7}');
  assert.match(r.statements[1].derivation?.check?.verdictTex ?? '', /^2\.5 \\times 10\^\{-7\} \\approx 2\.5 \\times 10\^\{-7\}/);
  assert.equal(defaultTex('2.5e-7'), '2.5 \\times 10^{-7}');
  assert.equal(defaultTex('true'), '\\mathrm{true}');
});
