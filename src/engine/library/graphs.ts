// Graph matrices for GNN notes: adjacency from an edge list, degree, Laplacian and the
// GCN normalization D^-1/2 (A+I) D^-1/2 with one GCN layer on top.
import type { MathJsInstance } from 'mathjs';
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { juxt, opName, sub, wrap } from './tex';
import { checkBuildSize, checkInteger, combinedKind, describeShape, fail, gridOutput, matmul, readGrid, readInteger, readTensor, toGrid, type Kind } from './values';

interface Square {
  readonly n: number;
  readonly a: number[][];
  readonly kind: Kind;
}

function readSquare(math: MathJsInstance, fn: string, A: unknown): Square {
  const t = readTensor(math, fn, 'A', A);
  if (t.shape.length !== 2 || t.shape[0] !== t.shape[1]) {
    fail(fn, `A must be a square (n×n) adjacency matrix, got ${describeShape(t.shape)}`);
  }
  const n = t.shape[0];
  const a = Array.from({ length: n }, (_, i) => t.flat.slice(i * n, (i + 1) * n));
  return { n, a, kind: t.kind };
}

function rowSums(a: readonly number[][]): number[] {
  return a.map((row) => row.reduce((s, v) => s + v, 0));
}

function diagonal(d: readonly number[]): number[][] {
  return d.map((v, i) => d.map((_, j) => (i === j ? v : 0)));
}

/** D^-1/2 (A+I) D^-1/2 with D the row sums of A+I. */
function gcnNormalize(fn: string, a: readonly number[][]): number[][] {
  const hat = a.map((row, i) => row.map((v, j) => (i === j ? v + 1 : v)));
  const d = rowSums(hat);
  d.forEach((v, i) => {
    if (!(v > 0)) fail(fn, `node ${i + 1} has degree ${v} in A+I; the normalization needs positive degrees`);
  });
  const s = d.map((v) => 1 / Math.sqrt(v));
  return hat.map((row, i) => row.map((v, j) => v * s[i] * s[j]));
}

export const adjacency = defineFunction({
  name: 'adjacency',
  params: [{ name: 'n' }, { name: 'E' }],
  summary: 'Symmetric 0/1 n×n adjacency matrix from a k×2 matrix E of 1-based undirected edges.',
  definitionText: 'A[i,j] = A[j,i] = 1 for each edge [i, j] of E, else 0',
  callTex: (args) => `A\\left(${args.join(', ')}\\right)`,
  formula: ([n, E]) => `\\left(\\left[\\{i,j\\}\\in ${E}\\right]\\right)_{i,j=1}^{${n}}`,
  impl: (math) => (nArg: unknown, E: unknown) => {
    const fn = 'adjacency';
    const n = readInteger(math, fn, 'n', nArg, { min: 1 });
    checkBuildSize(fn, 'the adjacency matrix', n, n);
    const e = readTensor(math, fn, 'E', E);
    // [] (no edges) and a single edge [i, j] are accepted besides a k×2 matrix.
    const ok = (e.shape.length === 2 && e.shape[1] === 2) || (e.shape.length === 1 && (e.shape[0] === 2 || e.shape[0] === 0));
    if (!ok) fail(fn, `E must be a k×2 matrix of edges [i, j], got ${describeShape(e.shape)}`);
    const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let k = 0; k * 2 < e.flat.length; k++) {
      const [i, j] = [e.flat[2 * k], e.flat[2 * k + 1]];
      for (const v of [i, j]) {
        checkInteger(fn, `edge ${k + 1}`, v, { min: 1 });
        if (v > n) fail(fn, `edge ${k + 1} is [${i}, ${j}] but n is ${n} (nodes are 1..${n})`);
      }
      a[i - 1][j - 1] = 1;
      a[j - 1][i - 1] = 1;
    }
    return gridOutput(math, e.kind === 'array' ? 'array' : 'matrix', a, false);
  },
});

export const degree = defineFunction({
  name: 'degree',
  params: [{ name: 'A' }],
  summary: 'Degree matrix: the diagonal matrix of the row sums of A.',
  definitionText: 'diag(row sums of A)',
  callTex: ([A]) => `D\\left(${A ?? ''}\\right)`,
  formula: ([A]) => `${opName('diag')}\\left(\\sum_{j} ${sub(A, "ij")}\\right)`,
  impl: (math) => (A: unknown) => {
    const s = readSquare(math, 'degree', A);
    return gridOutput(math, s.kind, diagonal(rowSums(s.a)), false);
  },
});

