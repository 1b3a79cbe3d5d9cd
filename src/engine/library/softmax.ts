// softmax and log_softmax with a temperature, over a vector or each row of a matrix.
// Both shift by the row maximum, so softmax([1000, 1001]) is finite.
import type { MathJsInstance } from 'mathjs';
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { isLiteral, opName, sub, wrap } from './tex';
import { fail, logSumExp, mapRows, readNumber } from './values';

/** Softmax of one row; an all -Infinity row (everything masked) has no distribution. */
export function softmaxRow(fn: string, row: readonly number[], rowIndex: number, rows: number): number[] {
  const lse = logSumExp(row);
  if (lse === -Infinity) {
    fail(fn, rows > 1 ? `row ${rowIndex + 1} has every entry -Infinity (fully masked)` : 'every entry is -Infinity (fully masked)');
  }
  return row.map((v) => Math.exp(v - lse));
}

function readTemperature(math: MathJsInstance, fn: string, t: unknown): number {
  const T = readNumber(math, fn, 'T', t);
  if (!(T > 0)) fail(fn, `temperature T must be positive, got ${T}`);
  return T;
}

function scaled(v: string, j: string, T: string): string {
  return isLiteral(T, '1') ? sub(v, j) : `${sub(v, j)}/${wrap(T)}`;
}

const PARAMS = [{ name: 'v' }, { name: 'T', default: '1' }] as const;

export const softmax = defineFunction({
  name: 'softmax',
  params: PARAMS,
  summary: 'Softmax e^(v_i/T) / sum_j e^(v_j/T) of a vector, or of each row of a matrix; stable.',
  definitionText: 'e^(v_i/T) / sum_j e^(v_j/T), row-wise, stable',
  formula: ([v, T]) => `\\frac{e^{${scaled(v, 'i', T)}}}{\\sum_{j} e^{${scaled(v, 'j', T)}}}`,
  impl: (math) => (v: unknown, t: unknown = 1) => {
    const T = readTemperature(math, 'softmax', t);
    return mapRows(math, 'softmax', 'v', v, (row, r, rows) => softmaxRow('softmax', row.map((x) => x / T), r, rows));
  },
});

export const logSoftmax = defineFunction({
  name: 'log_softmax',
  params: PARAMS,
  summary: 'Log of the softmax, v_i/T - ln sum_j e^(v_j/T), of a vector or each row; stable.',
  definitionText: 'v_i/T - ln(sum_j e^(v_j/T)), row-wise, stable',
  nameTex: `\\log${opName('softmax')}`,
  formula: ([v, T]) => `${scaled(v, 'i', T)}-\\ln\\sum_{j} e^{${scaled(v, 'j', T)}}`,
  impl: (math) => (v: unknown, t: unknown = 1) => {
    const T = readTemperature(math, 'log_softmax', t);
    return mapRows(math, 'log_softmax', 'v', v, (row, r, rows) => {
      const z = row.map((x) => x / T);
      const lse = logSumExp(z);
      if (lse === -Infinity) softmaxRow('log_softmax', z, r, rows);
      return z.map((x) => x - lse);
    });
  },
});

export const softmaxFunctions: readonly LibraryFunction[] = [softmax, logSoftmax];
