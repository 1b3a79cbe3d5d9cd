// Shared value handling for the library: numbers, plain arrays and mathjs matrices come
// in, are flattened to a shape plus row-major numbers, and go back out as the same kind
// (a Matrix if any input was a Matrix, else an array, else a number). Every error names
// the function, so a note's reader sees "softmax: ..." rather than a mathjs internal.
import type { MathJsInstance } from 'mathjs';
import { defaultSettings } from '../types';

export type Kind = 'number' | 'array' | 'matrix';

/** A numeric value flattened row-major; shape [] is a scalar. */
export interface Tensor {
  readonly kind: Kind;
  readonly shape: readonly number[];
  readonly flat: number[];
}

export type NestedArray = (number | NestedArray)[];

export class LibraryError extends Error {
  constructor(fn: string, message: string) {
    super(`${fn}: ${message}`);
    this.name = 'LibraryError';
  }
}

export function fail(fn: string, message: string): never {
  throw new LibraryError(fn, message);
}

/**
 * Largest matrix a library function builds from small inputs (adjacency(n, ...), the
 * n_q×n_k attention scores). Matches the engine's default maxMatrixElements, so a note
 * cannot exhaust memory through a function whose output outgrows its arguments.
 */
export const MAX_BUILT_ELEMENTS = defaultSettings.maxMatrixElements;

export function checkBuildSize(fn: string, what: string, rows: number, cols: number): void {
  if (rows * cols > MAX_BUILT_ELEMENTS) {
    fail(fn, `${what} would be ${rows}×${cols} (${rows * cols} entries), more than the ${MAX_BUILT_ELEMENTS.toLocaleString('en-US')} allowed`);
  }
}

/** "2×3", "a vector of length 3", "a number" — as the messages show shapes. */
export function describeShape(shape: readonly number[]): string {
  if (shape.length === 0) return 'a number';
  if (shape.length === 1) return `a vector of length ${shape[0]}`;
  return shape.join('×');
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'nothing';
  if (typeof x === 'string') return 'a string';
  if (typeof x === 'function') return 'a function';
  const t = (x as { type?: unknown }).type;
  if (typeof t === 'string') return `a ${t}`;
  return `a ${typeof x}`;
}

/** One scalar entry to a JS number; booleans count as 1/0 as they do in mathjs. */
function scalarToNumber(math: MathJsInstance, fn: string, name: string, x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (math.isBigNumber(x) || math.isFraction(x)) return math.number(x as never) as number;
  if (typeof x === 'bigint') return Number(x);
  if (math.isComplex(x)) fail(fn, `${name} must be real, got the complex number ${math.format(x)}`);
  if (math.isUnit(x)) fail(fn, `${name} must be a plain number, got the unit ${math.format(x)}`);
  return fail(fn, `${name} must be a number or a matrix, got ${typeName(x)}`);
}

function isTensorLike(math: MathJsInstance, x: unknown): boolean {
  return Array.isArray(x) || math.isMatrix(x);
}

/** Reads a number, boolean, array or Matrix into a Tensor, checking it is rectangular. */
export function readTensor(math: MathJsInstance, fn: string, name: string, x: unknown): Tensor {
  if (!isTensorLike(math, x)) return { kind: 'number', shape: [], flat: [scalarToNumber(math, fn, name, x)] };
  const kind: Kind = math.isMatrix(x) ? 'matrix' : 'array';
  const data: unknown = math.isMatrix(x) ? (x as { toArray(): unknown }).toArray() : x;
  const shape: number[] = [];
  // The first element along each axis fixes the shape; every other branch must match it.
  let probe: unknown = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const flat: number[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (Array.isArray(node)) fail(fn, `${name} is not a rectangular matrix`);
      flat.push(scalarToNumber(math, fn, name, node));
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) fail(fn, `${name} is not a rectangular matrix`);
    for (const child of node) walk(child, depth + 1);
  };
  walk(data, 0);
  return { kind, shape, flat };
}

/** A required scalar argument (a 1-element matrix is not accepted: it hides mistakes). */
export function readNumber(math: MathJsInstance, fn: string, name: string, x: unknown): number {
  if (isTensorLike(math, x)) {
    const t = readTensor(math, fn, name, x);
    fail(fn, `${name} must be a number, got ${describeShape(t.shape)}`);
  }
  return scalarToNumber(math, fn, name, x);
}

