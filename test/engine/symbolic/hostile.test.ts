// Notes are untrusted: the symbolic checks end, with a skip, on definitions that grow
// exponentially, deep nesting, thousands of claims, and names of sandboxed functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLatexChains, type LatexChainResult } from '../../../src/engine/latex';

const env = { lookup: () => undefined, evaluate: () => Number.NaN };
const flagged = (rs: LatexChainResult[]) => rs.filter((r) => r.status === 'failed').length;
// A generous bound on a loaded machine: the point is that it ends, not how fast.
const BOUND = { timeout: 120_000 };

test('definitions that double at each step end with a skip', BOUND, () => {
  const lines = ['$x_0 = a + 1$'];
  for (let i = 1; i <= 60; i++) lines.push(`$x_{${i}} = x_{${i - 1}} x_{${i - 1}}$`);
  lines.push('$$\\frac{\\partial x_{60}}{\\partial a} = 2 x_{60}$$');
  const rs = checkLatexChains(lines.join('\n'), env);
  const last = rs[rs.length - 1].links[0];
  assert.equal(last.ok, undefined);
  assert.match(last.reason ?? '', /too large|nest too deeply/);
});

test('deep nesting in a claim and a definition ends with a skip', BOUND, () => {
  const deep = '('.repeat(3000) + 'x' + ')'.repeat(3000);
  const note = [`$f(x) = ${deep}$`, `$f'(x) = ${deep}$`, `$$\\frac{d}{dx} ${deep} = 1$$`].join('\n');
  assert.equal(flagged(checkLatexChains(note, env)), 0);
});

test('two thousand derivative claims and identities end', BOUND, () => {
  const lines = ['$$g(x) = \\frac{x}{1 + e^{-x}}$$'];
  for (let i = 0; i < 1000; i++) lines.push(`$$g'(x) = \\frac{1}{1 + e^{-x}} + ${i} x$$`, `$(a + ${i})^2 = a^2 + ${2 * i} a + ${i * i} = (a + ${i})(a + ${i})$`);
  const rs = checkLatexChains(lines.join('\n'), env);
  assert.equal(rs.length, 2001);
  // Every identity holds: none of them is flagged.
  assert.equal(rs.filter((r) => r.links.some((l) => l.ok === false && !r.latex.startsWith("g'"))).length, 0);
});

test('names of the sandbox\'s disabled functions are never called', BOUND, () => {
  const note = [
    '$\\text{evaluate}(x) = x^2$',
    "$\\text{evaluate}'(x) = 2x$",
    "$$\\frac{d}{dx} \\text{import}(x) = 1$$",
    '$\\text{parse}(x) + 1 = 1 + \\text{parse}(x) = \\text{parse}(x) + 1$',
  ].join('\n');
  const rs = checkLatexChains(note, env);
  assert.equal(rs[1].links[0].ok, true, 'a note may name its own function evaluate: it is substituted, never called');
  assert.equal(flagged(rs), 0);
});

test('sums nested to grow without bound, many indicators and long lists of definitions end with a skip', BOUND, () => {
  const nested = '\\sum_{a=1}^{20} '.repeat(6) + 'x';
  const indicators = Array.from({ length: 40 }, (_, i) => `\\mathbb{1}[x > ${i}]`).join(' + ');
  const list = Array.from({ length: 500 }, (_, i) => `f_{${i}}(x) = x^{${i % 7}}`).join(', ');
  const note = [
    `$$s(x) = ${nested}$$`,
    "$$s'(x) = 1$$",
    `$$\\frac{d}{dx} ${nested} = 0$$`,
    '$$m(x) = x$$',
    `$$m'(x) = ${indicators}$$`,
    `$$${list}$$`,
    `$$\\frac{d}{dx} \\sum_{i=1}^{99999999999999999999} x = 1$$`,
  ].join('\n');
  const rs = checkLatexChains(note, env);
  assert.equal(flagged(rs), 0);
  assert.match(rs[2].links[0].reason ?? '', /sum|too large/);
  assert.match(rs[6].links[0].reason ?? '', /more than 20 terms/);
});

test('sizes, indices, ellipses and argmax built to grow end with a skip or a verdict', BOUND, () => {
  const args = Array.from({ length: 30 }, (_, i) => `x_{${i + 1}}`).join(', ');
  const lines = [
    '$$y = \\arg\\max(x_1, \\ldots, x_{99999})$$',
    '$$\\frac{\\partial y}{\\partial x_1} = 0$$',
    `$$z = \\arg\\max(${args})$$`,
    '$$\\frac{\\partial z}{\\partial x_1} = 0$$',
    '$$\\frac{\\partial}{\\partial x_i \\partial w_j \\partial v_k} \\sum_{a=1}^{n} \\sum_{b=1}^{m} \\sum_{c=1}^{p} x_a w_b v_c = 1$$',
    `$$L = ${'\\sum_{i=1}^{n} '.repeat(8)}x_i$$`,
    '$$\\frac{\\partial L}{\\partial x_1} = 1$$',
  ];
  // Two hundred claims with sizes and an index each.
  for (let i = 0; i < 200; i++) lines.push(`$$\\frac{\\partial}{\\partial x_i} \\sum_{k=1}^{n} (x_k + ${i})^2 = 2 (x_i + ${i})$$`);
  const rs = checkLatexChains(lines.join('\n'), env);
  assert.equal(flagged(rs), 0);
  assert.match(rs[1].links[0].reason ?? '', /ellipsis of more than 20|not defined/);
  assert.equal(rs.slice(7).filter((r) => r.status === 'verified').length, 200);
});
