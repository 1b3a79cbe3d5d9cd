// Weight-initialization scales: Glorot/Xavier uniform bound and He (Kaiming) normal std.
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { zipElementwise, fail } from './values';

function positive(fn: string, name: string, v: number): number {
  if (!(v > 0)) fail(fn, `${name} must be positive, got ${v}`);
  return v;
}

export const xavierBound = defineFunction({
  name: 'xavier_bound',
  params: [{ name: 'fan_in' }, { name: 'fan_out' }],
  summary: 'Xavier/Glorot uniform bound sqrt(6/(fan_in+fan_out)): weights are drawn from U(-bound, bound).',
  definitionText: 'sqrt(6/(fan_in+fan_out))',
  formula: ([fanIn, fanOut]) => `\\sqrt{\\frac{6}{${fanIn}+${fanOut}}}`,
  impl: (math) => (fanIn: unknown, fanOut: unknown) =>
    zipElementwise(math, 'xavier_bound', ['fan_in', 'fan_out'], [fanIn, fanOut], (i, o) =>
      Math.sqrt(6 / (positive('xavier_bound', 'fan_in', i) + positive('xavier_bound', 'fan_out', o))),
    ),
});

export const heStd = defineFunction({
  name: 'he_std',
  params: [{ name: 'fan_in' }],
  summary: 'He/Kaiming normal standard deviation sqrt(2/fan_in) for ReLU layers.',
  definitionText: 'sqrt(2/fan_in)',
  formula: ([fanIn]) => `\\sqrt{\\frac{2}{${fanIn}}}`,
  impl: (math) => (fanIn: unknown) =>
    zipElementwise(math, 'he_std', ['fan_in'], [fanIn], (i) => Math.sqrt(2 / positive('he_std', 'fan_in', i))),
});

export const initFunctions: readonly LibraryFunction[] = [xavierBound, heStd];
