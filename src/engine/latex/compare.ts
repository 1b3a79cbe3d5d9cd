// Compares two evaluated neighbours of a chain. The tolerance comes from what is written:
// a plain number claims its own digits (spec §4: `0.622` → ±0.0005); two expressions
// joined by `=` must agree to relative 1e-9, unless the right side is built from rounded
// decimals, whose rounding is then allowed for (students write `= \frac{1}{1.6065}`).
import type { RelationKind } from './vocabulary';
import { nodes, type Node, type NumNode } from './ast';
import { intervalOf, type Interval } from './interval';
import { emit } from './print';
import { say } from '../messages';

export interface Literal {
  readonly value: number;
  /** Digits written after the decimal point (of the mantissa). */
  readonly decimals: number;
  /** Offsets in the span content of the number as written, sign included when written. */
  readonly start: number;
  readonly end: number;
  /** 1, 0.01 for `62\%`, 10^k for `1.5 \times 10^{k}`. */
  readonly scale: number;
  /** Trailing zeros of an integer (`1000` → 3). */
  readonly trailingZeros: number;
}

/** The plain number a side is, if it is one (`\mathbf{0.47}`, `-0.249`, `62\%`, `1.5 \times 10^{-3}`). */
export function literalOf(n: Node): Literal | undefined {
  switch (n.k) {
    case 'num': {
      const intPart = n.value.split('.')[0];
      const tz = n.decimals === 0 && /[1-9]/.test(intPart) ? intPart.length - intPart.replace(/0+$/, '').length : 0;
      return { value: Number(n.value), decimals: n.decimals, start: n.start, end: n.end, scale: 1, trailingZeros: tz };
    }
    case 'neg': {
      const inner = literalOf(n.arg);
      if (!inner || n.arg.k !== 'num') return undefined;
      return { ...inner, value: -inner.value, start: n.start };
    }
    case 'paren':
      return literalOf(n.arg);
    case 'pct': {
      const inner = n.arg.k === 'num' || (n.arg.k === 'neg' && n.arg.arg.k === 'num') ? literalOf(n.arg) : undefined;
      return inner && { ...inner, value: inner.value / 100, scale: 0.01, trailingZeros: 0 };
    }
    case 'bin': {
      // m × 10^{k}: scientific notation written out.
      if (n.op !== '*' || n.implicit || n.b.k !== 'pow' || n.b.base.k !== 'num' || n.b.base.value !== '10') return undefined;
      const m = n.a.k === 'num' || (n.a.k === 'neg' && n.a.arg.k === 'num') ? literalOf(n.a) : undefined;
      const e = n.b.exp;
      const k = e.k === 'num' && e.decimals === 0 ? Number(e.value) : e.k === 'neg' && e.arg.k === 'num' && e.arg.decimals === 0 ? -Number(e.arg.value) : undefined;
      if (!m || k === undefined) return undefined;
      const scale = 10 ** k;
      return { ...m, value: m.value * scale, scale, trailingZeros: 0 };
    }
    default:
      return undefined;
  }
}

/** Half a unit of the last written digit, in the literal's own scale. */
export function literalTolerance(lit: Literal, approx: boolean): number {
  let t = 5 / 10 ** (lit.decimals + 1);
  // `≈ 1000` claims the leading digits only; `= 1000` claims all of them (spec: 42 → 0.5).
  if (approx && lit.decimals === 0 && lit.trailingZeros > 0) t *= 10 ** lit.trailingZeros;
  return t * lit.scale;
}

/** The computed value written the way the literal was: same decimals, same scale. */
export function replacementFor(value: number, lit: Literal): string {
  const m = value / lit.scale;
  let s = m.toFixed(lit.decimals);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return s;
}

/** Writes thousands groups the way the original number did (`73{,}728`, `12\\,345`). */
function regroup(value: string, written: string): string {
  const sep = written.includes('{,}') ? '{,}' : written.includes('\\,') ? '\\,' : undefined;
  if (!sep) return value;
  const m = /^(-?)(\d+)(.*)$/.exec(value);
  if (!m) return value;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, sep) + m[3];
}

/** Six significant digits, trailing zeros trimmed, with a typographic minus. */
export function formatValue(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v).replace('-', '−');
  let s = String(Number(v.toPrecision(6)));
  if (s.includes('e')) s = v.toPrecision(6).replace(/\.?0+e/, 'e');
  return s.replace('-', '−');
}

