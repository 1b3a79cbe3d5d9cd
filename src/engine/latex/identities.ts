// Checks a symbolic claim at seeded points: a derivative claim (`f'(x) = …`, `∂L/∂w = …`)
// against the derivative of the note's definition, or an identity (a derivation row with
// free symbols) side against side. A claim is wrong only when a clear majority of points
// fail by far more than the numerical error; it is verified only when every point holds;
// anything else is skipped with the reason.
import type { MathNode } from 'mathjs';
import { derivativeOf, numericDerivativeOf, valueAt, type DerivativeEnv, type DerivativeOf, type Valued } from './derivatives';
import { DEFAULT_SAMPLING, samplePoints, scaleOf, seedOf, type Sampling } from './sampling';
import { expand, freeSymbols, smoothness, TooLarge, type Definitions } from './symbolicExpr';
import { say } from '../messages';

export type SymbolicClaim =
  | {
      readonly kind: 'derivative';
      /** The mathjs source whose derivative is claimed: `Swish(x)`, `L`, `(2*w + 3*b)`. */
      readonly of: string;
      readonly variable: string;
      /** Every differentiation in turn when more than one (`∂²f/∂x∂y`: ['x', 'y']); else [variable]. */
      readonly wrt?: readonly string[];
      readonly right: string;
      /** How messages name it: "Swish", "L", "2w + 3b". */
      readonly label: string;
    }
  | { readonly kind: 'identity'; readonly left: string; readonly right: string };

export interface SymbolicScope {
  readonly definitions: Definitions;
  /** The number the note bound a name to above the claim, if any. */
  bound(name: string): number | undefined;
}

export interface CheckedPoint {
  readonly at: Readonly<Record<string, number>>;
  readonly left: number;
  readonly right: number;
  /** true: agrees; false: differs by far more than the numerical error; undefined: unclear. */
  readonly holds: boolean | undefined;
}

export type SymbolicVerdict =
  | {
      readonly status: 'verified' | 'wrong';
      /** The sampled variables, in order. */
      readonly variables: readonly string[];
      readonly points: readonly CheckedPoint[];
      /** For a wrong claim: the first point that fails. */
      readonly failing?: CheckedPoint;
      readonly method: 'symbolic' | 'central difference' | 'direct';
    }
  | {
      readonly status: 'skipped';
      readonly reason: string;
      /** When the points were checked but did not decide: what they gave (the indices of a claim are decided together). */
      readonly checked?: { readonly variables: readonly string[]; readonly points: readonly CheckedPoint[]; readonly method: 'symbolic' | 'central difference' | 'direct' };
    };

/** A point fails when the sides differ by this many times the numerical error… */
const FAIL_FACTOR = 1000;
/** …and by this much relative to the larger side. */
const FAIL_REL = 1e-6;
/** Points that must fail, as a fraction, for a claim to be wrong. */
const WRONG_MAJORITY = 0.75;

function skip(reason: string): SymbolicVerdict {
  return { status: 'skipped', reason };
}

function compare(l: Valued, r: Valued): boolean | undefined {
  const diff = Math.abs(l.value - r.value);
  const mag = Math.max(Math.abs(l.value), Math.abs(r.value));
  const err = l.error + r.error + 1e-12 * mag + 1e-300;
  if (diff <= 10 * err || diff <= 1e-9 * mag) return true;
  if (diff > FAIL_FACTOR * err && diff > FAIL_REL * mag && diff > 1e-12) return false;
  return undefined;
}

interface Prepared {
  readonly variables: string[];
  readonly fixed: Record<string, number>;
  readonly scales: Record<string, number>;
  readonly first?: Record<string, number>;
  readonly kinks: readonly string[];
  /** Conditions of cases that are not a kink's sign (`equal(i, argmax(…))`). */
  readonly conditions: readonly string[];
}

/**
 * Which names are sampled and which held: a name the note bound to a number is held at
 * that number when only one side uses it (`∂z/∂w = 4 · 4 + 2` is about the note's point),
 * and sampled around its magnitude otherwise.
 */
