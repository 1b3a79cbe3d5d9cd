// The true derivative of a note's definition at a point: mathjs's own symbolic
// `derivative` where the definition is smooth and small, central differences otherwise
// (piecewise definitions, functions `derivative` does not know). Every value comes with
// an estimate of its numerical error, so a comparison can tell a mistake from noise.
import type { MathNode } from 'mathjs';
import { elementary, type Parse } from './symbolicExpr';

export type Evaluate = (expression: string, vars: Record<string, number>) => number;

export interface DerivativeEnv {
  readonly parse: Parse;
  readonly evaluate: Evaluate;
  /** mathjs's `derivative(expression, variable)` as text; throws where it does not apply. */
  readonly derivative?: (expression: string, variable: string) => string;
}

export interface Valued {
  readonly value: number;
  /** Absolute numerical error of `value`. */
  readonly error: number;
}

export interface DerivativeOf {
  readonly method: 'symbolic' | 'central difference';
  /** The derivative at a point; throws when it is not a finite real number there. */
  at(point: Record<string, number>): Valued;
  /** The step used at a point (0 for a symbolic derivative): points keep this far from kinks. */
  step(point: Record<string, number>): number;
}

/** Above this many nodes the symbolic route (whose simplification can be slow) is not tried. */
const SYMBOLIC_MAX_NODES = 160;
/** Cube root of the machine epsilon: the step that balances truncation and rounding. */
const CBRT_EPS = 6.055e-6;
const EPS = 2.22e-16;

function nodes(n: MathNode): number {
  let c = 0;
  n.traverse(() => void c++);
  return c;
}

function finite(v: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error('not a finite real number');
  return v;
}

/** Relative rounding error allowed for a directly evaluated expression. */
export const EVAL_REL_ERROR = 1e-10;

/** The value of an expression with its rounding-error estimate. */
export function valueAt(evaluate: Evaluate, expression: string, point: Record<string, number>): Valued {
  const value = finite(evaluate(expression, point));
  return { value, error: EVAL_REL_ERROR * Math.abs(value) };
}

function centralDifference(f: string, variable: string, env: DerivativeEnv, scale: number): DerivativeOf {
  const stepAt = (p: Record<string, number>) => CBRT_EPS * Math.max(Math.abs(p[variable] ?? 0), scale);
  const diff = (p: Record<string, number>, h: number): { d: number; mag: number } => {
    const up = finite(env.evaluate(f, { ...p, [variable]: (p[variable] ?? 0) + h }));
    const down = finite(env.evaluate(f, { ...p, [variable]: (p[variable] ?? 0) - h }));
    return { d: (up - down) / (2 * h), mag: Math.max(Math.abs(up), Math.abs(down)) };
  };
  return {
    method: 'central difference',
    step: stepAt,
    at(p) {
      const h = stepAt(p);
      const a = diff(p, h);
      const b = diff(p, 2 * h);
      // Richardson: the truncation error of the h-step is about (D(2h) − D(h)) / 3;
      // rounding adds about ε·|f| / h.
      const value = (4 * a.d - b.d) / 3;
      const error = Math.abs(a.d - b.d) + (10 * EPS * Math.max(a.mag, b.mag)) / h;
      return { value: finite(value), error };
    },
  };
}

/**
 * The derivative of the (already expanded) expression `f` with respect to `variable`.
 * `piecewise`: `f` has conditions, max, ReLU…: the symbolic route is not taken.
 */
export function derivativeOf(f: MathNode, variable: string, env: DerivativeEnv, piecewise: boolean, scale = 1): DerivativeOf {
  const text = f.toString();
  if (env.derivative && !piecewise && nodes(f) <= SYMBOLIC_MAX_NODES) {
    try {
      const d = env.derivative(elementary(f, env.parse).toString(), variable);
      return {
        method: 'symbolic',
        step: () => 0,
        at: (p) => valueAt(env.evaluate, d, p),
      };
    } catch {
      // A function `derivative` does not know: fall back to differences.
    }
  }
  return centralDifference(text, variable, env, scale);
}

/** Central differences only: the cross-check for a symbolic derivative before it flags. */
export function numericDerivativeOf(f: MathNode, variable: string, env: DerivativeEnv, scale = 1): DerivativeOf {
  return centralDifference(f.toString(), variable, env, scale);
}
