// Interval arithmetic over the tree: the range of values a side can take when some of its
// inputs are rounded (a number the note computed earlier and wrote to a few digits carries
// half a unit of its last digit). One bottom-up fold: linear, no recursion. Functions the
// table below doesn't know give no interval; the caller then falls back to a first-order
// estimate.
import { fold, type Node, type NumNode } from './ast';

export type Interval = readonly [number, number];

export interface IntervalInputs {
  /** The interval of a name, or undefined when it has none (then no interval at all). */
  name(name: string): Interval | undefined;
  /** The interval of a written number: a point unless it is a rounded intermediate. */
  num(n: NumNode): Interval;
}

const point = (v: number): Interval => [v, v];

function hull(...xs: number[]): Interval | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (Number.isNaN(x)) return undefined;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Increasing functions, with the domain they are read on. */
const INCREASING: Record<string, { f: (x: number) => number; min?: number; minOpen?: boolean }> = {
  exp: { f: Math.exp },
  log: { f: Math.log, min: 0, minOpen: true },
  log10: { f: Math.log10, min: 0, minOpen: true },
  log2: { f: Math.log2, min: 0, minOpen: true },
  sqrt: { f: Math.sqrt, min: 0 },
  tanh: { f: Math.tanh },
  sinh: { f: Math.sinh },
  atan: { f: Math.atan },
  asin: { f: Math.asin, min: -1 },
  sigmoid: { f: sigmoid },
  relu: { f: (x) => Math.max(x, 0) },
  softplus: { f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))) },
};

function absInterval(a: Interval): Interval {
  if (a[0] >= 0) return a;
  if (a[1] <= 0) return [-a[1], -a[0]];
  return [0, Math.max(-a[0], a[1])];
}

function mul(a: Interval, b: Interval): Interval | undefined {
  return hull(a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]);
}

function pow(b: Interval, e: Interval): Interval | undefined {
  if (e[0] === e[1] && Number.isInteger(e[0])) {
    const n = e[0];
    if (n >= 0) {
      if (n % 2 === 0 && b[0] < 0 && b[1] > 0) return [0, Math.max(b[0] ** n, b[1] ** n)];
      return hull(b[0] ** n, b[1] ** n);
    }
    if (b[0] <= 0 && b[1] >= 0) return undefined;
    return hull(b[0] ** n, b[1] ** n);
  }
  if (b[0] <= 0) return undefined;
  return hull(b[0] ** e[0], b[0] ** e[1], b[1] ** e[0], b[1] ** e[1]);
}

function call(fn: string, args: readonly Interval[]): Interval | undefined {
  const inc = INCREASING[fn];
  if (inc && args.length === 1) {
    const [lo, hi] = args[0];
    if (inc.min !== undefined && (inc.minOpen ? lo <= inc.min : lo < inc.min)) return undefined;
    return hull(inc.f(lo), inc.f(hi));
  }
  switch (fn) {
    case 'abs':
      return args.length === 1 ? absInterval(args[0]) : undefined;
    case 'cosh':
      return args.length === 1 ? hull(Math.cosh(absInterval(args[0])[0]), Math.cosh(absInterval(args[0])[1])) : undefined;
    case 'max':
      return args.length ? [Math.max(...args.map((a) => a[0])), Math.max(...args.map((a) => a[1]))] : undefined;
    case 'min':
      return args.length ? [Math.min(...args.map((a) => a[0])), Math.min(...args.map((a) => a[1]))] : undefined;
    case 'dsigmoid': {
      if (args.length !== 1) return undefined;
      const f = (x: number): number => sigmoid(x) * (1 - sigmoid(x));
      const [lo, hi] = args[0];
      if (lo < 0 && hi > 0) return [Math.min(f(lo), f(hi)), 0.25];
      return hull(f(lo), f(hi));
    }
    case 'nthRoot': {
      if (args.length !== 2 || args[1][0] !== args[1][1] || args[0][0] < 0) return undefined;
      const n = args[1][0];
      return hull(args[0][0] ** (1 / n), args[0][1] ** (1 / n));
    }
    default:
      return undefined;
  }
}

/** The interval of a side's value, or undefined when some part has none. */
export function intervalOf(root: Node, inputs: IntervalInputs): Interval | undefined {
  const none = undefined as Interval | undefined;
  const out = fold<Interval | undefined>(root, (n, kids) => {
    if (kids.some((k) => k === undefined)) return none;
    const k = kids as readonly Interval[];
    switch (n.k) {
      case 'num':
        return inputs.num(n);
      case 'name':
        return inputs.name(n.name);
      case 'const':
        return point(n.name === 'pi' ? Math.PI : Math.E);
      case 'neg':
        return [-k[0][1], -k[0][0]];
      case 'paren':
        return k[0];
      case 'bin': {
        const [a, b] = k;
        switch (n.op) {
          case '+':
            return [a[0] + b[0], a[1] + b[1]];
          case '-':
            return [a[0] - b[1], a[1] - b[0]];
          case '*':
            return mul(a, b);
          case '/':
            if (b[0] <= 0 && b[1] >= 0) return none;
            return mul(a, [1 / b[1], 1 / b[0]]);
        }
        return none;
      }
      case 'pow':
        return pow(k[0], k[1]);
      case 'call':
        return call(n.fn, k);
      case 'abs':
      case 'norm':
        return absInterval(k[0]);
      case 'pct':
        return [k[0][0] / 100, k[0][1] / 100];
      case 'deriv':
        return n.quantity ? inputs.name(n.quantity) : none;
      default:
        return none;
    }
  });
  if (!out) return undefined;
  // Room for the floating point of the bounds themselves.
  const slack = 1e-12 * Math.max(Math.abs(out[0]), Math.abs(out[1]));
  return [out[0] - slack, out[1] + slack];
}
