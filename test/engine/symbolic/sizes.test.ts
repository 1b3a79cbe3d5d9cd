// Sums and lists whose size is a letter (`\sum_{i=1}^{n}`, `x_1, \ldots, x_D`) and
// derivatives by an index (`\partial x_i`): checked for small sizes with every index in
// turn. Fixture notes written for these tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLatexChains, checkSpans, findMathSpans, headingLines, SpanCache, type LatexChainResult, type LatexLink } from '../../../src/engine/latex';

const env = { lookup: () => undefined, evaluate: () => Number.NaN };
function check(note: string, symbolic = false): LatexChainResult[] {
  return checkLatexChains(note, env, { symbolic });
}
function links(results: LatexChainResult[], line: number): readonly LatexLink[] {
  return results.find((r) => r.range.start.line + 1 === line)?.links ?? [];
}
function verdict(l: LatexLink | undefined): string {
  if (!l) return 'no link';
  return l.ok === true ? 'verified' : l.ok === false ? 'wrong' : `skipped: ${l.reason}`;
}
const first = (rs: LatexChainResult[], line: number) => verdict(links(rs, line).find((l) => l.ok !== undefined) ?? links(rs, line)[0]);
const flagged = (rs: LatexChainResult[]) => rs.filter((r) => r.status === 'failed').map((r) => r.range.start.line + 1);

test('a mean squared error over n points: its gradient right and with the factor 2 lost', () => {
  const note = [
    '$$L = \\frac{1}{n} \\sum_{i=1}^{n} (w x_i - y_i)^2$$', // 1
    '',
    '$$\\frac{\\partial L}{\\partial w} = \\frac{2}{n} \\sum_{i=1}^{n} (w x_i - y_i) x_i$$', // 3
    '',
    '$$\\frac{\\partial L}{\\partial w} = \\frac{1}{n} \\sum_{i=1}^{n} (w x_i - y_i) x_i$$', // 5
  ].join('\n');
  const rs = check(note);
  assert.equal(first(rs, 1), 'skipped: binding');
  assert.equal(first(rs, 3), 'verified');
  const right = links(rs, 3)[0];
  // Checked at points in w and the fresh symbols x1, y1, …, for each size.
  assert.deepEqual(right.sampled!.variables.slice(0, 3), ['w', 'x1', 'y1']);
  assert.match(right.sampled!.checkedAt, /^checked at \(w, x1, y1, x2, y2, x3, y3\) = .* \(for n = 3, 4, 2\)$/u);
  assert.equal(first(rs, 5), 'wrong');
  const wrong = links(rs, 5)[0];
  assert.match(wrong.message!, /^at n = 3, w = [−\d.]+, x1 = [−\d.]+, .* the derivative of L is [−\d.]+, the right side gives [−\d.]+$/u);
  // The message's values are the two sides at that point: the right side is half the derivative.
  const f = wrong.sampled!.failing!;
  assert.ok(Math.abs(f.left - 2 * f.right) < 1e-9 * Math.abs(f.left));
  assert.deepEqual(flagged(rs), [5]);
});

test('sums with a symbolic bound in a derivation: each row an identity at random points', () => {
  const note = [
    '$$\\sum_{i=1}^{n} (a x_i + b)^2 = a^2 \\sum_{i=1}^{n} x_i^2 + 2ab \\sum_{i=1}^{n} x_i + n b^2 = a^2 \\sum_{i=1}^{n} x_i^2 + n b^2$$', // 1
    '$$\\sum_{k=0}^{N} c x_k = c \\sum_{k=0}^{N} x_k$$', // 2
  ].join('\n');
  const rs = check(note, true);
  const row = links(rs, 1);
  assert.equal(verdict(row[0]), 'verified');
  assert.equal(verdict(row[1]), 'wrong');
  assert.match(row[1].message!, /^at n = 3, a = /u);
  assert.equal(first(rs, 2), 'verified'); // from k = 0: N + 1 terms
});

