// Compares two sides of a link when either is a list or a matrix: element by element,
// each element with the tolerance its written digits claim, widened by what the rounded
// inputs allow (first order: each rounded input moved by half a unit). A wrong element is
// reported at that element. Sides of different shapes are not compared (a dot product
// against a list usually means an element-wise product the notation doesn't say).
import { nodes, type Node, type NumNode } from './ast';
import { literalOf, literalTolerance, oneMoreDigit, replacementFor, type LinkCheck, type Literal } from './compare';
import type { LatexValue, NumArray } from './evaluate';
import { emit, plain } from './print';
import type { RelationKind } from './vocabulary';
import { say } from '../messages';

export interface ListSide {
  readonly value: LatexValue;
  readonly plain: string;
  readonly ast: Node;
  readonly vars: Record<string, LatexValue>;
  /** Half-widths of names bound to rounded values. */
  readonly uncertain: ReadonlyMap<string, number>;
  /** Half-width of a written number the note computed earlier; 0 for given data. */
  readonly roundedNum: (n: NumNode) => number;
}

type EvaluateAny = (expression: string, vars: Record<string, LatexValue>) => LatexValue;

function shapeOf(v: LatexValue): string {
  if (typeof v === 'number') return '';
  return `${v.length}` + (v.length ? `x${shapeOf(v[0])}` : '');
}

function flat(v: LatexValue): number[] {
  if (typeof v === 'number') return [v];
  return (v as NumArray).flatMap((x) => flat(x));
}

/** The element nodes of a written list or matrix, row by row. */
function elementsOf(n: Node): readonly Node[] | undefined {
  if (n.k === 'paren') return elementsOf(n.arg);
  if (n.k === 'tuple') return n.items;
  if (n.k === 'matrix') return n.rows.flat();
  return undefined;
}

/** Per-element effect of the side's rounded inputs, first order; zeros when all are exact. */
function deviations(side: ListSide, roundedLooking: boolean, evaluate: EvaluateAny): number[] | undefined {
  const base = flat(side.value);
  const dev = base.map(() => 0);
  const add = (moved: LatexValue): boolean => {
    const m = flat(moved);
    if (m.length !== base.length) return false;
    m.forEach((x, i) => (dev[i] += Math.abs(x - base[i]) / 1));
    return true;
  };
  try {
    for (const n of nodes(side.ast)) {
      if (n.k !== 'num') continue;
      let h = side.roundedNum(n);
      if (roundedLooking && n.decimals > 0 && n.value.replace(/^[0.]+/, '').replace('.', '').length >= 3) h = Math.max(h, 0.5 * 10 ** -n.decimals);
      if (!h) continue;
      const worst = base.map(() => 0);
      for (const d of [h, -h]) {
        const m = flat(evaluate(emit(side.ast, new Map([[n as Node, `(${n.value} + ${d})`]])), side.vars));
        if (m.length !== base.length) return undefined;
        m.forEach((x, i) => (worst[i] = Math.max(worst[i], Math.abs(x - base[i]))));
      }
      worst.forEach((w, i) => (dev[i] += w));
    }
    for (const [name, u] of side.uncertain) {
      if (!u || !(name in side.vars)) continue;
      const v = side.vars[name];
      const shift = (x: LatexValue, d: number): LatexValue => (typeof x === 'number' ? x + d : (x as NumArray).map((y) => shift(y, d)));
      for (const d of [u, -u]) if (!add(evaluate(emit(side.ast), { ...side.vars, [name]: shift(v, d) }))) return undefined;
    }
  } catch {
    return undefined;
  }
  return dev;
}

function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * (1 + 1e-9) + 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

/** Checks a link where a side is a list or a matrix. `src` is the span content. */
export function checkListLink(kind: RelationKind, L: ListSide, R: ListSide, src: string, evaluate: EvaluateAny): LinkCheck {
  if (kind !== 'eq' && kind !== 'approx') return { reason: 'relation between lists not checked' };
  if (typeof L.value === 'number' || typeof R.value === 'number') return { reason: 'a list and a number' };
  if (shapeOf(L.value) !== shapeOf(R.value)) return { reason: 'lists of different shapes' };
  const approx = kind === 'approx';
  const a = flat(L.value);
  const b = flat(R.value);
  const elemsR = elementsOf(R.ast);
  const elemsL = elementsOf(L.ast);
  const litsR = elemsR?.length === b.length ? elemsR.map(literalOf) : undefined;
  const litsL = elemsL?.length === a.length ? elemsL.map(literalOf) : undefined;
  const writtenOnRight = !!litsR && litsR.every((l) => l);
  const writtenOnLeft = !writtenOnRight && !!litsL && litsL.every((l) => l);
  if (writtenOnRight || writtenOnLeft) {
    const lits = (writtenOnRight ? litsR : litsL) as Literal[];
    const other = writtenOnRight ? L : R;
    const values = writtenOnRight ? a : b;
    const otherElems = elementsOf(other.ast);
    const dev = deviations(other, false, evaluate) ?? values.map(() => 0);
    let tolerance = 0;
    for (let i = 0; i < lits.length; i++) {
      const lit = lits[i];
      const tol = literalTolerance(lit, approx);
      tolerance = Math.max(tolerance, tol);
      if (close(values[i], lit.value, tol + dev[i])) continue;
      const text = src.slice(lit.start, lit.end);
      const shown = otherElems?.length === values.length ? plain(otherElems[i]) : `element ${i + 1} of ${other.plain}`;
      return {
        ok: false,
        tolerance: tol,
        written: { start: lit.start, end: lit.end, text, replacement: replacementFor(values[i], lit) },
        message: say('latex.elementWrong', { message: say('latex.writtenWrong', { expression: shown, value: oneMoreDigit(values[i], lit), written: text }), index: i + 1 }),
      };
    }
    return { ok: true, tolerance };
  }
  const dR = deviations(R, true, evaluate);
  const dL = deviations(L, approx, evaluate);
  const anyRounding = [...(dR ?? []), ...(dL ?? [])].some((d) => d > 0);
  if (approx && !anyRounding) return { reason: say('latex.approxNoDigits') };
  for (let i = 0; i < a.length; i++) {
    const tol = 1e-9 * Math.max(Math.abs(a[i]), Math.abs(b[i])) + (dR?.[i] ?? 0) + (dL?.[i] ?? 0);
    if (!close(a[i], b[i], tol)) {
      return { ok: false, tolerance: tol, message: say('latex.elementWrong', { message: say('latex.sidesDiffer', { left: L.plain, leftValue: a[i].toPrecision(6), right: R.plain, rightValue: b[i].toPrecision(6) }), index: i + 1 }) };
    }
  }
  return { ok: true };
}
