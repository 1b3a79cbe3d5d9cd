// A default evaluator for tests and standalone use. The engine passes its own sandboxed
// instance; this one only needs mathjs plus the two functions the translation emits.
import { create, all, type MathJsInstance } from 'mathjs';
import { NoteError } from '../messages';

let instance: MathJsInstance | undefined;

function math(): MathJsInstance {
  if (instance) return instance;
  const m = create(all, {});
  const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
  m.import(
    {
      sigmoid,
      dsigmoid: (x: number) => sigmoid(x) * (1 - sigmoid(x)),
      relu: (x: number) => Math.max(x, 0),
      softplus: (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
    },
    { override: true },
  );
  instance = m;
  return m;
}

/** Evaluates a translated expression; throws unless the result is a finite real number. */
export function defaultEvaluate(expression: string, vars: Record<string, number>): number {
  const v: unknown = math().evaluate(expression, { ...vars });
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new NoteError('latex.value.notFinite', { value: String(v) });
  return v;
}

/** A list or matrix value: nested arrays of finite numbers. */
export type NumArray = readonly (number | NumArray)[];
export type LatexValue = number | NumArray;

/** A mathjs result as a number or nested arrays of finite numbers; throws on anything else. */
export function toLatexValue(v: unknown): LatexValue {
  const plain = v !== null && typeof v === 'object' && typeof (v as { toArray?: unknown }).toArray === 'function' ? (v as { toArray(): unknown }).toArray() : v;
  const check = (x: unknown): LatexValue => {
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new NoteError('latex.value.notFinite', { value: String(x) });
      return x;
    }
    if (Array.isArray(x) && x.length > 0) return x.map(check);
    throw new NoteError('latex.value.notNumbers', { value: String(x) });
  };
  return check(plain);
}

/** Evaluates a translated expression whose value may be a list or a matrix. */
export function defaultEvaluateAny(expression: string, vars: Record<string, LatexValue>): LatexValue {
  return toLatexValue(math().evaluate(expression, { ...vars }));
}