export const laplacian = defineFunction({
  name: 'laplacian',
  params: [{ name: 'A' }],
  summary: 'Graph Laplacian degree(A) - A.',
  definitionText: 'degree(A) - A',
  callTex: ([A]) => `L\\left(${A ?? ''}\\right)`,
  formula: ([A]) => `D\\left(${A}\\right)-${wrap(A)}`,
  impl: (math) => (A: unknown) => {
    const s = readSquare(math, 'laplacian', A);
    const d = rowSums(s.a);
    return gridOutput(math, s.kind, s.a.map((row, i) => row.map((v, j) => (i === j ? d[i] : 0) - v)), false);
  },
});

function gcnNormTex(A: string): string {
  const hat = `\\left(${A}+I\\right)`;
  return `\\tilde{D}^{-\\frac{1}{2}}${hat}\\tilde{D}^{-\\frac{1}{2}},\\ \\tilde{D}=D${hat}`;
}

export const gcnNorm = defineFunction({
  name: 'gcn_norm',
  params: [{ name: 'A' }],
  summary: 'GCN normalization D^-1/2 (A+I) D^-1/2 with D = degree(A+I).',
  definitionText: 'D^-1/2 (A+I) D^-1/2, D = degree(A+I)',
  callTex: ([A]) => `\\hat{A}\\left(${A ?? ''}\\right)`,
  formula: ([A]) => gcnNormTex(A),
  impl: (math) => (A: unknown) => {
    const s = readSquare(math, 'gcn_norm', A);
    return gridOutput(math, s.kind, gcnNormalize('gcn_norm', s.a), false);
  },
});

export const gcnLayer = defineFunction({
  name: 'gcn_layer',
  params: [{ name: 'A' }, { name: 'H' }, { name: 'W' }],
  summary: 'One GCN layer relu(gcn_norm(A) * H * W): A is n×n, H is n×f (node features; a vector is one feature per node), W is f×f_out.',
  definitionText: 'relu(gcn_norm(A) * H * W)',
  formula: ([A, H, W]) => {
    const hat = `\\left(${A}+I\\right)`;
    const prop = `\\tilde{D}^{-\\frac{1}{2}}${hat}\\tilde{D}^{-\\frac{1}{2}}`;
    return `\\mathrm{ReLU}\\left(${juxt(prop, wrap(H), wrap(W))}\\right),\\ \\tilde{D}=D${hat}`;
  },
  impl: (math) => (A: unknown, H: unknown, W: unknown) => {
    const fn = 'gcn_layer';
    const s = readSquare(math, fn, A);
    // A vector H is one feature per node (a column); a vector W is one row (1×f_out).
    const ht = readTensor(math, fn, 'H', H);
    if (ht.shape.length !== 1 && ht.shape.length !== 2) fail(fn, `H must be a vector or a 2-D matrix (nodes × features), got ${describeShape(ht.shape)}`);
    const h = ht.shape.length === 1 ? toGrid({ ...ht, shape: [ht.shape[0], 1] }) : toGrid(ht);
    const { grid: w, tensor: wt } = readGrid(math, fn, 'W', W, { vectorAsRow: true });
    if (h.rows !== s.n) fail(fn, `A is ${s.n}×${s.n} but H is ${describeShape(ht.shape)} (need one row of H per node)`);
    if (w.rows !== h.cols) fail(fn, `H is ${describeShape(ht.shape)} but W is ${describeShape(wt.shape)} (need W to have as many rows as H has columns)`);
    const z = matmul(matmul(gcnNormalize(fn, s.a), h.data), w.data);
    const out = z.map((row) => row.map((v) => (v > 0 ? v : 0)));
    return gridOutput(math, combinedKind([{ kind: s.kind, shape: [], flat: [] }, ht, wt]), out, false);
  },
});

export const graphFunctions: readonly LibraryFunction[] = [adjacency, degree, laplacian, gcnNorm, gcnLayer];