export function readBoolean(math: MathJsInstance, fn: string, name: string, x: unknown): boolean {
  if (typeof x === 'boolean') return x;
  const n = readNumber(math, fn, name, x);
  if (n === 0 || n === 1) return n === 1;
  return fail(fn, `${name} must be true or false, got ${n}`);
}

export interface IntegerRule {
  readonly min: number;
}

export function checkInteger(fn: string, name: string, n: number, rule: IntegerRule): number {
  if (!Number.isInteger(n) || n < rule.min) {
    const what = rule.min === 0 ? 'a non-negative integer' : rule.min === 1 ? 'a positive integer' : `an integer >= ${rule.min}`;
    fail(fn, `${name} must be ${what}, got ${n}`);
  }
  return n;
}

export function readInteger(math: MathJsInstance, fn: string, name: string, x: unknown, rule: IntegerRule): number {
  return checkInteger(fn, name, readNumber(math, fn, name, x), rule);
}

/** Rebuilds nested arrays from row-major numbers. */
export function nest(flat: readonly number[], shape: readonly number[]): NestedArray | number {
  if (shape.length === 0) return flat[0];
  let offset = 0;
  const build = (depth: number): NestedArray => {
    const out: NestedArray = [];
    for (let i = 0; i < shape[depth]; i++) {
      if (depth === shape.length - 1) out.push(flat[offset++]);
      else out.push(build(depth + 1));
    }
    return out;
  };
  return build(0);
}

/** Returns numbers in the given kind; a Matrix keeps mathjs's own type so it prints as one. */
export function output(math: MathJsInstance, kind: Kind, shape: readonly number[], flat: readonly number[]): unknown {
  if (kind === 'number' && shape.length === 0) return flat[0];
  const nested = nest(flat, shape);
  return kind === 'matrix' ? math.matrix(nested as number[]) : nested;
}

/** The kind of a result built from several inputs: any Matrix wins, then arrays. */
export function combinedKind(tensors: readonly Tensor[]): Kind {
  if (tensors.some((t) => t.kind === 'matrix')) return 'matrix';
  if (tensors.some((t) => t.kind === 'array')) return 'array';
  return 'number';
}

/** Unary elementwise map. */
export function mapElementwise(math: MathJsInstance, fn: string, name: string, x: unknown, f: (v: number) => number): unknown {
  const t = readTensor(math, fn, name, x);
  return output(math, t.kind, t.shape, t.flat.map(f));
}

/**
 * N-ary elementwise map: numbers broadcast, every non-scalar argument must share one
 * shape (no mathjs-style broadcasting of rows: in course notes a mismatch is a mistake).
 */
export function zipElementwise(
  math: MathJsInstance,
  fn: string,
  names: readonly string[],
  values: readonly unknown[],
  f: (...v: number[]) => number,
): unknown {
  const tensors = values.map((v, i) => readTensor(math, fn, names[i], v));
  let shapeFrom = -1;
  for (let i = 0; i < tensors.length; i++) {
    if (tensors[i].shape.length === 0) continue;
    if (shapeFrom < 0) shapeFrom = i;
    else if (!sameShape(tensors[i].shape, tensors[shapeFrom].shape)) {
      fail(
        fn,
        `${names[shapeFrom]} is ${describeShape(tensors[shapeFrom].shape)} but ${names[i]} is ` +
          `${describeShape(tensors[i].shape)} (need the same shape, or a number)`,
      );
    }
  }
  const shape = shapeFrom < 0 ? [] : tensors[shapeFrom].shape;
  const size = shapeFrom < 0 ? 1 : tensors[shapeFrom].flat.length;
  const flat = new Array<number>(size);
  const args = new Array<number>(tensors.length);
  for (let k = 0; k < size; k++) {
    for (let i = 0; i < tensors.length; i++) args[i] = tensors[i].shape.length === 0 ? tensors[i].flat[0] : tensors[i].flat[k];
    flat[k] = f(...args);
  }
  return output(math, combinedKind(tensors), shape, flat);
}

