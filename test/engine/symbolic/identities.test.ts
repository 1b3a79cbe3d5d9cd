// The numeric core of the symbolic checks, on translated (mathjs) expressions: derivative
// claims against the note's definitions and identities, at seeded points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSymbolicClaim, type SymbolicClaim, type SymbolicScope } from '../../../src/engine/latex/identities';
import type { Definition } from '../../../src/engine/latex/symbolicExpr';
import { env } from './helpers';

function scope(definitions: Definition[] = [], bound: Record<string, number> = {}): SymbolicScope {
  return { definitions, bound: (n) => bound[n] };
}
const d = (of: string, variable: string, right: string, label = of): SymbolicClaim => ({ kind: 'derivative', of, variable, right, label });
const id = (left: string, right: string): SymbolicClaim => ({ kind: 'identity', left, right });
const status = (c: SymbolicClaim, s = scope()) => {
  const v = checkSymbolicClaim(c, s, env);
  return v.status === 'skipped' ? `skipped: ${v.reason}` : v.status;
};

const swish: Definition = { name: 'Swish', params: ['x'], expression: 'x / (1 + exp(-x))' };
const gelu: Definition = { name: 'GELU', params: ['x'], expression: '0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x ^ 3)))' };

test('activations: tanh, sigmoid, softplus derivatives hold; a wrong one does not', () => {
  assert.equal(status(d('tanh(x)', 'x', '1 - tanh(x)^2')), 'verified');
  assert.equal(status(d('sigmoid(z)', 'z', 'sigmoid(z) * (1 - sigmoid(z))')), 'verified');
  assert.equal(status(d('softplus(x)', 'x', 'sigmoid(x)')), 'verified');
  assert.equal(status(d('tanh(x)', 'x', '1 - tanh(x)')), 'wrong');
  assert.equal(status(d('sigmoid(z)', 'z', 'sigmoid(z) * (1 + sigmoid(z))')), 'wrong');
});

test('Swish: the true derivative is verified, the one missing the quotient rule is flagged with its point', () => {
  const s = scope([swish]);
  assert.equal(status(d('Swish(x)', 'x', 'Swish(x) + sigmoid(x) * (1 - Swish(x))', 'Swish'), s), 'verified');
  const v = checkSymbolicClaim(d('Swish(x)', 'x', '(1 + exp(-x))^(-2) * exp(-x) * (1 - x)', 'Swish'), s, env);
  assert.equal(v.status, 'wrong');
  assert.ok(v.status === 'wrong' && v.failing);
  const { at, left, right } = v.failing;
  // Both values are those of the two sides at the reported point.
  const x = at.x;
  const sig = 1 / (1 + Math.exp(-x));
  assert.ok(Math.abs(left - (sig + x * sig * (1 - sig))) < 1e-9);
  assert.ok(Math.abs(right - (1 + Math.exp(-x)) ** -2 * Math.exp(-x) * (1 - x)) < 1e-12);
});

test('GELU (tanh form): with the chain-rule factor verified, without it flagged', () => {
  const s = scope([gelu]);
  const inner = 'sqrt(2 / pi) * (x + 0.044715 * x ^ 3)';
  const right = `0.5 * (1 + tanh(${inner})) + 0.5 * x * sqrt(2 / pi) * (1 + 3 * 0.044715 * x ^ 2) * (1 - tanh(${inner}) ^ 2)`;
  const dropped = `0.5 * (1 + tanh(${inner})) + 0.5 * x * sqrt(2 / pi) * (1 - tanh(${inner}) ^ 2)`;
  assert.equal(status(d('GELU(x)', 'x', right), s), 'verified');
  assert.equal(status(d('GELU(x)', 'x', dropped), s), 'wrong');
});

test('GELU exact (erf): central differences, since derivative does not know erf', () => {
  const v = checkSymbolicClaim(d('gelu(x)', 'x', '0.5 * (1 + erf(x / sqrt(2))) + x * exp(-x^2 / 2) / sqrt(2 * pi)'), scope(), env);
  assert.equal(v.status, 'verified');
  assert.ok(v.status === 'verified' && v.method === 'central difference');
  assert.equal(status(d('gelu(x)', 'x', '0.5 * (1 + erf(x / sqrt(2)))')), 'wrong');
});

test('ReLU and max: never sampled at the kink, the gradient holds on both sides', () => {
  assert.equal(status(d('relu(x)', 'x', 'x > 0 ? 1 : 0')), 'verified');
  assert.equal(status(d('max(0, x)', 'x', 'x > 0 ? 1 : 0')), 'verified');
  assert.equal(status(d('abs(x)', 'x', 'sign(x)')), 'verified');
  // Wrong on one side only: fails at about half of the points, so it is not decided.
  assert.match(status(d('relu(x)', 'x', '1')), /^skipped: holds at \d of 5 points/);
  assert.equal(status(d('relu(x)', 'x', 'x > 0 ? 0 : 1')), 'wrong');
});