function prepare(left: MathNode, right: MathNode, scope: SymbolicScope, extra: readonly string[] = []): Prepared | string {
  const l = freeSymbols(left);
  const r = freeSymbols(right);
  const all = [...new Set([...l, ...r, ...extra])];
  const fixed: Record<string, number> = {};
  const scales: Record<string, number> = {};
  const first: Record<string, number> = {};
  let allBound = all.length > 0;
  const variables: string[] = [];
  for (const name of all) {
    const b = scope.bound(name);
    if (b !== undefined && Number.isFinite(b) && (!l.includes(name) || !r.includes(name)) && !extra.includes(name)) {
      fixed[name] = b;
      continue;
    }
    variables.push(name);
    scales[name] = scaleOf(b);
    if (b === undefined) allBound = false;
    else first[name] = b;
  }
  const sl = smoothness(left);
  const sr = smoothness(right);
  const unsupported = sl.unsupported ?? sr.unsupported;
  if (unsupported) return say('symbolic.notAtRandomPoints', { name: unsupported });
  return { variables, fixed, scales, first: allBound ? first : undefined, kinks: [...sl.kinks, ...sr.kinks], conditions: [...sl.conditions, ...sr.conditions] };
}

/** A point is away from every kink: the kink expressions keep their sign around it. */
function awayFromKinks(kinks: readonly string[], env: DerivativeEnv, p: Record<string, number>, variables: readonly string[], step: number): boolean {
  for (const k of kinks) {
    let v: number;
    try {
      v = env.evaluate(k, p);
    } catch {
      return false;
    }
    if (!(Math.abs(v) > 1e-6)) return false;
    if (step > 0) {
      for (const x of variables) {
        for (const s of [-4, 4]) {
          try {
            const w = env.evaluate(k, { ...p, [x]: p[x] + s * step });
            if (Math.sign(w) !== Math.sign(v)) return false;
          } catch {
            return false;
          }
        }
      }
    }
  }
  return true;
}

/** The verdict from the compared points. */
export function verdict(points: CheckedPoint[], variables: string[], method: 'symbolic' | 'central difference' | 'direct'): SymbolicVerdict {
  const failing = points.filter((p) => p.holds === false);
  if (points.every((p) => p.holds === true)) return { status: 'verified', variables, points, method };
  if (failing.length >= Math.ceil(WRONG_MAJORITY * points.length)) {
    return { status: 'wrong', variables, points, failing: failing[0], method };
  }
  const held = points.filter((p) => p.holds === true).length;
  return { status: 'skipped', reason: say('symbolic.undecided', { held, count: points.length, failed: failing.length }), checked: { variables, points, method } };
}

/** Evaluates both sides at seeded points and decides. */
function run(
  claimText: string,
  prep: Prepared,
  env: DerivativeEnv,
  leftAt: (p: Record<string, number>) => Valued,
  rightText: string,
  step: (p: Record<string, number>) => number,
  sampling: Sampling,
): { points: CheckedPoint[] } | { reason: string } {
  const values = new Map<Record<string, number>, CheckedPoint>();
  const accept = (p: Record<string, number>): true | string => {
    if (!awayFromKinks(prep.kinks, env, p, prep.variables, step(p))) return say('symbolic.atKink');
    let l: Valued;
    let r: Valued;
    try {
      l = leftAt(p);
      r = valueAt(env.evaluate, rightText, p);
    } catch {
      return say('symbolic.notFinite');
    }
    values.set(p, { at: p, left: l.value, right: r.value, holds: compare(l, r) });
    return true;
  };
  const seed = sampling.seed ?? seedOf(claimText);
  let s = samplePoints(prep.variables, prep.scales, prep.fixed, seed, accept, sampling, prep.first);
  if ('reason' in s) return { reason: s.reason };
  // A piecewise claim is judged on every piece: a case no point reached could be the wrong one.
  let missed = unreached(prep, env, s.points);
  if (missed) {
    const more = { ...sampling, count: sampling.count * COVERAGE_ROUNDS };
    const t = samplePoints(prep.variables, prep.scales, prep.fixed, seed, accept, more, prep.first);
    if (t.points.length >= sampling.count) {
      s = { points: t.points };
      missed = unreached(prep, env, s.points);
    }
    if (missed) return { reason: say('symbolic.caseNotReached') };
  }
  return { points: s.points.map((p) => values.get(p)!) };
}

/** Times more points drawn when the first ones leave a piece of a piecewise claim unreached. */
const COVERAGE_ROUNDS = 4;

/**
 * A kink whose sign, or a condition whose truth, is the same at every point (one side of
 * it was never sampled), as the readable condition; undefined when every piece was reached.
 */
function unreached(prep: Prepared, env: DerivativeEnv, points: readonly Record<string, number>[]): string | undefined {
  const sides = (expr: string, test: (v: number) => boolean): boolean[] =>
    points.map((p) => {
      try {
        return test(env.evaluate(expr, p));
      } catch {
        return false;
      }
    });
  for (const k of prep.kinks) {
    const pos = sides(k, (v) => v > 0);
    if (pos.every((b) => b) || pos.every((b) => !b)) return `${k} = 0`;
  }
  for (const c of prep.conditions) {
    const held = sides(`((${c}) ? 1 : 0)`, (v) => v !== 0);
    if (held.every((b) => b) || held.every((b) => !b)) return c;
  }
  return undefined;
}

