// Batch and layer normalization with the biased variance (divide by m), as used in the
// forward pass. gamma and beta are a number or one value per feature (per column).
import type { MathJsInstance } from 'mathjs';
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { isLiteral, juxt, wrap } from './tex';
import { describeShape, fail, output, readNumber, readPerFeature, readTensor } from './values';

function normalizeGroup(values: readonly number[], eps: number): number[] {
  const m = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / m;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / m;
  const denom = Math.sqrt(variance + eps);
  return values.map((v) => (v - mean) / denom);
}

function readEps(math: MathJsInstance, fn: string, eps: unknown): number {
  const e = readNumber(math, fn, 'eps', eps);
  if (!(e >= 0)) fail(fn, `eps must be a non-negative number, got ${e}`);
  return e;
}

/**
 * Normalizes X along `axis`: 'column' (each feature over the batch) or 'row' (each
 * sample over its features). A vector is one column for batch_norm (a batch of one
 * feature) and one row for layer_norm (one sample).
 */
function normalize(math: MathJsInstance, fn: string, axis: 'column' | 'row', X: unknown, gamma: unknown, beta: unknown, eps: unknown): unknown {
  const t = readTensor(math, fn, 'X', X);
  if (t.shape.length !== 1 && t.shape.length !== 2) fail(fn, `X must be a vector or a 2-D matrix, got ${describeShape(t.shape)}`);
  if (t.flat.length === 0) fail(fn, 'X is empty');
  const e = readEps(math, fn, eps);
  let rows: number;
  let cols: number;
  if (t.shape.length === 2) [rows, cols] = t.shape;
  else if (axis === 'column') [rows, cols] = [t.shape[0], 1];
  else [rows, cols] = [1, t.shape[0]];
  const g = readPerFeature(math, fn, 'gamma', gamma, cols, cols === 1 ? 'column' : 'columns');
  const b = readPerFeature(math, fn, 'beta', beta, cols, cols === 1 ? 'column' : 'columns');
  const out = new Array<number>(t.flat.length);
  if (axis === 'column') {
    for (let c = 0; c < cols; c++) {
      const col = Array.from({ length: rows }, (_, r) => t.flat[r * cols + c]);
      normalizeGroup(col, e).forEach((v, r) => (out[r * cols + c] = v * g[c] + b[c]));
    }
  } else {
    for (let r = 0; r < rows; r++) {
      normalizeGroup(t.flat.slice(r * cols, (r + 1) * cols), e).forEach((v, c) => (out[r * cols + c] = v * g[c] + b[c]));
    }
  }
  return output(math, t.kind === 'number' ? 'matrix' : t.kind, t.shape, out);
}

function normTex(X: string, gamma: string, beta: string, eps: string, over: string): string {
  const frac = `\\frac{${X}-\\mu_{${over}}}{\\sqrt{\\sigma_{${over}}^{2}+${eps}}}`;
  const scaled = isLiteral(gamma, '1') ? frac : juxt(wrap(gamma), frac);
  return isLiteral(beta, '0') ? scaled : `${scaled}+${beta}`;
}

const PARAMS = [{ name: 'X' }, { name: 'gamma', default: '1' }, { name: 'beta', default: '0' }, { name: 'eps', default: '1e-5' }] as const;

export const batchNorm = defineFunction({
  name: 'batch_norm',
  params: PARAMS,
  summary: 'Batch normalization of each column of X (rows are samples): (x-mean)/sqrt(var+eps)*gamma+beta, biased variance.',
  definitionText: '(x-mean)/sqrt(var+eps)*gamma+beta per column, var biased (divide by m)',
  formula: ([X, gamma, beta, eps]) => normTex(X, gamma, beta, eps, '\\mathrm{col}'),
  impl: (math) => (X: unknown, gamma: unknown = 1, beta: unknown = 0, eps: unknown = 1e-5) =>
    normalize(math, 'batch_norm', 'column', X, gamma, beta, eps),
});

export const layerNorm = defineFunction({
  name: 'layer_norm',
  params: PARAMS,
  summary: 'Layer normalization of each row of X: (x-mean)/sqrt(var+eps)*gamma+beta, biased variance.',
  definitionText: '(x-mean)/sqrt(var+eps)*gamma+beta per row, var biased (divide by n)',
  formula: ([X, gamma, beta, eps]) => normTex(X, gamma, beta, eps, '\\mathrm{row}'),
  impl: (math) => (X: unknown, gamma: unknown = 1, beta: unknown = 0, eps: unknown = 1e-5) =>
    normalize(math, 'layer_norm', 'row', X, gamma, beta, eps),
});

export const normalizationFunctions: readonly LibraryFunction[] = [batchNorm, layerNorm];
