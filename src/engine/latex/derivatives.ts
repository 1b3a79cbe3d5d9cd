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

/** Fourth root of the machine epsilon: the step of a second difference. */
const QRT_EPS = 1.22e-4;

/**
 * Second derivatives by differences: `∂²f/∂x²` (the same name twice) or the mixed
 * `∂²f/∂x∂y`, with a Richardson estimate of the truncation error as for first ones.
 */
function secondDifference(f: string, a: string, b: string, env: DerivativeEnv, scale: number): DerivativeOf {
  const stepOf = (p: Record<string, number>, v: string) => QRT_EPS * Math.max(Math.abs(p[v] ?? 0), scale);
  const at = (p: Record<string, number>, shift: Record<string, number>) => {
    const q = { ...p };
    for (const [v, d] of Object.entries(shift)) q[v] = (q[v] ?? 0) + d;
    return finite(env.evaluate(f, q));
  };
  const diff = (p: Record<string, number>, m: number): { d: number; mag: number; h2: number } => {
    const h = m * stepOf(p, a);
    if (a === b) {
      const up = at(p, { [a]: h });
      const mid = at(p, {});
      const down = at(p, { [a]: -h });
      return { d: (up - 2 * mid + down) / (h * h), mag: Math.max(Math.abs(up), Math.abs(mid), Math.abs(down)), h2: h * h };
    }
    const k = m * stepOf(p, b);
    const pp = at(p, { [a]: h, [b]: k });
    const pm = at(p, { [a]: h, [b]: -k });
    const mp = at(p, { [a]: -h, [b]: k });
    const mm = at(p, { [a]: -h, [b]: -k });
    return { d: (pp - pm - mp + mm) / (4 * h * k), mag: Math.max(Math.abs(pp), Math.abs(pm), Math.abs(mp), Math.abs(mm)), h2: h * k };
  };
  return {
    method: 'central difference',
    step: (p) => 2 * Math.max(stepOf(p, a), stepOf(p, b)),
    at(p) {
      const x = diff(p, 1);
      const y = diff(p, 2);
      const value = (4 * x.d - y.d) / 3;
      const error = Math.abs(x.d - y.d) + (40 * EPS * Math.max(x.mag, y.mag)) / x.h2;
      return { value: finite(value), error };
    },
  };
}

/** Differences for one or two differentiations; more are not computed. */
function differences(f: string, wrt: readonly string[], env: DerivativeEnv, scale: number): DerivativeOf {
  if (wrt.length === 1) return centralDifference(f, wrt[0], env, scale);
  if (wrt.length === 2) return secondDifference(f, wrt[0], wrt[1], env, scale);
  throw new Error('third and higher derivatives are not computed');
}

/**
 * The derivative of the (already expanded) expression `f` by the names in `wrt`, in turn
 * (`['x']`: df/dx; `['x', 'x']`: d²f/dx²; `['x', 'y']`: ∂²f/∂x∂y).
 * `piecewise`: `f` has conditions, max, ReLU…: the symbolic route is not taken.
 */
export function derivativeOf(f: MathNode, wrt: string | readonly string[], env: DerivativeEnv, piecewise: boolean, scale = 1): DerivativeOf {
  const names = typeof wrt === 'string' ? [wrt] : wrt;
  const text = f.toString();
  if (env.derivative && !piecewise && nodes(f) <= SYMBOLIC_MAX_NODES && names.length <= 2) {
    try {
      let d = elementary(f, env.parse).toString();
      for (const v of names) d = env.derivative(d, v);
      const result = d;
      return {
        method: 'symbolic',
        step: () => 0,
        at: (p) => valueAt(env.evaluate, result, p),
      };
    } catch {
      // A function `derivative` does not know: fall back to differences.
    }
  }
  return differences(text, names, env, scale);
}

/** Differences only: the cross-check for a symbolic derivative before it flags. */
export function numericDerivativeOf(f: MathNode, wrt: string | readonly string[], env: DerivativeEnv, scale = 1): DerivativeOf {
  return differences(f.toString(), typeof wrt === 'string' ? [wrt] : wrt, env, scale);
}
