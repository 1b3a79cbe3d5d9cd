// Evaluates a note: every block and inline span top to bottom in one scope, like "run
// all" in a notebook. Errors stay at their statement and evaluation goes on past them.
import type { MathNode } from 'mathjs';
import { compareValues, shapeOf, shapeText, toleranceOfLiteral, tolerancesOfMatrixLiteral, type Tolerance } from './checks';
import type { CompiledExpr, StatementCompiler } from './compile';
import type { CompareSides, DerivationInput } from './derivation';
import type { FormatOptions, ValueFormatter } from './format';
import { formatNumber } from './format';
import { LimitError, type SandboxedMath } from './mathInstance';
import { NoteError, say, said, type Said } from './messages';
import { sayErrorMessage } from './messages/mathjsErrors';
import type { ParsedNote } from './blocks';
import { valueWarning } from './valueWarnings';
import { inlineStatement, rangeAt, splitStatements, type StatementSource } from './statements';
import type {
  CheckOutcome,
  DependencyRef,
  EngineDiagnostic,
  EngineSettings,
  EvaluateOptions,
  Range,
  StatementResult,
  ValueView,
} from './types';

/** Everything needed to build a statement's derivation later, on demand (kept cheap: no Map per statement). */
export interface DerivationSeed extends Omit<DerivationInput, 'values'> {
  readonly reads: readonly string[];
  readonly inputs: readonly unknown[];
}

export function derivationInput(seed: DerivationSeed): DerivationInput {
  const values = new Map<string, unknown>();
  seed.reads.forEach((name, i) => {
    if (seed.dependencies.some((d) => d.name === name)) values.set(name, seed.inputs[i]);
  });
  return { ...seed, values };
}

export interface EvaluationOutput {
  readonly statements: StatementResult[];
  readonly diagnostics: EngineDiagnostic[];
  readonly seeds: (DerivationSeed | undefined)[];
  /** Numbers the note's scope held, by name, in the order they were assigned (for LaTeX checks). */
  readonly bindings: ReadonlyMap<string, readonly { line: number; value: number }[]>;
  /** This run's outcomes, for the next evaluation of the same note. */
  readonly memo: Memo;
}

interface Definition {
  readonly line: number;
  readonly view: ValueView;
}

/** One scope: a note's, or an isolated block's. */
class Scope {
  readonly values = new Map<string, unknown>();
  readonly defined = new Map<string, Definition>();
  readonly failed = new Map<string, number>();
}

interface Unit {
  readonly source: StatementSource;
  readonly block: number;
  readonly inline: boolean;
  readonly isolatedGroup?: number;
  readonly format: FormatOptions;
}

export interface EvaluatorDeps {
  readonly sandbox: SandboxedMath;
  readonly compiler: StatementCompiler;
  readonly formatter: ValueFormatter;
  /** Results of the note's previous evaluation, reused where a statement's inputs are unchanged. */
  readonly memo: ReadonlyMap<string, readonly MemoEntry[]>;
  readonly splits: SplitCache;
}

/**
 * A statement's last outcome with the values it read. When the same statement reads the
 * very same values (identity) again, its outcome is reused: an edit re-evaluates only the
 * statements downstream of it, which keeps typing cheap on long notes.
 */
interface MemoEntry {
  readonly group: number | undefined;
  readonly precision: number;
  readonly record: string | undefined;
  readonly inputs: readonly unknown[];
  readonly value: unknown;
  readonly shown?: ValueView;
  readonly check?: CheckOutcome;
  readonly relation?: CompareSides;
}

/** By statement text, then by occurrence of that text in the note. */
export type Memo = Map<string, MemoEntry[]>;