function expanded(text: string, scope: SymbolicScope, env: DerivativeEnv, keep: ReadonlySet<string>): MathNode | string {
  try {
    return expand(text, scope.definitions, env.parse, keep);
  } catch (e) {
    if (e instanceof TooLarge) return e.message;
    return say('symbolic.unreadable');
  }
}

/** Checks one claim in the scope of the note's definitions and bound values. */
export function checkSymbolicClaim(claim: SymbolicClaim, scope: SymbolicScope, env: DerivativeEnv, sampling: Sampling = DEFAULT_SAMPLING): SymbolicVerdict {
  if (claim.kind === 'identity') {
    const left = expanded(claim.left, scope, env, new Set());
    const right = expanded(claim.right, scope, env, new Set());
    if (typeof left === 'string') return skip(left);
    if (typeof right === 'string') return skip(right);
    const ls = freeSymbols(left);
    const rs = freeSymbols(right);
    if (!ls.length || !rs.length) return skip(say('symbolic.sideWithoutSymbols'));
    // A symbol on one side only is a definition the checks did not read, or an equation.
    const oneSided = [...ls.filter((n) => !rs.includes(n)), ...rs.filter((n) => !ls.includes(n))].filter((n) => scope.bound(n) === undefined);
    if (oneSided.length) return skip(say('symbolic.oneSided', { names: oneSided.join(', ') }));
    const prep = prepare(left, right, scope);
    if (typeof prep === 'string') return skip(prep);
    if (!prep.variables.length) return skip(say('symbolic.allBound'));
    const leftText = left.toString();
    const r = run(`${claim.left}=${claim.right}`, prep, env, (p) => valueAt(env.evaluate, leftText, p), right.toString(), () => 0, sampling);
    if ('reason' in r) return skip(r.reason);
    return verdict(r.points, prep.variables, 'direct');
  }

  const wrt = claim.wrt ?? [claim.variable];
  const keep = new Set(wrt);
  const f = expanded(claim.of, scope, env, keep);
  const right = expanded(claim.right, scope, env, keep);
  if (typeof f === 'string') return skip(f);
  if (typeof right === 'string') return skip(right);
  // A lone name (`∂L/∂w` with no `L = …` above) has nothing to differentiate.
  const of = env.parse(claim.of);
  if (of.type === 'SymbolNode' && f.toString() === of.toString() && claim.of !== claim.variable) return skip(say('symbolic.notDefined', { name: claim.label }));
  const fs = freeSymbols(f);
  if (!wrt.every((v) => fs.includes(v))) return skip(say('symbolic.independent', { name: claim.label, variable: claim.variable }));
  const foreign = freeSymbols(right).filter((n) => !fs.includes(n) && scope.bound(n) === undefined);
  if (foreign.length) return skip(say('symbolic.foreign', { names: foreign.join(', '), name: claim.label }));
  const prep = prepare(f, right, scope, [...new Set(wrt)]);
  if (typeof prep === 'string') return skip(prep);
  const piecewise = smoothness(f).piecewise;
  const scale = prep.scales[claim.variable] ?? 1;
  let d: DerivativeOf;
  try {
    d = derivativeOf(f, wrt, env, piecewise, scale);
  } catch {
    return skip(say('symbolic.noDerivative'));
  }
  const text = `d(${claim.of})/d${wrt.join(' d')}=${claim.right}`;
  // Differences step across kinks of the definition: keep the points that far away.
  const numeric = d.method === 'symbolic' ? numericDerivativeOf(f, wrt, env, scale) : d;
  const r = run(text, prep, env, (p) => d.at(p), right.toString(), (p) => numeric.step(p), sampling);
  if ('reason' in r) return skip(r.reason);
  const v = verdict(r.points, prep.variables, d.method);
  if (v.status === 'wrong' && d.method === 'symbolic') {
    // Before flagging, the symbolic derivative must agree with differences where it fails.
    for (const p of r.points.filter((q) => q.holds === false)) {
      let n: Valued;
      try {
        n = numeric.at({ ...p.at });
      } catch {
        return skip(say('symbolic.unconfirmed'));
      }
      if (compare(n, { value: p.left, error: 0 }) !== true) return skip(say('symbolic.unconfirmed'));
    }
  }
  return v;
}