/**
 * Applies f to each row (the last axis, like dim=-1 in PyTorch): a vector is one row,
 * a 2-D matrix is handled row by row. Numbers are rejected: a softmax of one number is
 * almost always a mistake in a note.
 */
export function mapRows(
  math: MathJsInstance,
  fn: string,
  name: string,
  x: unknown,
  f: (row: number[], rowIndex: number, rowCount: number) => number[],
): unknown {
  const t = readTensor(math, fn, name, x);
  if (t.shape.length === 0) fail(fn, `${name} must be a vector or a matrix, got a number`);
  const width = t.shape[t.shape.length - 1];
  if (t.flat.length === 0 || width === 0) fail(fn, `${name} is empty`);
  const out: number[] = [];
  const rowCount = t.flat.length / width;
  for (let r = 0; r < rowCount; r++) out.push(...f(t.flat.slice(r * width, (r + 1) * width), r, rowCount));
  return output(math, t.kind, t.shape, out);
}

/** A 2-D view: rows of numbers. A vector counts as one row when `vectorAsRow`. */
export interface Grid {
  readonly rows: number;
  readonly cols: number;
  readonly data: number[][];
}

export function toGrid(t: Tensor): Grid {
  if (t.shape.length === 1) return { rows: 1, cols: t.shape[0], data: [t.flat.slice()] };
  const [rows, cols] = t.shape;
  const data: number[][] = [];
  for (let r = 0; r < rows; r++) data.push(t.flat.slice(r * cols, (r + 1) * cols));
  return { rows, cols, data };
}

/** Reads a 2-D matrix (or, when allowed, a vector standing for one row). */
export function readGrid(
  math: MathJsInstance,
  fn: string,
  name: string,
  x: unknown,
  opts: { vectorAsRow: boolean },
): { grid: Grid; tensor: Tensor } {
  const t = readTensor(math, fn, name, x);
  if (t.shape.length === 2 || (opts.vectorAsRow && t.shape.length === 1)) return { grid: toGrid(t), tensor: t };
  return fail(fn, `${name} must be a ${opts.vectorAsRow ? 'vector or a ' : ''}2-D matrix, got ${describeShape(t.shape)}`);
}

export function gridOutput(math: MathJsInstance, kind: Kind, data: readonly number[][], asVector: boolean): unknown {
  if (asVector) return output(math, kind === 'number' ? 'matrix' : kind, [data[0].length], data[0]);
  const rows = data.length;
  const cols = rows === 0 ? 0 : data[0].length;
  return output(math, kind === 'number' ? 'matrix' : kind, [rows, cols], data.flat());
}

export function matmul(a: readonly number[][], b: readonly number[][]): number[][] {
  const inner = b.length;
  const cols = inner === 0 ? 0 : b[0].length;
  return a.map((row) => {
    const out = new Array<number>(cols).fill(0);
    for (let k = 0; k < inner; k++) {
      const aik = row[k];
      const bk = b[k];
      for (let j = 0; j < cols; j++) out[j] += aik * bk[j];
    }
    return out;
  });
}

/**
 * A per-feature parameter such as gamma or beta: a number (for every feature) or a
 * vector with one entry per feature (a 1×n or n×1 matrix is accepted too).
 */
export function readPerFeature(
  math: MathJsInstance,
  fn: string,
  name: string,
  x: unknown,
  features: number,
  featureWord: string,
): number[] {
  const t = readTensor(math, fn, name, x);
  if (t.shape.length === 0) return new Array<number>(features).fill(t.flat[0]);
  const isVectorLike = t.shape.length === 1 || (t.shape.length === 2 && (t.shape[0] === 1 || t.shape[1] === 1));
  if (!isVectorLike || t.flat.length !== features) {
    fail(fn, `${name} is ${describeShape(t.shape)} but X has ${features} ${featureWord} (need a number or ${features} values)`);
  }
  return t.flat.slice();
}

/** Stable log(sum(exp(row))): shifts by the maximum so large entries do not overflow. */
export function logSumExp(row: readonly number[]): number {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  if (max === -Infinity || !Number.isFinite(max)) return max;
  let s = 0;
  for (const v of row) s += Math.exp(v - max);
  return max + Math.log(s);
}
