// argmax and argmin (a piecewise-constant function of its arguments: its derivative is 0
// wherever it is defined), ellipses written out, and piecewise claims judged on every
// piece. Fixture notes written for these tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LatexLink } from '../../../src/engine/latex';
import { check, linkOn, verdictOn } from './claims';
import { useBundle } from '../../../src/engine/messages';

/** The first point's coordinates of a link, in the order sampled. */
function coordinates(l: LatexLink): number[][] {
  return l.sampled!.points.map((p) => l.sampled!.variables.map((v) => p.at[v]));
}

test('argmax: its gradient is 0 away from ties; a claim of 1 is flagged with the point and both values', () => {
  const note = [
    '$$y = \\arg\\max(x_1, x_2, x_3)$$', // 1
    '',
    '$$\\frac{\\partial y}{\\partial x_2} = 0$$', // 3
    '',
    '$$\\frac{\\partial y}{\\partial x_2} = 1$$', // 5
    '',
    '$$\\frac{\\partial}{\\partial x_1} \\operatorname{argmax}(x_1, x_2) = 0$$', // 7
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 1), 'skipped: binding');
  assert.equal(verdictOn(rs, 3), 'verified');
  assert.equal(verdictOn(rs, 7), 'verified');
  assert.equal(verdictOn(rs, 5), 'wrong');
  const wrong = linkOn(rs, 5)!;
  assert.match(wrong.message!, /^at x1 = [−\d.]+, x2 = [−\d.]+, x3 = [−\d.]+ the derivative of y is 0, the right side gives 1$/u);
  // No point is taken at or near a tie.
  for (const p of coordinates(linkOn(rs, 3)!)) {
    for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) assert.ok(Math.abs(p[i] - p[j]) > 1e-3, `a tie at ${p}`);
  }
  // The quick fix's block differentiates argmax's conditionals by differences: it shows 0 and 1.
  assert.match(wrong.sampled!.block!, /check_f\(x1, x2, x3\) = .*x1 >= x2 and x1 >= x3.*\?/u);
});

test('argmin written \\operatorname*{arg\\,min} over an ellipsis, and the letters argmax', () => {
  const note = [
    '$$z = \\operatorname*{arg\\,min}(x_1, \\ldots, x_4)$$', // 1
    '$$\\frac{\\partial z}{\\partial x_3} = 1$$', // 2
    '$$\\frac{\\partial z}{\\partial x_4} = 0$$', // 3
    '$$\\frac{\\partial}{\\partial x_1} argmax(x_1, x_2) = 0$$', // 4
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 2), 'wrong');
  assert.deepEqual(linkOn(rs, 2)!.sampled!.variables, ['x1', 'x2', 'x3', 'x4']);
  assert.equal(verdictOn(rs, 3), 'verified');
  assert.equal(verdictOn(rs, 4), 'verified');
});

test('max: its gradient is 1 at the arg-max index (an indicator of argmax) and 0 elsewhere', () => {
  const note = [
    '$$\\frac{\\partial}{\\partial x_1} \\max(x_1, x_2, x_3) = \\begin{cases} 1 & 1 = \\arg\\max(x_1, x_2, x_3) \\\\ 0 & \\text{otherwise} \\end{cases}$$', // 1
    '$$\\frac{\\partial}{\\partial x_1} \\max(x_1, x_2, x_3) = \\begin{cases} 0 & 1 = \\arg\\max(x_1, x_2, x_3) \\\\ 1 & \\text{otherwise} \\end{cases}$$', // 2
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 1), 'verified');
  // Verified means every piece was reached: some point has x1 the largest, some not.
  const pts = coordinates(linkOn(rs, 1)!);
  assert.ok(pts.some((p) => p[0] > p[1] && p[0] > p[2]) && pts.some((p) => !(p[0] > p[1] && p[0] > p[2])));
  assert.equal(verdictOn(rs, 2), 'wrong');
});

test('a piecewise claim wrong on one piece only is never verified', () => {
  // The claim is right where x1 is not the largest and wrong where it is: the piece where
  // it is wrong must be reached before a ✓, and a claim right on part of the domain is not
  // flagged either (the rule for claims true on part of the domain).
  const note = [
    '$$y = \\arg\\max(x_1, x_2, x_3)$$',
    '$$\\frac{\\partial y}{\\partial x_1} = \\begin{cases} 1 & 1 = \\arg\\max(x_1, x_2, x_3) \\\\ 0 & \\text{otherwise} \\end{cases}$$', // 2
  ].join('\n');
  const rs = check(note);
  assert.match(verdictOn(rs, 2), /^skipped: holds at \d+ of \d+ points, fails at \d+: not decided$/);
});

test('an ellipsis with whole-number ends is written out; argmax over an index is skipped with a reason', () => {
  const note = [
    '$$\\frac{\\partial}{\\partial x_1} (x_1 + \\cdots + x_4)^2 = 2(x_1 + x_2 + x_3 + x_4)$$', // 1
    '$$\\frac{\\partial}{\\partial x_2} (x_1 + \\cdots + x_4)^2 = 2 x_2$$', // 2
    '$$\\frac{\\partial}{\\partial w} \\arg\\max_i (w x_i) = 0$$', // 3
    '$$\\frac{\\partial}{\\partial x_1} (x_1 + \\cdots + x_{30}) = 1$$', // 4
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 1), 'verified');
  assert.equal(verdictOn(rs, 2), 'wrong');
  assert.equal(verdictOn(rs, 3), 'skipped: argmax without its arguments in brackets (over an index, or of a vector)');
  assert.equal(verdictOn(rs, 4), 'skipped: an ellipsis of more than 20 terms');
});

test('argmax in Chinese: the skip reasons are said in the reader\'s language', () => {
  const zh = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8');
  useBundle(JSON.parse(zh));
  try {
    const rs = check('$$\\frac{\\partial}{\\partial w} \\arg\\max_i (w x_i) = 0$$');
    assert.equal(verdictOn(rs, 1), 'skipped: argmax 后面没有用括号写出自变量（按下标取或对向量取）');
  } finally {
    useBundle(undefined);
  }
});
