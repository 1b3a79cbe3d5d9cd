// Derivative notation read on the parser's nodes (primes, Leibniz, ∇), second derivatives,
// indicators, bounded sums, rows listing definitions, and skip reasons in the reader's
// language: fixture notes written for these tests (never copied from real notes).
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkLatexChains, type LatexChainResult, type LatexLink } from '../../../src/engine/latex';
import { useBundle } from '../../../src/engine/messages';

const root = path.join(__dirname, '..', '..', '..', '..');

function check(note: string, symbolic = false): LatexChainResult[] {
  return checkLatexChains(note, { lookup: () => undefined, evaluate: () => Number.NaN }, { symbolic });
}
/** The symbolic link (or the first with a verdict) of the chain on `line` (1-based), `nth` for a row with several. */
function linkOn(results: LatexChainResult[], line: number, nth = 0): LatexLink | undefined {
  const chain = results.find((r) => r.range.start.line + 1 === line);
  const decided = chain?.links.filter((l) => l.ok !== undefined || l.sampled) ?? [];
  return decided[nth] ?? chain?.links.find((l) => l.reason && l.reason !== 'binding') ?? chain?.links[0];
}
function verdictOn(results: LatexChainResult[], line: number, nth = 0): string {
  const l = linkOn(results, line, nth);
  if (!l) return 'no chain';
  return l.ok === true ? 'verified' : l.ok === false ? 'wrong' : `skipped: ${l.reason}`;
}
const flagged = (rs: LatexChainResult[]) => rs.filter((r) => r.status === 'failed').map((r) => r.range.start.line + 1);

afterEach(() => useBundle(undefined));

test('second derivatives: f\'\'(x), d²/dx², d²g/dx² of a defined function, a mixed partial; order 3 is skipped', () => {
  const note = [
    '$$f(x) = x^3 e^{x}$$', // 1
    '$$f\'\'(x) = (6x + 6x^2 + x^3) e^{x}$$', // 2
    '$$f\'\'(x) = (6x + 3x^2 + x^3) e^{x}$$', // 3: one term lost
    '$$\\frac{d^2}{dx^2} \\sin(x) = -\\sin(x)$$', // 4
    '$$g(t) = \\ln(1 + t^2)$$', // 5
    '$$\\frac{d^2 g}{dt^2} = \\frac{2(1 - t^2)}{(1 + t^2)^2}$$', // 6
    '$$h(a, b) = a^2 b^3 + \\sin(a b)$$', // 7
    '$$\\frac{\\partial^2 h(a, b)}{\\partial a \\partial b} = 6 a b^2 + \\cos(a b) - a b \\sin(a b)$$', // 8
    '$$\\frac{\\partial^2 h(a, b)}{\\partial a \\partial b} = 6 a b^2 + \\cos(a b)$$', // 9: the product rule's second term lost
    '$$f\'\'\'(x) = 0$$', // 10
    '$$\\tanh\'\'(x) = -2 \\tanh(x) (1 - \\tanh^2(x))$$', // 11
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 2), 'verified');
  assert.equal(verdictOn(rs, 3), 'wrong');
  assert.match(linkOn(rs, 3)!.message!, /^at x = −?[\d.]+ the second derivative of f is −?[\d.]+, the right side gives −?[\d.]+$/u);
  // The quick fix's block differentiates twice, by second differences.
  assert.match(linkOn(rs, 3)!.sampled!.block!, /check_f\(x \+ [\d.e-]+\) - 2 \* check_f\(x\) \+ check_f\(x - [\d.e-]+\)\) \/ [\d.e-]+\^2/);
  assert.equal(verdictOn(rs, 4), 'verified');
  assert.equal(verdictOn(rs, 6), 'verified');
  assert.equal(verdictOn(rs, 8), 'verified');
  assert.deepEqual(linkOn(rs, 8)!.sampled!.variables, ['a', 'b']);
  assert.equal(verdictOn(rs, 9), 'wrong');
  assert.equal(linkOn(rs, 9)!.sampled!.block, undefined); // a mixed partial: no block
  assert.equal(verdictOn(rs, 10), 'skipped: derivatives of order 3 and more are not checked');
  assert.equal(verdictOn(rs, 11), 'verified');
  assert.deepEqual(flagged(rs), [3, 9]);
});

test('the gradient by one scalar name is its partial derivative; ∇ without the name is skipped', () => {
  const note = [
    '$$L = \\frac{1}{2}(w x + b - t)^2 + \\frac{\\lambda}{2} w^2$$', // 1
    '$$\\nabla_w L = (w x + b - t) x + \\lambda w$$', // 2
    '$$\\nabla_{b} L = w x + b - t$$', // 3
    '$$\\nabla_w L = (w x + b - t) x$$', // 4: the regulariser's gradient lost
    '$$\\nabla L = 0$$', // 5
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 2), 'verified');
  assert.equal(verdictOn(rs, 3), 'verified');
  assert.equal(verdictOn(rs, 4), 'wrong');
  assert.match(linkOn(rs, 4)!.message!, /the derivative of L is/);
  assert.equal(verdictOn(rs, 5), 'skipped: a gradient without its variable (write \\nabla_w)');
  assert.deepEqual(flagged(rs), [4]);
});

