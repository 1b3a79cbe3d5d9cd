// Shared test helpers: a private mathjs instance with the whole library imported the way
// the engine imports it, and a tolerant deep comparison for numbers and matrices.
import assert from 'node:assert/strict';
import { create, all, type MathJsInstance } from 'mathjs';
import { libraryByName } from '../../../src/engine/library';

export const TOL = 1e-9;

export function makeMath(): MathJsInstance {
  const math = create(all);
  const fns: Record<string, unknown> = {};
  for (const [name, f] of libraryByName) fns[name] = f.create(math);
  math.import(fns, { override: true });
  return math;
}

export const math = makeMath();

/** Evaluates an expression in a fresh scope. */
export function ev(expr: string): unknown {
  return math.evaluate(expr, {});
}

/** Matrices become nested arrays, plain objects are compared field by field. */
function plain(x: unknown): unknown {
  if (math.isMatrix(x)) return (x as { toArray(): unknown }).toArray();
  return x;
}

export function approx(actual: unknown, expected: unknown, tol = TOL, path = 'value'): void {
  const a = plain(actual);
  if (typeof expected === 'number') {
    assert.equal(typeof a, 'number', `${path}: expected a number, got ${JSON.stringify(a)}`);
    const n = a as number;
    if (Number.isNaN(expected)) return assert.ok(Number.isNaN(n), `${path}: expected NaN, got ${n}`);
    if (!Number.isFinite(expected)) return assert.equal(n, expected, path);
    assert.ok(Math.abs(n - expected) <= tol * Math.max(1, Math.abs(expected)), `${path}: expected ${expected}, got ${n}`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(a), `${path}: expected an array, got ${JSON.stringify(a)}`);
    const arr = a as unknown[];
    assert.equal(arr.length, expected.length, `${path}: length`);
    expected.forEach((e, i) => approx(arr[i], e, tol, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(a !== null && typeof a === 'object', `${path}: expected an object`);
    assert.deepEqual(Object.keys(a as object).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const [k, v] of Object.entries(expected)) approx((a as Record<string, unknown>)[k], v, tol, `${path}.${k}`);
    return;
  }
  assert.equal(a, expected, path);
}

/** Expects evaluation to throw an Error whose message matches. */
export function throwsMsg(expr: string, message: RegExp | string): void {
  assert.throws(
    () => ev(expr),
    (err: unknown) => {
      assert.ok(err instanceof Error, 'an Error');
      if (typeof message === 'string') assert.equal(err.message, message);
      else assert.match(err.message, message);
      return true;
    },
    expr,
  );
}

export function isMatrix(x: unknown): boolean {
  return math.isMatrix(x);
}
