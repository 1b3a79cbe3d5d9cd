// Checks: the tolerance a written number implies, and the comparison of two values.
import { NoteError, say } from './messages';

/** Relative tolerance used when no digits were written to take one from. */
export const RELATIVE_TOLERANCE = 1e-9;

const NUMBER_LITERAL = /^[+-]?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Half a unit of the last digit written: `0.622` → 0.0005, `138e6` → 0.5e6, `42` → 0.5.
 * Returns undefined when the text is not a plain number literal.
 */
export function toleranceOfLiteral(text: string): number | undefined {
  const m = NUMBER_LITERAL.exec(text.trim());
  if (!m) return undefined;
  const decimals = m[2]?.length ?? 0;
  const exponent = m[3] ? Number(m[3]) : 0;
  // Round to keep 0.5e-3 from printing as 0.0005000000000000001.
  return Number((0.5 * 10 ** (exponent - decimals)).toPrecision(12));
}

/** Per-element tolerances of a matrix literal of plain numbers (`[0.1, 0.25; 1, 2]`). */
export function tolerancesOfMatrixLiteral(text: string): number[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return undefined;
  const items = t.replace(/[[\]]/g, ' ').split(/[,;\s]+/).filter((s) => s !== '');
  const tolerances = items.map(toleranceOfLiteral);
  return tolerances.every((x): x is number => x !== undefined) && tolerances.length > 0 ? tolerances : undefined;
}

export type Tolerance = { kind: 'absolute'; values: number[] } | { kind: 'relative' };

export interface Comparison {
  readonly ok: boolean;
  /** Largest absolute difference. */
  readonly difference: number;
  /** Tolerance at the element with the largest difference. */
  readonly tolerance: number;
}

function flatten(value: unknown): number[] | undefined {
  if (typeof value === 'number') return [value];
  if (typeof value === 'boolean') return [value ? 1 : 0];
  const array = value && typeof value === 'object' && (value as any).isMatrix ? (value as any).toArray() : value;
  if (Array.isArray(array)) {
    const out: number[] = [];
    for (const item of array.flat(Infinity)) {
      if (typeof item !== 'number') return undefined;
      out.push(item);
    }
    return out;
  }
  return undefined;
}

export function shapeOf(value: unknown): number[] {
  if (value && typeof value === 'object' && (value as any).isMatrix) return (value as any).size();
  if (Array.isArray(value)) return [value.length, ...(Array.isArray(value[0]) ? shapeOf(value[0]) : [])];
  return [];
}

export function shapeText(shape: readonly number[]): string {
  return shape.length === 0 ? say('shape.scalar') : shape.join('×');
}

/** Compares element by element; throws a user-facing error when the values can't be compared. */
export function compareValues(actual: unknown, expected: unknown, tolerance: Tolerance): Comparison {
  const a = flatten(actual);
  const e = flatten(expected);
  if (!a || !e) throw new NoteError('check.approxNotNumbers');
  const sa = shapeOf(actual);
  const se = shapeOf(expected);
  if (a.length !== e.length || (sa.length > 0 && se.length > 0 && sa.join() !== se.join())) {
    throw new NoteError('check.approxShapes', { left: shapeText(sa), right: shapeText(se) });
  }
  // Report the worst failing element, or the largest difference when all pass.
  let ok = true;
  let worst = { difference: 0, tolerance: 0, failing: false };
  for (let i = 0; i < a.length; i++) {
    const raw = Math.abs(a[i] - e[i]);
    const difference = Number.isNaN(raw) ? Infinity : raw;
    const tol =
      tolerance.kind === 'relative'
        ? RELATIVE_TOLERANCE * Math.max(Math.abs(a[i]), Math.abs(e[i]), 1e-300)
        : tolerance.values[Math.min(i, tolerance.values.length - 1)];
    // Infinity ≈ Infinity holds; NaN never does. The factor absorbs binary rounding of 0.5e-3.
    const failing = !(a[i] === e[i] || raw <= tol * (1 + 1e-12));
    if (failing) ok = false;
    if ((failing && !worst.failing) || (failing === worst.failing && difference > worst.difference)) {
      worst = { difference, tolerance: tol, failing };
    }
  }
  return { ok, difference: worst.difference, tolerance: worst.tolerance };
}
