// Scaled dot-product attention. Q is n_q×d_k (a vector is one query), K is n_k×d_k,
// V is n_k×d_v; the mask is n_q×n_k (or one row of n_k shared by every query) and its
// zero entries hide keys.
import type { MathJsInstance } from 'mathjs';
import type { LibraryFunction } from './types';
import { defineFunction, NO_DEFAULT } from './define';
import { juxt, opName, pow, wrap } from './tex';
import { softmaxRow } from './softmax';
import { checkBuildSize, combinedKind, describeShape, fail, gridOutput, matmul, readGrid, readTensor, type Grid, type Tensor } from './values';

interface Weights {
  readonly weights: number[][];
  readonly q: Tensor;
  readonly k: Grid;
  readonly kTensor: Tensor;
  readonly mask?: Tensor;
}

export function attentionWeights(math: MathJsInstance, fn: string, Q: unknown, K: unknown, mask: unknown): Weights {
  const { grid: q, tensor: qt } = readGrid(math, fn, 'Q', Q, { vectorAsRow: true });
  const { grid: k, tensor: kt } = readGrid(math, fn, 'K', K, { vectorAsRow: true });
  if (q.cols !== k.cols) {
    fail(fn, `Q is ${describeShape(qt.shape)} but K is ${describeShape(kt.shape)} (need the same number of columns)`);
  }
  if (k.cols === 0 || k.rows === 0 || q.rows === 0) fail(fn, 'Q and K must not be empty');
  checkBuildSize(fn, "the score matrix Q K'", q.rows, k.rows);
  const scale = 1 / Math.sqrt(k.cols);
  const scores = q.data.map((row) => k.data.map((key) => row.reduce((s, v, j) => s + v * key[j], 0) * scale));

  let mt: Tensor | undefined;
  if (mask !== undefined) {
    mt = readTensor(math, fn, 'mask', mask);
    const full = mt.shape.length === 2 && mt.shape[0] === q.rows && mt.shape[1] === k.rows;
    const shared = mt.shape.length === 1 && mt.shape[0] === k.rows;
    if (!full && !shared) {
      fail(
        fn,
        `mask is ${describeShape(mt.shape)} but the scores Q K' are ${q.rows}×${k.rows} ` +
          `(need ${q.rows}×${k.rows}, or a vector of length ${k.rows})`,
      );
    }
    const m = mt;
    scores.forEach((row, i) =>
      row.forEach((_, j) => {
        if (m.flat[shared ? j : i * k.rows + j] === 0) row[j] = -Infinity;
      }),
    );
  }
  scores.forEach((row, i) => {
    if (row.every((v) => v === -Infinity)) {
      fail(fn, `the mask hides every key from query ${i + 1} (its row of the mask is all 0), so its weights are undefined`);
    }
  });
  const weights = scores.map((row, i) => softmaxRow(fn, row, i, scores.length));
  return { weights, q: qt, k, kTensor: kt, mask: mt };
}

function scoresTex(Q: string, K: string): string {
  return `\\frac{${juxt(wrap(Q), pow(K, '\\top'))}}{\\sqrt{d_{k}}}`;
}

function weightsTex(Q: string, K: string, mask: string): string {
  const inner = mask === '' ? scoresTex(Q, K) : `${scoresTex(Q, K)}-\\infty\\cdot\\left[${mask}=0\\right]`;
  return `${opName('softmax')}\\left(${inner}\\right)`;
}

const MASK_NOTE = 'mask entries 0 become -Infinity before the softmax';

export const attentionWeightsFunction = defineFunction({
  name: 'attention_weights',
  params: [{ name: 'Q' }, { name: 'K' }, { name: 'mask', default: NO_DEFAULT }],
  summary: `Attention weights softmax(Q K' / sqrt(d_k)), row-wise, d_k = columns of K; ${MASK_NOTE}.`,
  definitionText: "softmax(Q K' / sqrt(d_k)) row-wise, d_k = columns of K",
  formula: ([Q, K, mask]) => weightsTex(Q, K, mask),
  impl: (math) => (Q: unknown, K: unknown, mask?: unknown) => {
    const w = attentionWeights(math, 'attention_weights', Q, K, mask);
    const kind = combinedKind([w.q, w.kTensor]);
    return gridOutput(math, kind, w.weights, w.q.shape.length === 1);
  },
});

export const attentionFunction = defineFunction({
  name: 'attention',
  params: [{ name: 'Q' }, { name: 'K' }, { name: 'V' }, { name: 'mask', default: NO_DEFAULT }],
  summary: `Scaled dot-product attention softmax(Q K' / sqrt(d_k)) V; ${MASK_NOTE}.`,
  definitionText: "attention_weights(Q, K, mask) * V",
  formula: ([Q, K, V, mask]) => juxt(weightsTex(Q, K, mask), wrap(V)),
  impl: (math) => (Q: unknown, K: unknown, V: unknown, mask?: unknown) => {
    const fn = 'attention';
    const w = attentionWeights(math, fn, Q, K, mask);
    const { grid: v, tensor: vt } = readGrid(math, fn, 'V', V, { vectorAsRow: true });
    if (v.rows !== w.k.rows) {
      fail(fn, `K is ${describeShape(w.kTensor.shape)} but V is ${describeShape(vt.shape)} (need the same number of rows)`);
    }
    const out = matmul(w.weights, v.data);
    return gridOutput(math, combinedKind([w.q, w.kTensor, vt]), out, w.q.shape.length === 1);
  },
});

export const attentionFunctions: readonly LibraryFunction[] = [attentionWeightsFunction, attentionFunction];