export interface Side {
  readonly value: number;
  readonly plain: string;
  readonly ast: Node;
  readonly hasNames: boolean;
  readonly vars: Record<string, number>;
  /** Half-widths of names bound to rounded values (a result the note wrote to a few digits). */
  readonly uncertain?: ReadonlyMap<string, number>;
  /** Half-width of a written number the note computed earlier; 0 for given data. */
  readonly roundedNum?: (n: NumNode) => number;
}

export interface LinkCheck {
  readonly ok?: boolean;
  readonly tolerance?: number;
  readonly message?: string;
  readonly reason?: string;
  readonly written?: { readonly start: number; readonly end: number; readonly text: string; readonly replacement: string };
  /** The range the side's rounded inputs allow, when it has some. */
  readonly interval?: Interval;
}

type Evaluate = (expression: string, vars: Record<string, number>) => number;

/** Significant digits written in a decimal (`0.0123` → 3). */
function significantDigits(n: NumNode): number {
  return n.value.replace(/^[0.]+/, '').replace('.', '').length;
}

/**
 * The values a side can take given its rounded inputs: names bound to rounded results,
 * numbers the note computed earlier, and (with `roundedLooking`) decimals of 3+
 * significant digits, which read as rounded when restated (`= \frac{1}{1.6065}`).
 * Undefined when every input is exact.
 */
export function sideInterval(side: Side, roundedLooking: boolean, evaluate: Evaluate): Interval | undefined {
  const halfOfNum = (n: NumNode): number => {
    const h = side.roundedNum?.(n) ?? 0;
    if (roundedLooking && n.decimals > 0 && significantDigits(n) >= 3) return Math.max(h, 0.5 * 10 ** -n.decimals);
    return h;
  };
  const uncertainNums = nodes(side.ast).filter((n): n is NumNode => n.k === 'num' && halfOfNum(n) > 0);
  const uncertainNames = side.uncertain ? [...side.uncertain].filter(([name, u]) => u > 0 && name in side.vars) : [];
  if (!uncertainNums.length && !uncertainNames.length) return undefined;
  const exact = intervalOf(side.ast, {
    name: (name) => {
      const v = side.vars[name];
      if (v === undefined) return undefined;
      const u = side.uncertain?.get(name) ?? 0;
      return [v - u, v + u];
    },
    num: (n) => {
      const v = Number(n.value);
      const h = halfOfNum(n);
      return [v - h, v + h];
    },
  });
  if (exact) return exact;
  // A function the interval table doesn't know: first-order effect of each rounded input.
  let total = 0;
  try {
    for (const n of uncertainNums) {
      const h = halfOfNum(n);
      let worst = 0;
      for (const d of [h, -h]) worst = Math.max(worst, Math.abs(evaluate(emit(side.ast, new Map([[n as Node, `(${n.value} + ${d})`]])), side.vars) - side.value));
      total += worst;
    }
    for (const [name, u] of uncertainNames) {
      let worst = 0;
      for (const d of [u, -u]) worst = Math.max(worst, Math.abs(evaluate(emit(side.ast), { ...side.vars, [name]: side.vars[name] + d }) - side.value));
      total += worst;
    }
  } catch {
    return undefined;
  }
  return [side.value - total, side.value + total];
}

const SYMBOL: Record<string, string> = { lt: '<', gt: '>', le: '≤', ge: '≥' };

/** Two values with enough significant digits (6 or more) that they print differently. */
function distinct(a: number, b: number): [string, string] {
  for (let p = 6; p < 17; p++) {
    const x = Number(a.toPrecision(p));
    const y = Number(b.toPrecision(p));
    if (x !== y) return [formatDigits(a, p), formatDigits(b, p)];
  }
  return [formatValue(a), formatValue(b)];
}

function formatDigits(v: number, p: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v).replace('-', '−');
  let s = String(Number(v.toPrecision(p)));
  if (s.includes('e')) s = v.toPrecision(p).replace(/\.?0+e/, 'e');
  return s.replace('-', '−');
}

