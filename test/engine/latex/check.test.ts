import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLatexChains } from '../../../src/engine/latex';
import { envWith } from './helpers';

function one(text: string, bindings: Record<string, number> = {}, symbolic = false) {
  const r = checkLatexChains(text, envWith(bindings), { symbolic });
  assert.equal(r.length, 1, JSON.stringify(r.map((x) => x.latex)));
  return r[0];
}

test('tolerance comes from the literal side', () => {
  assert.equal(one('$-0.4 \\cdot 0.622 = -0.249$').status, 'verified');
  const f = one('$0.5 - 0.0123 = 0.4887$');
  assert.equal(f.status, 'failed');
  assert.equal(f.links[0].message, '0.5 − 0.0123 = 0.4877, but 0.4887 is written');
  assert.equal(f.links[0].tolerance, 0.00005);
  assert.deepEqual(f.links[0].written, {
    range: { start: { line: 0, character: 16 }, end: { line: 0, character: 22 } },
    text: '0.4887',
    replacement: '0.4877',
  });
  // Literal on the left works too.
  assert.equal(one('$0.47 = 0.5 - 0.1 \\times 0.3$').status, 'verified');
});

test('two literals: the fewer digits decide', () => {
  assert.equal(one('$0.6225 \\approx 0.62$').status, 'verified');
  assert.equal(one('$0.6225 \\approx 0.63$').status, 'failed');
});

test('two exact expressions: relative 1e-9, rounded decimals on the right allowed for', () => {
  assert.equal(one('$\\frac{6}{4} = \\frac{3}{2}$').status, 'verified');
  assert.equal(one('$\\frac{6}{4} = \\frac{4}{3}$').status, 'failed');
  assert.equal(one('$\\frac{1}{1+e^{-0.5}} = \\frac{1}{1.6065}$').status, 'verified');
  assert.equal(one('$\\frac{1}{1+e^{-0.5}} = \\frac{1}{1.7}$').status, 'failed');
});

test('≈ with a round integer claims its leading digits; = claims all', () => {
  assert.equal(one('$2^{10} \\approx 1000$').status, 'verified');
  assert.equal(one('$2^{10} = 1000$').status, 'failed');
});

test('inequalities compare as written; with names they are conditions', () => {
  assert.equal(one('$0.3 < 0.5$').status, 'verified');
  assert.equal(one('$0.3 \\ge 0.5$').status, 'failed');
  assert.equal(one('$n > d$', { n: 1, d: 2 }).status, 'skipped');
});

test('percent and scientific literals', () => {
  const r = one('$\\frac{45}{50} = 91\\%$');
  assert.equal(r.status, 'failed');
  assert.equal(r.links[0].written?.replacement, '90');
  assert.equal(one('$1500 \\times 2 \\approx 3.0 \\times 10^{3}$').status, 'verified');
  const s = one('$1500 \\times 3 \\approx 3.0 \\times 10^{3}$');
  assert.equal(s.links[0].written?.replacement, '4.5');
});

test('names are evaluated only when bound at that line', () => {
  // A lone name on the left binds it, like a dl-calc assignment: the first link is no claim.
  const text = '$w_{new} = 0.5 - 0.1 \\times 0.3 = \\mathbf{0.47}$';
  const unbound = one(text);
  assert.equal(unbound.status, 'verified');
  assert.equal(unbound.binds, 'w_new');
  assert.equal(unbound.links[0].ok, undefined);
  assert.equal(unbound.links[0].reason, 'binding');
  assert.equal(one(text, { w_new: 0.5 }).status, 'verified');
  const uses = checkLatexChains('$w_{new} \\cdot 2 = 0.94$', envWith({ w_new: 0.47 }));
  assert.equal(uses[0].status, 'verified');
  assert.equal(checkLatexChains('$w_{new} \\cdot 2 = 0.84$', envWith({ w_new: 0.47 }))[0].status, 'failed');
  const later = checkLatexChains('$\\eta \\cdot 2 = 0.2$\n\n$\\eta \\cdot 2 = 0.2$', envWith({ eta: 0.1 }, 2));
  assert.deepEqual(later.map((r) => r.status), ['skipped', 'verified']);
});

test('quick fix keeps the minus sign, bold and grouping out of the range', () => {
  const r = one('$3 \\times 3 \\times 64 \\times 128 = \\mathbf{73{,}729}$');
  assert.equal(r.links[0].written?.text, '73{,}729');
  assert.equal(r.links[0].written?.replacement, '73{,}728');
  const n = one('$-0.4 \\cdot 0.622 = -0.259$');
  assert.equal(n.links[0].written?.replacement, '-0.249');
});

test('symbolic identities are checked only when asked', () => {
  assert.equal(one('$2 \\times 9C^2 = 18C^2$').status, 'skipped');
  assert.equal(one('$2 \\times 9C^2 = 18C^2$', {}, true).status, 'verified');
  assert.equal(one('$2 \\times 9C^2 = 17C^2$', {}, true).status, 'failed');
  // A definition is not an identity.
  assert.equal(one('$y = 2x$', {}, true).status, 'skipped');
});

test('display rows: each row a chain, ranges on their own lines', () => {
  const text = '$$\n\\begin{aligned}\ng &= 0.1 \\times 0.3 \\\\\n  &= 0.04\n\\end{aligned}\n$$';
  const r = checkLatexChains(text, envWith());
  assert.deepEqual(r.map((x) => [x.range.start.line, x.status]), [[2, 'skipped'], [3, 'failed']]);
  assert.equal(r[1].links[0].message, '0.1 × 0.3 = 0.03, but 0.04 is written');
  assert.deepEqual(r[1].links[0].written?.range, { start: { line: 3, character: 5 }, end: { line: 3, character: 9 } });
});
