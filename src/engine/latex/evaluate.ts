// A default evaluator for tests and standalone use. The engine passes its own sandboxed
// instance; this one only needs mathjs plus the two functions the translation emits.
import { create, all, type MathJsInstance } from 'mathjs';

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
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`not a finite real number: ${String(v)}`);
  return v;
}
