// Fast gradient sign method: one adversarial perturbation step of size eps.
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { callOf, juxt, opName, wrap } from './tex';
import { zipElementwise } from './values';

export const fgsm = defineFunction({
  name: 'fgsm',
  params: [{ name: 'x' }, { name: 'grad' }, { name: 'eps' }],
  summary: 'Fast gradient sign method x + eps*sign(grad), elementwise.',
  definitionText: 'x + eps*sign(grad)',
  formula: ([x, grad, eps]) => `${x}+${juxt(wrap(eps), callOf(opName('sign'), [grad]))}`,
  impl: (math) => (x: unknown, grad: unknown, eps: unknown) =>
    zipElementwise(math, 'fgsm', ['x', 'grad', 'eps'], [x, grad, eps], (xi, gi, e) => xi + e * Math.sign(gi)),
});

export const adversarialFunctions: readonly LibraryFunction[] = [fgsm];