test('argmax over x_1, …, x_D: the gradient by x_i is 0 for every i, never 1 at the arg-max index', () => {
  const note = [
    '$$y = \\arg\\max(x_1, \\ldots, x_D)$$', // 1
    '',
    '$$\\frac{\\partial y}{\\partial x_i} = \\begin{cases} 1 & i = \\arg\\max(x_1, \\ldots, x_D) \\\\ 0 & \\text{otherwise} \\end{cases}$$', // 3
    '',
    '$$\\frac{\\partial y}{\\partial x_i} = 0$$', // 5
    '',
    '$$\\frac{\\partial}{\\partial x_i} \\max(x_1, \\ldots, x_D) = \\begin{cases} 1 & i = \\arg\\max(x_1, \\ldots, x_D) \\\\ 0 & \\text{otherwise} \\end{cases}$$', // 7
  ].join('\n');
  const rs = check(note);
  assert.equal(first(rs, 3), 'wrong');
  const wrong = links(rs, 3)[0];
  assert.match(wrong.message!, /^at D = 3, i = [123], x1 = [−\d.]+, x2 = [−\d.]+, x3 = [−\d.]+ the derivative of y is 0, the right side gives 1$/u);
  // The index named is the arg-max index at that point.
  const at = wrong.sampled!.failing!.at;
  const xs = [at.x1, at.x2, at.x3];
  assert.equal(at.i, xs.indexOf(Math.max(...xs)) + 1);
  assert.equal(first(rs, 5), 'verified');
  assert.match(links(rs, 5)[0].sampled!.checkedAt, /\(for D = 3, 4, 2, each i in turn\)$/u);
  assert.equal(first(rs, 7), 'verified');
  assert.deepEqual(flagged(rs), [3]);
});

test('what is not read exactly is skipped with the reason, never flagged', () => {
  const note = [
    '$$L = \\sum_{i=1}^{n} \\sum_{j=1}^{m} (x_{ij} - \\mu_j)^2$$', // 1
    '$$\\frac{\\partial L}{\\partial \\mu_j} = 5$$', // 2
    '$$\\sum_{i=1}^{n-1} x_i = 7 x_n$$', // 3
    '$$\\frac{\\partial}{\\partial x_i} \\sum_{k=1}^{n} x_k^2 = 2 x_i$$', // 4
    '$$\\sum_{i=1}^{T} h_i = T$$', // 5
  ].join('\n');
  const rs = check(note, true);
  assert.deepEqual(flagged(rs), []);
  assert.equal(first(rs, 2), 'skipped: an index inside a longer subscript (x_{ij}, x_{i-1}): which name it means cannot be read');
  assert.match(first(rs, 3), /^skipped: /); // n - 1 is not a size letter
  assert.equal(first(rs, 4), 'verified');
});

test('a size letter the note bound to a number is still drawn small (the claim is about every size)', () => {
  const note = ['$n = 227$', '$$\\sum_{i=1}^{n} 2 x_i = 2 \\sum_{i=1}^{n} x_i$$'].join('\n');
  const rs = check(note, true);
  assert.equal(first(rs, 2), 'verified');
});

test('a note with sizes checked with the span cache equals a fresh check, after edits above and below', () => {
  const parts = [
    '$$L = \\frac{1}{n} \\sum_{i=1}^{n} (w x_i - y_i)^2$$',
    '$$\\frac{\\partial L}{\\partial w} = \\frac{2}{n} \\sum_{i=1}^{n} (w x_i - y_i) x_i$$',
    '$$y = \\arg\\max(x_1, \\ldots, x_D)$$',
    '$$\\frac{\\partial y}{\\partial x_i} = 1$$',
    '$$\\frac{\\partial L}{\\partial w} = \\frac{1}{n} \\sum_{i=1}^{n} (w x_i - y_i) x_i$$',
  ];
  const cache = new SpanCache();
  const run = (text: string, c?: SpanCache) => checkSpans(findMathSpans(text), env, {}, headingLines(text), c);
  const edits = [
    (p: string[]) => p,
    (p: string[]) => [...p.slice(0, 2), '$$\\frac{\\partial L}{\\partial w} = 0$$', ...p.slice(2)],
    (p: string[]) => ['$$L = w$$', ...p.slice(1)],
    (p: string[]) => p.map((x) => x.replace('x_D', 'x_N')),
  ];
  for (const edit of edits) {
    const text = edit(parts).join('\n\n');
    const warm = run(text, cache);
    assert.deepEqual(warm, run(text));
    assert.deepEqual(run(text, cache), warm);
  }
});