function close(a: number, b: number, tol: number): boolean {
  // A little slack for binary floating point at the exact edge (0.6225 ≈ 0.622).
  return Math.abs(a - b) <= tol * (1 + 1e-9) + 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

/** True when some value of the interval lies within `tol` of `b`. */
function reaches(i: Interval, b: number, tol: number): boolean {
  if (b >= i[0] && b <= i[1]) return true;
  return close(i[0], b, tol) || close(i[1], b, tol);
}

/** The computed value with one digit more than the written number (unless that digit is 0), so the difference shows. */
export function oneMoreDigit(value: number, lit: Literal): string {
  const m = value / lit.scale;
  let s = Math.abs(m) >= 1e21 ? formatValue(m) : m.toFixed(Math.min(lit.decimals + 1, 20));
  // The extra digit is there to show a difference; a 0 there shows none (`288`, not `288.0`).
  if (Math.abs(m) < 1e21 && s.endsWith('0')) s = m.toFixed(lit.decimals);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return s.replace('-', '−') + (lit.scale === 0.01 ? '%' : lit.scale !== 1 ? ` × 10^${Math.round(Math.log10(lit.scale))}` : '');
}

/** Checks one link between two evaluated segments. `src` is the span content. */
export function checkLink(kind: RelationKind, L: Side, R: Side, src: string, evaluate: Evaluate): LinkCheck {
  const a = L.value;
  const b = R.value;
  if (kind === 'other') return { reason: say('latex.relationNotChecked') };
  if (kind === 'lt' || kind === 'gt' || kind === 'le' || kind === 'ge') {
    // With names, `n > d` or `\lambda > 0` is usually a condition, not a claim.
    if (L.hasNames || R.hasNames) return { reason: say('latex.inequalityCondition') };
    const ok = kind === 'lt' ? a < b : kind === 'gt' ? a > b : kind === 'le' ? a <= b : a >= b;
    return ok
      ? { ok }
      : { ok, message: say('latex.inequalityFails', { left: L.plain, value: formatValue(a), relation: SYMBOL[kind], other: formatValue(b) }) };
  }
  const approx = kind === 'approx';
  const litL = literalOf(L.ast);
  const litR = literalOf(R.ast);
  if (litL || litR) {
    // The written number is the literal side; with two literals, the right one, and the
    // fewer digits decide.
    const writtenLit = litR ?? litL!;
    const other = writtenLit === litR ? L : R;
    const otherValue = writtenLit === litR ? a : b;
    const tol = Math.max(litR ? literalTolerance(litR, approx) : 0, litL ? literalTolerance(litL, approx) : 0);
    // Flag only when no value the other side's rounded inputs allow rounds to the written number.
    const interval = sideInterval(other, false, evaluate);
    const ok = interval ? reaches(interval, writtenLit.value, tol) : close(otherValue, writtenLit.value, tol);
    const text = src.slice(writtenLit.start, writtenLit.end);
    const written = { start: writtenLit.start, end: writtenLit.end, text, replacement: regroup(replacementFor(otherValue, writtenLit), text) };
    if (ok) return { ok, tolerance: tol, written, interval };
    const message = say('latex.writtenWrong', { expression: other.plain, value: oneMoreDigit(otherValue, writtenLit), written: text });
    const wide = interval && interval[1] - interval[0] > tol;
    return {
      ok,
      tolerance: tol,
      written,
      interval,
      message: wide ? say('latex.roundedInputsAllow', { message, low: oneMoreDigit(interval[0], writtenLit), high: oneMoreDigit(interval[1], writtenLit) }) : message,
    };
  }
  const rel = 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  if (!approx && close(a, b, rel)) return { ok: true, tolerance: rel };
  const iR = sideInterval(R, true, evaluate);
  const iL = sideInterval(L, approx, evaluate);
  if (!iR && !iL) {
    if (approx) return { reason: say('latex.approxNoDigits') };
    const [x, y] = distinct(a, b);
    return { ok: false, tolerance: rel, message: say('latex.sidesDiffer', { left: L.plain, leftValue: x, right: R.plain, rightValue: y }) };
  }
  const [l0, l1] = iL ?? [a, a];
  const [r0, r1] = iR ?? [b, b];
  const ok = l0 <= r1 + rel && r0 <= l1 + rel;
  const tol = Math.max(rel, (r1 - r0) / 2 + (l1 - l0) / 2);
  if (ok) return { ok, tolerance: tol };
  const [x, y] = distinct(a, b);
  return { ok, tolerance: tol, message: say('latex.sidesDiffer', { left: L.plain, leftValue: x, right: R.plain, rightValue: y }) };
}