export function evaluateNote(
  note: ParsedNote,
  settings: EngineSettings,
  options: EvaluateOptions,
  deps: EvaluatorDeps,
): EvaluationOutput {
  const units = collectUnits(note, settings, deps.splits);
  // Where each name is assigned, for "defined later at line N".
  const assignments = new Map<string, number[]>();
  units.forEach((unit, i) => {
    // Compiling a long note is progress too: the time limit counts steps, not the whole pass.
    if ((i & 255) === 255) options.onPhase?.('parse');
    const compiled = deps.compiler.compile(unit.source.text);
    if (compiled.kind !== 'error' && compiled.assigns) {
      const list = assignments.get(compiled.assigns) ?? [];
      list.push(i);
      assignments.set(compiled.assigns, list);
    }
  });

  const noteScope = new Scope();
  let isolated: { group: number; scope: Scope } | undefined;
  const statements: StatementResult[] = [];
  const seeds: (DerivationSeed | undefined)[] = [];
  const bindings = new Map<string, { line: number; value: number }[]>();
  const diagnostics: EngineDiagnostic[] = [];
  for (const block of note.blocks) diagnostics.push(...block.optionWarnings);

  const occurrences = new Map<string, number>();
  const nextMemo: Memo = new Map();
  units.forEach((unit, index) => {
    let scope = noteScope;
    if (unit.isolatedGroup !== undefined) {
      if (isolated?.group !== unit.isolatedGroup) isolated = { group: unit.isolatedGroup, scope: new Scope() };
      scope = isolated.scope;
    }
    options.onStatement?.(index, unit.source.range.start);
    const occurrence = occurrences.get(unit.source.text) ?? 0;
    occurrences.set(unit.source.text, occurrence + 1);
    const { result, seed } = runStatement(unit, index, scope, assignments, units, options, deps, occurrence, nextMemo);
    statements.push(result);
    seeds.push(seed);
    if (scope === noteScope && result.assigns && result.kind !== 'error') {
      const value = noteScope.values.get(result.assigns);
      if (typeof value === 'number') {
        const list = bindings.get(result.assigns) ?? [];
        list.push({ line: unit.source.range.start.line, value });
        bindings.set(result.assigns, list);
      }
    }
    if (result.kind === 'error' && result.error) {
      diagnostics.push({ range: result.error.range, severity: 'error', message: result.error.message, code: 'error', messageCode: result.error.code, messageArgs: result.error.args });
    } else if (result.check && !result.check.ok) {
      diagnostics.push({ range: result.range, severity: 'error', message: result.check.message!, code: 'check' });
    } else if (result.warning) {
      diagnostics.push({ range: result.range, severity: 'warning', message: result.warning.message, code: 'value' });
    }
  });
  // The next run starts from what this one used: deleted statements must not pin their values.
  return { statements, diagnostics, seeds, bindings, memo: nextMemo };
}

/** Split blocks by their lines and positions: an edit re-splits only the block it touched. */
export type SplitCache = Map<string, StatementSource[]>;

function splitCached(lines: ParsedNote['blocks'][number]['lines'], cache: SplitCache): StatementSource[] {
  let key = '';
  for (const l of lines) key += `${l.line}:${l.column}:${l.text}\n`;
  let split = cache.get(key);
  if (!split) {
    split = splitStatements(lines);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, split);
  }
  return split;
}

function collectUnits(note: ParsedNote, settings: EngineSettings, splits: SplitCache): Unit[] {
  const base: FormatOptions = { precision: settings.precision, grouping: settings.grouping, scaleHints: settings.scaleHints };
  const items: { line: number; units: Unit[] }[] = [];
  for (const block of note.blocks) {
    const format = block.options.precision ? { ...base, precision: block.options.precision } : base;
    const isolatedGroup = block.options.isolated ? block.index : undefined;
    items.push({
      line: block.range.start.line,
      units: splitCached(block.lines, splits).map((source) => ({ source, block: block.index, inline: false, isolatedGroup, format })),
    });
  }
  for (const span of note.inlines) {
    items.push({
      line: span.range.start.line,
      units: [{ source: inlineStatement(span.source, span.range), block: -1, inline: true, format: base }],
    });
  }
  // Blocks and spans are each in document order already; merge them by line.
  items.sort((a, b) => a.line - b.line);
  return items.flatMap((item) => item.units);
}

