// Multiply-adds per layer for a sequence of n tokens of width d: the textbook comparison
// of self-attention, recurrent and 1-D convolutional layers. Elementwise, so a vector of
// sequence lengths compares them in one line.
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { juxt, pow, wrap } from './tex';
import { checkInteger, zipElementwise } from './values';

function cost(name: string, what: string, params: readonly string[], text: string, tex: (a: readonly string[]) => string, f: (...v: number[]) => number) {
  return defineFunction({
    name,
    params: params.map((p) => ({ name: p })),
    summary: `Multiply-adds of ${what} per layer: ${text}.`,
    definitionText: text,
    formula: tex,
    impl: (math) => (...args: unknown[]) =>
      zipElementwise(math, name, params, args, (...v) => {
        v.forEach((x, i) => checkInteger(name, params[i], x, { min: 1 }));
        return f(...v);
      }),
  });
}

export const attentionCost = cost('attention_cost', 'a self-attention layer', ['n', 'd'], 'n^2 d', ([n, d]) => juxt(pow(n, '2'), wrap(d)), (n, d) => n * n * d);
export const rnnCost = cost('rnn_cost', 'a recurrent layer', ['n', 'd'], 'n d^2', ([n, d]) => juxt(wrap(n), pow(d, '2')), (n, d) => n * d * d);
export const conv1dCost = cost(
  'conv1d_cost',
  'a 1-D convolutional layer',
  ['n', 'k', 'd'],
  'k n d^2',
  ([n, k, d]) => juxt(wrap(k), wrap(n), pow(d, '2')),
  (n, k, d) => k * n * d * d,
);

export const costFunctions: readonly LibraryFunction[] = [attentionCost, rnnCost, conv1dCost];