test('a computation graph: local partials keep the variable, other names expand', () => {
  const graph = scope([
    { name: 'x', expression: '2 * w + 3 * b' },
    { name: 'y', expression: '2 * b + 1' },
    { name: 'z', expression: 'x * y' },
  ], { w: 3, b: 4 });
  assert.equal(status(d('z', 'w', '4 * b + 2'), graph), 'verified');
  assert.equal(status(d('z', 'b', '4 * w + 12 * b + 3'), graph), 'verified');
  assert.equal(status(d('z', 'x', 'y'), graph), 'verified');
  assert.equal(status(d('z', 'b', '4 * w + 12 * b'), graph), 'wrong');
  // The right side names only the note's point: b is held at its value.
  assert.equal(status(d('z', 'w', '4 * 4 + 2'), graph), 'verified');
  const v = checkSymbolicClaim(d('z', 'w', '4 * b + 2'), graph, env);
  assert.ok(v.status === 'verified');
  assert.deepEqual(v.points[0].at, { w: 3, b: 4 }, 'the note\'s own point is checked first');
});

test('losses: cross-entropy with softmax, L2-regularised squared error, an LSTM gate', () => {
  const ce = scope([
    { name: 'p1', expression: 'exp(z1) / (exp(z1) + exp(z2) + exp(z3))' },
    { name: 'L', expression: '-(y1 * log(p1) + y2 * log(exp(z2) / (exp(z1) + exp(z2) + exp(z3))) + y3 * log(exp(z3) / (exp(z1) + exp(z2) + exp(z3))))' },
  ]);
  // With y a one-hot-free weight vector summing to anything: dL/dz1 = p1 (y1 + y2 + y3) − y1.
  assert.equal(status(d('L', 'z1', 'p1 * (y1 + y2 + y3) - y1'), ce), 'verified');
  assert.equal(status(d('L', 'z1', 'p1 - y1'), ce), 'wrong');
  const l2 = scope([{ name: 'J', expression: '(w * x - y)^2 / 2 + lambda / 2 * w^2' }]);
  assert.equal(status(d('J', 'w', '(w * x - y) * x + lambda * w'), l2), 'verified');
  assert.equal(status(d('J', 'w', '(w * x - y) * x + 2 * lambda * w'), l2), 'wrong');
  const gate = scope([{ name: 'f_t', expression: 'sigmoid(W_f * x_t + U_f * h_prev + b_f)' }]);
  assert.equal(status(d('f_t', 'W_f', 'f_t * (1 - f_t) * x_t'), gate), 'verified');
  assert.equal(status(d('f_t', 'b_f', 'f_t * (1 - f_t)'), gate), 'verified');
  assert.equal(status(d('f_t', 'U_f', 'f_t * (1 - f_t) * x_t'), gate), 'wrong');
});

test('identities: a true row verified, a wrong row flagged, logs get positive points', () => {
  assert.equal(status(id('(a + b)^2', 'a^2 + 2 * a * b + b^2')), 'verified');
  assert.equal(status(id('(a + b)^2', 'a^2 + b^2')), 'wrong');
  assert.equal(status(id('log(p * q)', 'log(p) + log(q)')), 'verified');
  // True for x > 0 only: neither verified nor flagged.
  assert.match(status(id('sqrt(x^2)', 'x')), /^skipped: holds at \d of 5 points, fails at \d: not decided/);
});

test('equations and values are not identities', () => {
  assert.match(status(id('2 * x + 1', '5')), /^skipped: a side without free symbols/);
  assert.match(status(d('L', 'w', 'w'), scope()), /^skipped: L is not defined above/);
});

test('points are seeded: the same claim gives the same points on every run', () => {
  const c = d('tanh(x)', 'x', '1 - tanh(x)^2');
  assert.deepEqual(checkSymbolicClaim(c, scope(), env), checkSymbolicClaim(c, scope(), env));
});

test('a claim with no real point is skipped with the reason', () => {
  assert.match(status(id('sqrt(-1 - x^2)', 'sqrt(-1 - x^2)')), /^skipped: no point found where both sides are finite and real/);
  assert.match(status(id('floor(x)', 'floor(x)')), /^skipped: floor\(\) is not checked/);
});

test('definitions that grow exponentially are refused, not expanded', () => {
  const defs: Definition[] = [{ name: 'x0', expression: 'a + 1' }];
  for (let i = 1; i < 30; i++) defs.push({ name: `x${i}`, expression: `x${i - 1} * x${i - 1}` });
  assert.match(status(id('x29', 'x29 + 0'), scope(defs)), /^skipped: definitions too large/);
});
