// The outcome of a check statement: `≈` (or a `#= value` record) within a tolerance, and
// comparisons (`==`, `<` …), with both sides as the user reads them.
import type { MathNode } from 'mathjs';
import { compareValues, toleranceOfLiteral, tolerancesOfMatrixLiteral, type Tolerance } from '../checks';
import type { CompiledExpr } from '../compile';
import type { CompareSides } from '../derivation';
import { formatNumber, type FormatOptions, type ValueFormatter } from '../format';
import { NoteError, say } from '../messages';
import type { CheckOutcome } from '../types';

type Values = Map<string, unknown>;

/** `actual ≈ rhs`, within `explicit` (`± t`) or the precision the expected value is written with. */
export function approxCheck(
  actual: unknown,
  rhs: CompiledExpr,
  explicit: CompiledExpr | undefined,
  values: Values,
  formatter: ValueFormatter,
  format: FormatOptions,
): CheckOutcome {
  const expected = rhs.code.evaluate(values);
  let tolerance: Tolerance;
  if (explicit) {
    const t = explicit.code.evaluate(values);
    if (typeof t !== 'number' || !(t >= 0)) throw new NoteError('check.toleranceNotNumber');
    tolerance = { kind: 'absolute', values: [t] };
  } else {
    const single = toleranceOfLiteral(rhs.text);
    const perElement = single === undefined ? tolerancesOfMatrixLiteral(rhs.text) : undefined;
    tolerance = single !== undefined ? { kind: 'absolute', values: [single] } : perElement ? { kind: 'absolute', values: perElement } : { kind: 'relative' };
  }
  const cmp = compareValues(actual, expected, tolerance);
  const text = (v: unknown, precision = format.precision) => formatter.view(v, { ...format, precision }).full;
  let expectedText = text(expected);
  let actualText = text(actual);
  if (!cmp.ok && expectedText === actualText) {
    // "expected 2, got 2" helps nobody: show the digits where they differ.
    expectedText = text(expected, 15);
    actualText = text(actual, 15);
  }
  const difference = formatNumber(cmp.difference, { ...format, precision: 3 });
  // `± 0` asks for an exact match: no tolerance to show (outcome.tolerance is left out).
  const exact = tolerance.kind === 'absolute' && tolerance.values.every((t) => t === 0);
  const toleranceText = exact ? undefined : tolerance.kind === 'relative' ? say('check.relativeTolerance') : formatNumber(cmp.tolerance, { ...format, precision: 3 });
  return {
    ok: cmp.ok,
    style: 'approx',
    expected: expectedText,
    actual: actualText,
    difference,
    ...(toleranceText !== undefined ? { tolerance: toleranceText } : {}),
    message: cmp.ok
      ? undefined
      : toleranceText === undefined
        ? say('check.exactFailed', { expected: expectedText, actual: actualText, difference })
        : say('check.approxFailed', { expected: expectedText, actual: actualText, difference, tolerance: toleranceText }),
  };
}

const OPERATOR_TEXT: Record<string, string> = {
  equal: '==', unequal: '!=', smaller: '<', smallerEq: '<=', larger: '>', largerEq: '>=',
};

/** A comparison holds when it is true (every element, for matrices); `relation` is what its derivation shows. */
export function compareCheck(
  main: CompiledExpr,
  value: unknown,
  values: Values,
  formatter: ValueFormatter,
  format: FormatOptions,
): { check: CheckOutcome; relation: CompareSides } {
  const flat = typeof value === 'boolean' ? [value] : (value as any)?.isMatrix ? ((value as any).toArray() as unknown[]).flat(Infinity) : [value];
  const ok = flat.every((v) => v === true);
  let node = main.node as any;
  while (node.isParenthesisNode) node = node.content;
  // Scalars: show both sides. Matrices: show which elements held.
  const shown = (v: unknown) => formatter.view(v, format).full.replace(/^\([^)]*\) /, '');
  const sides = node.args.map((arg: MathNode) => arg.compile().evaluate(values));
  const op = OPERATOR_TEXT[node.fn] ?? node.op;
  const got = typeof value === 'boolean' ? `${shown(sides[0])} ${op} ${shown(sides[1])}` : shown(value);
  const check: CheckOutcome = {
    ok,
    style: 'compare',
    expected: main.text,
    actual: got,
    message: ok ? undefined : say('check.compareFailed', { expected: main.text, actual: got }),
  };
  const scalar = typeof value === 'boolean';
  return { check, relation: { operator: node.fn, ...(scalar ? { left: shown(sides[0]), right: shown(sides[1]) } : {}) } };
}