function runStatement(
  unit: Unit,
  index: number,
  scope: Scope,
  assignments: Map<string, number[]>,
  units: Unit[],
  options: EvaluateOptions,
  deps: EvaluatorDeps,
  occurrence: number,
  nextMemo: Memo,
): { result: StatementResult; seed?: DerivationSeed } {
  const { source } = unit;
  const base = { index, block: unit.block, inline: unit.inline, source: source.text, range: source.range };
  const fail = (what: string | Omit<Said, 'code'> & { code?: string }, range: Range = source.range, assigns?: string): { result: StatementResult } => {
    const error = typeof what === 'string' ? { message: what, range } : { message: what.message, range, code: what.code, args: what.args };
    if (assigns) {
      scope.failed.set(assigns, source.range.start.line);
      scope.defined.delete(assigns);
      scope.values.delete(assigns);
    }
    return { result: { ...base, kind: 'error', assigns, error, dependencies: [] } };
  };

  const start = source.range.start;
  const skip = options.skipAfter;
  const stopped =
    options.stopped?.get(`${start.line}:${start.character}`) ??
    (skip && (start.line > skip.line || (start.line === skip.line && start.character > skip.character)) ? skip.message : undefined);
  const compiled = deps.compiler.compile(source.text);
  const assigns = compiled.kind === 'error' ? undefined : compiled.assigns;
  if (stopped) return fail(stopped, source.range, assigns);
  if (compiled.kind === 'error') {
    const at = compiled.offset;
    return fail({ message: compiled.message, code: compiled.code, args: compiled.args ?? {} }, rangeAt(source, at, Math.min(at + (compiled.length ?? 1), source.text.length)));
  }

  // Names: defined here, failed earlier, defined later, or unknown.
  const dependencies: DependencyRef[] = [];
  const inputs: unknown[] = [];
  for (const name of compiled.reads) {
    inputs.push(scope.values.get(name));
    const failedAt = scope.failed.get(name);
    if (failedAt !== undefined) {
      return fail(said('name.dependsOnFailed', { name, line: failedAt + 1 }), nameRange(source, name), assigns);
    }
    const def = scope.defined.get(name);
    if (def) {
      dependencies.push({ name, line: def.line, display: def.view.short });
      continue;
    }
    if (scope.values.has(name)) continue;
    const refusal = deps.sandbox.refusal(name);
    if (refusal) return fail(refusal, nameRange(source, name), assigns);
    if (deps.sandbox.isBuiltin(name)) continue;
    if (compiled.unitNames.has(name) && deps.sandbox.isUnit(name)) continue;
    const later = (assignments.get(name) ?? []).find((i) => i > index && units[i].isolatedGroup === unit.isolatedGroup);
    const unknown = later !== undefined ? said('name.definedLater', { name, line: units[later].source.range.start.line + 1 }) : said('name.unknown', { name });
    return fail(unknown, nameRange(source, name), assigns);
  }

  const finish = (value: unknown, shown: ValueView | undefined, check: CheckOutcome | undefined, reused?: MemoEntry, relation?: CompareSides) => {
    if (assigns && shown) {
      scope.failed.delete(assigns);
      scope.defined.set(assigns, { line: source.range.start.line, view: shown });
    }
    const warning = check ? undefined : valueWarning(value, source.text, inputs);
    const result: StatementResult = {
      index,
      block: unit.block,
      inline: unit.inline,
      source: source.text,
      range: source.range,
      kind: check ? 'check' : 'value',
      assigns,
      value: shown,
      check,
      ...(warning ? { warning } : {}),
      dependencies,
    };
    // A comparison shows no value, but its derivation (both sides put in, the verdict) is shown.
    const derived = shown ?? (relation ? deps.formatter.view(value, unit.format) : undefined);
    const seed: DerivationSeed | undefined = derived
      ? {
          node: expressionOf(compiled.main.node),
          assigns: assignedOf(compiled.main.node),
          reads: compiled.reads,
          inputs,
          result: derived,
          dependencies,
          ...(check && compiled.kind === 'approx' ? { check: { expected: compiled.rhs.node, tolerance: compiled.tolerance?.node, outcome: check } } : {}),
          ...(check && relation ? { relation: { ...relation, outcome: check } } : {}),
        }
      : undefined;
    // Functions close over this run's scope, so they (and what reads them) always run again.
    if (typeof value !== 'function' && compiled.reusable) {
      let list = nextMemo.get(source.text);
      if (!list) nextMemo.set(source.text, (list = []));
      list[occurrence] = reused ?? { group: unit.isolatedGroup, precision: unit.format.precision, record: source.record?.text, inputs, value, shown, check, relation };
    }
    return { result, seed };
  };

  const memo = options.stopped || options.skipAfter || !compiled.reusable ? undefined : deps.memo.get(source.text)?.[occurrence];
  if (
    memo &&
    memo.group === unit.isolatedGroup &&
    memo.precision === unit.format.precision &&
    memo.record === source.record?.text &&
    memo.inputs.length === inputs.length &&
    memo.inputs.every((v, i) => Object.is(v, inputs[i]))
  ) {
    if (assigns) scope.values.set(assigns, memo.value);
    return finish(memo.value, memo.shown, memo.check, memo, memo.relation);
  }

  try {
    const value = run(compiled.main, scope);
    deps.sandbox.checkSize(value);
    let check: CheckOutcome | undefined;
    let relation: CompareSides | undefined;
    if (compiled.kind === 'approx') {
      check = approxCheck(value, compiled.rhs, compiled.tolerance, scope, deps, unit.format);
    } else if (compiled.kind === 'compare') {
      ({ check, relation } = compareCheck(compiled.main, value, scope, deps, unit.format));
    } else if (source.record) {
      const record = deps.compiler.compileExpression(source.record.text);
      if ('error' in record) return fail(said('record.error', { detail: record.error }), source.record.range, assigns);
      check = approxCheck(value, record, undefined, scope, deps, unit.format);
    }
    const shown = compiled.kind === 'compare' ? undefined : deps.formatter.view(value, unit.format);
    return finish(value, shown, check, undefined, relation);
  } catch (e) {
    return fail(describeError(e, compiled.main, scope), source.range, assigns);
  }
}

