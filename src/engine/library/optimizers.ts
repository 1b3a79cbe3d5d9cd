// One update step of the common optimizers, elementwise on a number or a weight matrix.
// The stateful ones return a plain object ({w, v} or {w, m, v}) so a note can write
// `s = adam_step(w, g); s.w` and feed s.m, s.v into the next step.
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { callOf, isLiteral, juxt, opName, pow, wrap } from './tex';
import { fail, readNumber, zipElementwise } from './values';

export const sgdStep = defineFunction({
  name: 'sgd_step',
  params: [{ name: 'w' }, { name: 'g' }, { name: 'lr' }],
  summary: 'One gradient-descent step w - lr*g.',
  definitionText: 'w - lr*g',
  formula: ([w, g, lr]) => `${w}-${juxt(wrap(lr), wrap(g))}`,
  impl: (math) => (w: unknown, g: unknown, lr: unknown) =>
    zipElementwise(math, 'sgd_step', ['w', 'g', 'lr'], [w, g, lr], (wi, gi, eta) => wi - eta * gi),
});

export const l2Step = defineFunction({
  name: 'l2_step',
  params: [{ name: 'w' }, { name: 'g' }, { name: 'lr' }, { name: 'lambda' }],
  summary: 'One step with L2 weight decay: (1 - lr*lambda)*w - lr*g.',
  definitionText: '(1 - lr*lambda)*w - lr*g',
  formula: ([w, g, lr, lambda]) => `${juxt(`\\left(1-${juxt(wrap(lr), wrap(lambda))}\\right)`, wrap(w))}-${juxt(wrap(lr), wrap(g))}`,
  impl: (math) => (w: unknown, g: unknown, lr: unknown, lambda: unknown) =>
    zipElementwise(math, 'l2_step', ['w', 'g', 'lr', 'lambda'], [w, g, lr, lambda], (wi, gi, eta, lam) => (1 - eta * lam) * wi - eta * gi),
});

export const l1Step = defineFunction({
  name: 'l1_step',
  params: [{ name: 'w' }, { name: 'g' }, { name: 'lr' }, { name: 'lambda' }],
  summary: 'One step with an L1 penalty: w - lr*(g + lambda*sign(w)).',
  definitionText: 'w - lr*(g + lambda*sign(w))',
  formula: ([w, g, lr, lambda]) =>
    `${w}-${juxt(wrap(lr), `\\left(${g}+${juxt(wrap(lambda), callOf(opName('sign'), [w]))}\\right)`)}`,
  impl: (math) => (w: unknown, g: unknown, lr: unknown, lambda: unknown) =>
    zipElementwise(math, 'l1_step', ['w', 'g', 'lr', 'lambda'], [w, g, lr, lambda], (wi, gi, eta, lam) => wi - eta * (gi + lam * Math.sign(wi))),
});

export const momentumStep = defineFunction({
  name: 'momentum_step',
  params: [{ name: 'w' }, { name: 'g' }, { name: 'v', default: '0' }, { name: 'lr', default: '0.01' }, { name: 'mu', default: '0.9' }],
  summary: "Heavy-ball momentum: v' = mu*v - lr*g; w' = w + v'; returns {w, v}.",
  definitionText: "v' = mu*v - lr*g; w' = w + v'; returns {w, v}",
  formula: ([w, g, v, lr, mu]) => {
    const vNew = isLiteral(v, '0') ? `-${juxt(wrap(lr), wrap(g))}` : `${juxt(wrap(mu), wrap(v))}-${juxt(wrap(lr), wrap(g))}`;
    return `v'=${vNew},\\quad w'=${w}+v'`;
  },
  impl: (math) => (w: unknown, g: unknown, v: unknown = 0, lr: unknown = 0.01, mu: unknown = 0.9) => {
    const names = ['w', 'g', 'v', 'lr', 'mu'];
    const vNew = zipElementwise(math, 'momentum_step', names, [w, g, v, lr, mu], (_w, gi, vi, eta, m) => m * vi - eta * gi);
    // Same arithmetic again for w, so w and v come out with the same shape and kind.
    const wNew = zipElementwise(math, 'momentum_step', names, [w, g, v, lr, mu], (wi, gi, vi, eta, m) => wi + (m * vi - eta * gi));
    return { w: wNew, v: vNew };
  },
});

export const adamStep = defineFunction({
  name: 'adam_step',
  params: [
    { name: 'w' },
    { name: 'g' },
    { name: 'm', default: '0' },
    { name: 'v', default: '0' },
    { name: 't', default: '1' },
    { name: 'lr', default: '0.001' },
    { name: 'b1', default: '0.9' },
    { name: 'b2', default: '0.999' },
    { name: 'eps', default: '1e-8' },
  ],
  summary: "One Adam step with bias correction at step t (1-based); returns {w, m, v}.",
  definitionText: "m' = b1 m + (1-b1) g; v' = b2 v + (1-b2) g^2; w' = w - lr (m'/(1-b1^t)) / (sqrt(v'/(1-b2^t)) + eps); returns {w, m, v}",
  formula: ([w, g, m, v, t, lr, b1, b2, eps]) => {
    const mNew = `${juxt(wrap(b1), wrap(m))}+${juxt(`\\left(1-${b1}\\right)`, wrap(g))}`;
    const vNew = `${juxt(wrap(b2), wrap(v))}+${juxt(`\\left(1-${b2}\\right)`, pow(g, '2'))}`;
    const mHat = `\\frac{m'}{1-${pow(b1, t)}}`;
    const vHat = `\\frac{v'}{1-${pow(b2, t)}}`;
    return `m'=${mNew},\\quad v'=${vNew},\\quad w'=${w}-${juxt(wrap(lr), `\\frac{${mHat}}{\\sqrt{${vHat}}+${eps}}`)}`;
  },
  impl: (math) =>
    (w: unknown, g: unknown, m: unknown = 0, v: unknown = 0, t: unknown = 1, lr: unknown = 0.001, b1: unknown = 0.9, b2: unknown = 0.999, eps: unknown = 1e-8) => {
      const fn = 'adam_step';
      const step = readNumber(math, fn, 't', t);
      if (!Number.isInteger(step) || step < 1) fail(fn, `t must be the step number 1, 2, 3, ..., got ${step}`);
      const names = ['w', 'g', 'm', 'v', 'lr', 'b1', 'b2', 'eps'];
      const args = [w, g, m, v, lr, b1, b2, eps];
      const mOf = (gi: number, mi: number, beta1: number): number => beta1 * mi + (1 - beta1) * gi;
      const vOf = (gi: number, vi: number, beta2: number): number => beta2 * vi + (1 - beta2) * gi * gi;
      const mNew = zipElementwise(math, fn, names, args, (_w, gi, mi, _v, _lr, beta1) => mOf(gi, mi, beta1));
      const vNew = zipElementwise(math, fn, names, args, (_w, gi, _m, vi, _lr, _b1, beta2) => vOf(gi, vi, beta2));
      const wNew = zipElementwise(math, fn, names, args, (wi, gi, mi, vi, eta, beta1, beta2, e) => {
        const mHat = mOf(gi, mi, beta1) / (1 - beta1 ** step);
        const vHat = vOf(gi, vi, beta2) / (1 - beta2 ** step);
        return wi - (eta * mHat) / (Math.sqrt(vHat) + e);
      });
      return { w: wNew, m: mNew, v: vNew };
    },
});

export const optimizerFunctions: readonly LibraryFunction[] = [sgdStep, l2Step, l1Step, momentumStep, adamStep];