test('indicators: ReLU′ as 𝟙[x > 0] and 1{x > 0}, a wrong one flagged, an indicator of an equality skipped', () => {
  const note = [
    '$$r(x) = \\max(0, x)$$', // 1
    '$$r\'(x) = \\mathbb{1}[x > 0]$$', // 2
    '$$r\'(x) = 1\\{x > 0\\}$$', // 3
    '$$r\'(x) = \\mathbb{1}[x < 0]$$', // 4: the wrong side
    '$$q(x) = x^2 \\mathbf{1}_{x \\ge 0}$$', // 5
    '$$q\'(x) = 2x \\, \\mathbb{1}(x \\geq 0)$$', // 6
    '$$q\'(x) = \\mathbb{1}[x = 0]$$', // 7
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 2), 'verified');
  assert.equal(verdictOn(rs, 3), 'verified');
  assert.equal(verdictOn(rs, 4), 'wrong');
  // Points keep away from the kink at 0: no sampled x is 0.
  assert.ok(linkOn(rs, 2)!.sampled!.points.every((p) => Math.abs(p.at.x) > 1e-3));
  assert.equal(verdictOn(rs, 6), 'verified');
  assert.equal(verdictOn(rs, 7), 'skipped: an indicator of an equality (it is 0 at almost every random point)');
  assert.deepEqual(flagged(rs), [4]);
});

test('sums with whole-number bounds are written out; a symbolic bound is checked for small sizes (sizes.test.ts)', () => {
  const note = [
    '$$p(x) = \\sum_{k=0}^{4} x^k$$', // 1
    '$$p\'(x) = 1 + 2x + 3x^2 + 4x^3$$', // 2
    '$$p\'(x) = \\sum_{k=1}^{4} k x^{k-1}$$', // 3
    '$$p\'(x) = \\sum_{k=1}^{4} k x^{k}$$', // 4: wrong power
    '$$\\frac{d}{dx} \\sum_{i=1}^{n} x^i = \\sum_{i=1}^{n} i x^{i-1}$$', // 5
    '$$\\frac{d}{dx} \\sum_{i=1}^{500} x = 500$$', // 6
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 2), 'verified');
  assert.equal(verdictOn(rs, 3), 'verified');
  assert.equal(verdictOn(rs, 4), 'wrong');
  assert.equal(verdictOn(rs, 5), 'verified');
  assert.match(linkOn(rs, 5)!.sampled!.checkedAt, /\(for n = 3, 4, 2\)$/u);
  assert.equal(verdictOn(rs, 6), 'skipped: a sum of more than 20 terms');
  assert.deepEqual(flagged(rs), [4]);
  // An identity with a written-out sum: behind the single-= setting.
  const id = '$$\\sum_{i=1}^{3} i x^i = x + 2x^2 + 3x^3$$\n\n$$\\sum_{i=1}^{3} i x^i = x + 2x^2 + 4x^3$$';
  assert.deepEqual(flagged(check(id)), []);
  const on = check(id, true);
  assert.equal(verdictOn(on, 1), 'verified');
  assert.equal(verdictOn(on, 3), 'wrong');
});

test('a row listing definitions is split at its commas: each item defines, a derivative item is checked', () => {
  const note = [
    '$$f(x) = x^2, \\quad g(x) = \\sin(x)$$', // 1
    '$$f\'(x) = 2x$$', // 2
    '$$g\'(x) = \\cos(x)$$', // 3
    '$$u(x) = e^{2x}, u\'(x) = 2 e^{2x}$$', // 4
    '$$v(x) = e^{2x}, v\'(x) = e^{2x}$$', // 5: the chain-rule factor lost
    '$$s = (1, 2), t = 3$$', // 6: a tuple, not definitions to check
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 2), 'verified');
  assert.equal(verdictOn(rs, 3), 'verified');
  assert.equal(verdictOn(rs, 4), 'verified');
  assert.equal(verdictOn(rs, 5), 'wrong');
  // The flagged link is the second item's, numbered as in the whole row.
  const chain5 = rs.find((r) => r.range.start.line + 1 === 5)!;
  assert.equal(chain5.links.findIndex((l) => l.ok === false), 1);
  assert.deepEqual(flagged(rs), [5]);
});

test('the derivative notations students write all reach the same check', () => {
  const forms = [
    "$$w'(x) = 3x^2$$",
    "$$w^{'}(x) = 3x^2$$",
    '$$w^{\\prime}(x) = 3x^2$$',
    '$$\\frac{d}{dx} w(x) = 3x^2$$',
    '$$\\frac{dw}{dx} = 3x^2$$',
    '$$\\frac{d w(x)}{dx} = 3x^2$$',
    '$$\\frac{\\mathrm{d}}{\\mathrm{d}x} w(x) = 3x^2$$',
  ];
  for (const f of forms) {
    const rs = check(`$$w(x) = x^3$$\n${f}\n${f.replace('3x^2', '2x^2')}`);
    assert.equal(verdictOn(rs, 2), 'verified', f);
    assert.equal(verdictOn(rs, 3), 'wrong', f);
  }
});

test('skip reasons and verdicts are said in the reader\'s language (Chinese bundle)', () => {
  const zh = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
  useBundle(zh);
  const rs = check(['$$f\'\'\'(x) = 0$$', '$$\\frac{\\partial L}{\\partial w} = 2w$$', '$$k(x) = x^3$$', "$$k''(x) = 3x$$"].join('\n'));
  assert.equal(linkOn(rs, 1)!.reason, '三阶及以上的导数不检验');
  assert.equal(linkOn(rs, 2)!.reason, '上文没有定义 L');
  assert.match(linkOn(rs, 4)!.message!, /^在 x = −?[\d.]+ 处，k 的二阶导数为 −?[\d.]+，右边为 −?[\d.]+$/u);
});