function run(expr: CompiledExpr, scope: Scope): unknown {
  return expr.code.evaluate(scope.values);
}

function approxCheck(
  actual: unknown,
  rhs: CompiledExpr,
  explicit: CompiledExpr | undefined,
  scope: Scope,
  deps: EvaluatorDeps,
  format: FormatOptions,
): CheckOutcome {
  const expected = run(rhs, scope);
  let tolerance: Tolerance;
  if (explicit) {
    const t = run(explicit, scope);
    if (typeof t !== 'number' || !(t >= 0)) throw new NoteError('check.toleranceNotNumber');
    tolerance = { kind: 'absolute', values: [t] };
  } else {
    const single = toleranceOfLiteral(rhs.text);
    const perElement = single === undefined ? tolerancesOfMatrixLiteral(rhs.text) : undefined;
    tolerance = single !== undefined ? { kind: 'absolute', values: [single] } : perElement ? { kind: 'absolute', values: perElement } : { kind: 'relative' };
  }
  const cmp = compareValues(actual, expected, tolerance);
  const text = (v: unknown, precision = format.precision) => deps.formatter.view(v, { ...format, precision }).full;
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

function compareCheck(main: CompiledExpr, value: unknown, scope: Scope, deps: EvaluatorDeps, format: FormatOptions): { check: CheckOutcome; relation: CompareSides } {
  const flat = typeof value === 'boolean' ? [value] : (value as any)?.isMatrix ? ((value as any).toArray() as unknown[]).flat(Infinity) : [value];
  const ok = flat.every((v) => v === true);
  let node = main.node as any;
  while (node.isParenthesisNode) node = node.content;
  // Scalars: show both sides. Matrices: show which elements held.
  const shown = (v: unknown) => deps.formatter.view(v, format).full.replace(/^\([^)]*\) /, '');
  const sides = node.args.map((arg: MathNode) => arg.compile().evaluate(scope.values));
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

/** A user-facing message for an evaluation error; dimension errors name both shapes. */
function describeError(e: unknown, main: CompiledExpr, scope: Scope): Said | string {
  if (e instanceof NoteError) return { message: e.message, code: e.code, args: e.args };
  if (e instanceof LimitError) return e.message;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return said('eval.tooDeep');
  const err = e as Error;
  const message = String(err?.message ?? e);
  if (isShapeError(e)) {
    const shapes = findMismatch(main.node, scope);
    if (shapes) return shapes;
  }
  return sayErrorMessage(message);
}

/** Finds the innermost operation whose operands evaluate but don't fit, and names their shapes. */
function findMismatch(node: MathNode, scope: Scope): Said | undefined {
  let found: Said | undefined;
  const visit = (n: any) => {
    if (found) return;
    n.forEach((child: any) => visit(child));
    if (found || !(n.isOperatorNode || n.isFunctionNode) || n.args.length < 2) return;
    let args: unknown[];
    try {
      args = n.args.map((a: MathNode) => a.compile().evaluate(scope.values));
    } catch {
      return;
    }
    try {
      n.compile().evaluate(scope.values);
    } catch (e) {
      if (isShapeError(e)) {
        const what = n.isOperatorNode ? `${n.op}` : `${n.fn.name}()`;
        const [left, right] = args.map((a) => shapeText(shapeOf(a)));
        found = said(n.isOperatorNode && n.op === '*' ? 'eval.shapesMatmul' : 'eval.shapes', { operation: what, left, right });
      }
    }
  };
  visit(node);
  return found;
}

/** mathjs reports shape trouble as DimensionError or as a broadcasting "shape mismatch". */
function isShapeError(e: unknown): boolean {
  return (e as any)?.name === 'DimensionError' || /dimension mismatch|shape mismatch|broadcast/i.test(String((e as Error)?.message));
}

function nameRange(source: StatementSource, name: string): Range {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'u').exec(source.text);
  return m ? rangeAt(source, m.index, m.index + name.length) : source.range;
}

function expressionOf(node: MathNode): MathNode {
  const n = node as any;
  return n.isAssignmentNode && !n.index ? n.value : node;
}

function assignedOf(node: MathNode): string | undefined {
  const n = node as any;
  return n.isAssignmentNode && !n.index && n.object?.isSymbolNode ? n.object.name : undefined;
}
