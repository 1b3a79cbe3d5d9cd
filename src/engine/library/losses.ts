// Loss functions: each reduces to one number. Terms of the form 0*ln(0) count as 0
// (the limit), so a one-hot target next to a zero probability does not give NaN.
import type { MathJsInstance } from 'mathjs';
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { juxt, opName, sub } from './tex';
import { describeShape, fail, readTensor, sameShape, type Tensor } from './values';

function readPair(math: MathJsInstance, fn: string, names: [string, string], a: unknown, b: unknown): [Tensor, Tensor] {
  const ta = readTensor(math, fn, names[0], a);
  const tb = readTensor(math, fn, names[1], b);
  if (!sameShape(ta.shape, tb.shape)) {
    fail(fn, `${names[0]} is ${describeShape(ta.shape)} but ${names[1]} is ${describeShape(tb.shape)} (need the same shape)`);
  }
  if (ta.flat.length === 0) fail(fn, `${names[0]} and ${names[1]} are empty`);
  return [ta, tb];
}

/** y*ln(p) with 0*ln(anything) = 0. */
function xlogy(y: number, p: number): number {
  return y === 0 ? 0 : y * Math.log(p);
}

function checkProbabilities(fn: string, name: string, t: Tensor): void {
  for (const v of t.flat) {
    if (!(v >= 0 && v <= 1)) fail(fn, `${name} must hold probabilities in [0, 1], got ${v}`);
  }
}

export const mse = defineFunction({
  name: 'mse',
  params: [{ name: 'yhat' }, { name: 'y' }],
  summary: 'Mean squared error mean((yhat-y)^2); yhat and y have the same shape.',
  definitionText: 'mean((yhat-y)^2)',
  nameTex: opName('MSE'),
  formula: ([yhat, y]) => `\\frac{1}{n}\\sum_{i=1}^{n}\\left(${sub(yhat, 'i')}-${sub(y, 'i')}\\right)^{2}`,
  impl: (math) => (yhat: unknown, y: unknown) => {
    const [a, b] = readPair(math, 'mse', ['yhat', 'y'], yhat, y);
    let s = 0;
    for (let i = 0; i < a.flat.length; i++) s += (a.flat[i] - b.flat[i]) ** 2;
    return s / a.flat.length;
  },
});

export const bce = defineFunction({
  name: 'bce',
  params: [{ name: 'p' }, { name: 'y' }],
  summary: 'Binary cross-entropy mean(-(y ln p + (1-y) ln(1-p))); p in [0, 1], same shape as y.',
  definitionText: 'mean(-(y ln p + (1-y) ln(1-p)))',
  nameTex: opName('BCE'),
  formula: ([p, y]) => {
    const pi = sub(p, 'i');
    const yi = sub(y, 'i');
    return `-\\frac{1}{n}\\sum_{i=1}^{n}\\left(${juxt(yi, `\\ln ${pi}`)}+\\left(1-${yi}\\right)\\ln\\left(1-${pi}\\right)\\right)`;
  },
  impl: (math) => (p: unknown, y: unknown) => {
    const [tp, ty] = readPair(math, 'bce', ['p', 'y'], p, y);
    checkProbabilities('bce', 'p', tp);
    let s = 0;
    for (let i = 0; i < tp.flat.length; i++) s -= xlogy(ty.flat[i], tp.flat[i]) + xlogy(1 - ty.flat[i], 1 - tp.flat[i]);
    return s / tp.flat.length;
  },
});

/** True when the LaTeX of y is an integer literal, i.e. a class index rather than a vector. */
function looksLikeIndex(y: string): boolean {
  return /^\d+$/.test(y.trim());
}

export const crossEntropy = defineFunction({
  name: 'cross_entropy',
  params: [{ name: 'p' }, { name: 'y' }],
  summary: 'Cross-entropy -sum(y .* ln p) for a one-hot or soft target y, or -ln p[y] for a 1-based class index y.',
  definitionText: '-sum(y .* ln p); -ln p[y] for a class index y',
  nameTex: opName('CE'),
  formula: ([p, y]) =>
    looksLikeIndex(y) ? `-\\ln ${sub(p, y.trim())}` : `-\\sum_{i} ${juxt(sub(y, 'i'), `\\ln ${sub(p, 'i')}`)}`,
  impl: (math) => (p: unknown, y: unknown) => {
    const fn = 'cross_entropy';
    const tp = readTensor(math, fn, 'p', p);
    const ty = readTensor(math, fn, 'y', y);
    if (ty.shape.length === 0) {
      // A class index: p must be one distribution (a vector, or a 1×C / C×1 matrix).
      const isVector = tp.shape.length === 1 || (tp.shape.length === 2 && (tp.shape[0] === 1 || tp.shape[1] === 1));
      if (!isVector) fail(fn, `with a class index y, p must be a vector of probabilities, got ${describeShape(tp.shape)}`);
      const c = ty.flat[0];
      const classes = tp.flat.length;
      if (!Number.isInteger(c) || c < 1 || c > classes) {
        fail(fn, `class index ${c} is out of range for ${classes} classes (use 1..${classes})`);
      }
      checkProbabilities(fn, 'p', tp);
      return -Math.log(tp.flat[c - 1]);
    }
    if (!sameShape(tp.shape, ty.shape)) {
      fail(fn, `p is ${describeShape(tp.shape)} but y is ${describeShape(ty.shape)} (need the same shape, or a class index y)`);
    }
    checkProbabilities(fn, 'p', tp);
    let s = 0;
    for (let i = 0; i < tp.flat.length; i++) s -= xlogy(ty.flat[i], tp.flat[i]);
    return s;
  },
});

export const kl = defineFunction({
  name: 'kl',
  params: [{ name: 'p' }, { name: 'q' }],
  summary: 'Kullback-Leibler divergence sum(p .* ln(p./q)); p and q have the same shape.',
  definitionText: 'sum(p .* ln(p./q))',
  callTex: ([p, q]) => `D_{\\mathrm{KL}}\\left(${p ?? ''}\\,\\middle\\|\\,${q ?? ''}\\right)`,
  formula: ([p, q]) => `\\sum_{i} ${juxt(sub(p, 'i'), `\\ln\\frac{${sub(p, 'i')}}{${sub(q, 'i')}}`)}`,
  impl: (math) => (p: unknown, q: unknown) => {
    const [tp, tq] = readPair(math, 'kl', ['p', 'q'], p, q);
    let s = 0;
    for (let i = 0; i < tp.flat.length; i++) {
      const pi = tp.flat[i];
      if (pi !== 0) s += pi * Math.log(pi / tq.flat[i]);
    }
    return s;
  },
});

export const lossFunctions: readonly LibraryFunction[] = [mse, bce, crossEntropy, kl];
