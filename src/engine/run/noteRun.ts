// One evaluation of a note, as an object: its scopes, where each name is assigned, its
// statements (units), how often each statement text has occurred so far, and the memo it
// reads (the previous run's) and writes (this run's). Each statement goes the same way:
// resolve its names -> reuse the memo's outcome or run it -> check -> record.
import type { MathNode } from 'mathjs';
import type { CompiledStatement, StatementCompiler } from '../compile';
import type { CompareSides, DerivationInput } from '../derivation';
import type { FormatOptions, ValueFormatter } from '../format';
import type { SandboxedMath } from '../mathInstance';
import { said, type Said } from '../messages';
import { rangeAt, type StatementSource } from '../parse/statements';
import type { CheckOutcome, DependencyRef, EngineDiagnostic, EvaluateOptions, Range, StatementResult, ValueView } from '../types';
import { valueWarning } from '../valueWarnings';
import { approxCheck, compareCheck } from './checks';
import { describeError, nameRange } from './errors';
import { remember, reusable, type Memo, type MemoEntry } from './memo';
import { Scope } from './scope';

/** Everything needed to build a statement's derivation later, on demand (kept cheap: no Map per statement). */
export interface DerivationSeed extends Omit<DerivationInput, 'values'> {
  readonly reads: readonly string[];
  readonly inputs: readonly unknown[];
}

/** A statement as this run sees it: where it is, which scope it runs in, how it is shown. */
export interface Unit {
  readonly source: StatementSource;
  readonly block: number;
  readonly inline: boolean;
  readonly isolatedGroup?: number;
  readonly format: FormatOptions;
}

export interface RunDeps {
  readonly sandbox: SandboxedMath;
  readonly compiler: StatementCompiler;
  readonly formatter: ValueFormatter;
  /** Results of the note's previous evaluation, reused where a statement's inputs are unchanged. */
  readonly memo: ReadonlyMap<string, readonly MemoEntry[]>;
}

type Compiled = Exclude<CompiledStatement, { kind: 'error' }>;

/** Why a statement gives no value, and where. */
interface Failure {
  readonly failed: true;
  readonly error: string | (Omit<Said, 'code'> & { code?: string });
  readonly range: Range;
}

/** A statement's value, as run now or as reused from the memo. */
interface Success {
  readonly failed?: undefined;
  readonly value: unknown;
  readonly shown: ValueView | undefined;
  readonly check: CheckOutcome | undefined;
  readonly relation?: CompareSides;
  readonly reused?: MemoEntry;
}

/** One statement on its way through the run. */
interface Step {
  readonly index: number;
  readonly unit: Unit;
  readonly scope: Scope;
  readonly occurrence: number;
  readonly compiled: CompiledStatement;
  readonly assigns: string | undefined;
  /** Names read, with where they were defined (filled by resolveNames). */
  readonly dependencies: DependencyRef[];
  /** The values of the names read, in order (what the memo compares). */
  readonly inputs: unknown[];
}

export class NoteRun {
  readonly statements: StatementResult[] = [];
  readonly seeds: (DerivationSeed | undefined)[] = [];
  readonly diagnostics: EngineDiagnostic[] = [];
  /** Numbers the note's scope held, by name, in the order they were assigned (for LaTeX checks). */
  readonly bindings = new Map<string, { line: number; value: number }[]>();
  /** This run's outcomes, for the next run: deleted statements must not pin their values. */
  readonly memo: Memo = new Map();

  private readonly noteScope = new Scope();
  private isolated: { group: number; scope: Scope } | undefined;
  private readonly occurrences = new Map<string, number>();
  /** Where each name is assigned (unit indices), for "defined later at line N". */
  private readonly assignments = new Map<string, number[]>();

  constructor(
    private readonly units: readonly Unit[],
    private readonly options: EvaluateOptions,
    private readonly deps: RunDeps,
  ) {
    units.forEach((unit, i) => {
      // Compiling a long note is progress too: the time limit counts steps, not the whole pass.
      if ((i & 255) === 255) options.onPhase?.('parse');
      const compiled = deps.compiler.compile(unit.source.text);
      if (compiled.kind !== 'error' && compiled.assigns) {
        const list = this.assignments.get(compiled.assigns) ?? [];
        list.push(i);
        this.assignments.set(compiled.assigns, list);
      }
    });
  }

  runAll(): void {
    for (let i = 0; i < this.units.length; i++) if (!this.runStatement(i)) return;
  }

  /** Runs one statement; false when a first-screen run ends before it (see `untilLine`). */
  runStatement(index: number): boolean {
    const step = this.begin(index);
    const outcome = this.refusal(step) ?? this.resolveNames(step) ?? this.reuse(step) ?? this.runAndCheck(step);
    // A name unknown so far may be defined further down, which the whole run reports otherwise.
    if (this.options.untilLine !== undefined && outcome.failed && typeof outcome.error !== 'string' && outcome.error.code === 'name.unknown') return false;
    this.record(step, outcome);
    return true;
  }

  private begin(index: number): Step {
    const unit = this.units[index];
    let scope = this.noteScope;
    if (unit.isolatedGroup !== undefined) {
      if (this.isolated?.group !== unit.isolatedGroup) this.isolated = { group: unit.isolatedGroup, scope: new Scope() };
      scope = this.isolated.scope;
    }
    this.options.onStatement?.(index, unit.source.range.start);
    const occurrence = this.occurrences.get(unit.source.text) ?? 0;
    this.occurrences.set(unit.source.text, occurrence + 1);
    const compiled = this.deps.compiler.compile(unit.source.text);
    const assigns = compiled.kind === 'error' ? undefined : compiled.assigns;
    return { index, unit, scope, occurrence, compiled, assigns, dependencies: [], inputs: [] };
  }

  /** A statement stopped by the time limit, or one that does not compile, does not run. */
  private refusal({ unit: { source }, compiled }: Step): Failure | undefined {
    const start = source.range.start;
    const skip = this.options.skipAfter;
    const stopped =
      this.options.stopped?.get(`${start.line}:${start.character}`) ??
      (skip && (start.line > skip.line || (start.line === skip.line && start.character > skip.character)) ? skip.message : undefined);
    if (stopped) return { failed: true, error: stopped, range: source.range };
    if (compiled.kind === 'error') {
      const at = compiled.offset;
      return {
        failed: true,
        error: { message: compiled.message, code: compiled.code, args: compiled.args ?? {} },
        range: rangeAt(source, at, Math.min(at + (compiled.length ?? 1), source.text.length)),
      };
    }
    return undefined;
  }

  /** Each name read: defined here, failed earlier, defined later, refused, or unknown. */
  private resolveNames(step: Step): Failure | undefined {
    const { unit, scope, index } = step;
    const compiled = step.compiled as Compiled;
    const fail = (error: Failure['error'], name: string): Failure => ({ failed: true, error, range: nameRange(unit.source, name) });
    for (const name of compiled.reads) {
      step.inputs.push(scope.values.get(name));
      const failedAt = scope.failed.get(name);
      if (failedAt !== undefined) return fail(said('name.dependsOnFailed', { name, line: failedAt + 1 }), name);
      const def = scope.defined.get(name);
      if (def) {
        step.dependencies.push({ name, line: def.line, display: def.view.short });
        continue;
      }
      if (scope.values.has(name)) continue;
      const refusal = this.deps.sandbox.refusal(name);
      if (refusal) return fail(refusal, name);
      if (this.deps.sandbox.isBuiltin(name)) continue;
      if (compiled.unitNames.has(name) && this.deps.sandbox.isUnit(name)) continue;
      const later = (this.assignments.get(name) ?? []).find((i) => i > index && this.units[i].isolatedGroup === unit.isolatedGroup);
      return fail(later !== undefined ? said('name.definedLater', { name, line: this.units[later].source.range.start.line + 1 }) : said('name.unknown', { name }), name);
    }
    return undefined;
  }

  /** The previous run's outcome, when the statement reads the very same values again. */
  private reuse(step: Step): Success | undefined {
    const compiled = step.compiled as Compiled;
    if (this.options.stopped || this.options.skipAfter || !compiled.reusable) return undefined;
    const { unit } = step;
    const entry = reusable(this.deps.memo, unit.source.text, step.occurrence, {
      group: unit.isolatedGroup,
      precision: unit.format.precision,
      record: unit.source.record?.text,
      inputs: step.inputs,
    });
    if (!entry) return undefined;
    if (step.assigns) step.scope.values.set(step.assigns, entry.value);
    return { value: entry.value, shown: entry.shown, check: entry.check, relation: entry.relation, reused: entry };
  }

  private runAndCheck({ unit, scope, compiled: c }: Step): Failure | Success {
    const compiled = c as Compiled;
    const { source, format } = unit;
    const { formatter } = this.deps;
    try {
      const value = compiled.main.code.evaluate(scope.values);
      this.deps.sandbox.checkSize(value);
      let check: CheckOutcome | undefined;
      let relation: CompareSides | undefined;
      if (compiled.kind === 'approx') {
        check = approxCheck(value, compiled.rhs, compiled.tolerance, scope.values, formatter, format);
      } else if (compiled.kind === 'compare') {
        ({ check, relation } = compareCheck(compiled.main, value, scope.values, formatter, format));
      } else if (source.record) {
        const record = this.deps.compiler.compileExpression(source.record.text);
        if ('error' in record) return { failed: true, error: said('record.error', { detail: record.error }), range: source.record.range };
        check = approxCheck(value, record, undefined, scope.values, formatter, format);
      }
      const shown = compiled.kind === 'compare' ? undefined : formatter.view(value, format);
      return { value, shown, check, relation };
    } catch (e) {
      return { failed: true, error: describeError(e, compiled.main.node, scope.values), range: source.range };
    }
  }

  /** The statement's result, its derivation seed, what its scope now holds, the memo, the note's bindings and diagnostics. */
  private record(step: Step, outcome: Failure | Success): void {
    const { index, unit, scope, assigns } = step;
    const { source } = unit;
    let result: StatementResult;
    let seed: DerivationSeed | undefined;
    if (outcome.failed) {
      const error = typeof outcome.error === 'string'
        ? { message: outcome.error, range: outcome.range }
        : { message: outcome.error.message, range: outcome.range, code: outcome.error.code, args: outcome.error.args };
      if (assigns) scope.fail(assigns, source.range.start.line);
      result = { index, block: unit.block, inline: unit.inline, source: source.text, range: source.range, kind: 'error', assigns, error, dependencies: [] };
    } else {
      ({ result, seed } = this.success(step, outcome));
    }
    this.statements.push(result);
    this.seeds.push(seed);
    if (scope === this.noteScope && result.assigns && result.kind !== 'error') {
      const value = scope.values.get(result.assigns);
      if (typeof value === 'number') {
        const list = this.bindings.get(result.assigns) ?? [];
        list.push({ line: source.range.start.line, value });
        this.bindings.set(result.assigns, list);
      }
    }
    if (result.kind === 'error' && result.error) {
      this.diagnostics.push({ range: result.error.range, severity: 'error', message: result.error.message, code: 'error', messageCode: result.error.code, messageArgs: result.error.args });
    } else if (result.check && !result.check.ok) {
      this.diagnostics.push({ range: result.range, severity: 'error', message: result.check.message!, code: 'check' });
    } else if (result.warning) {
      this.diagnostics.push({ range: result.range, severity: 'warning', message: result.warning.message, code: 'value' });
    }
  }

  private success(step: Step, { value, shown, check, relation, reused }: Success): { result: StatementResult; seed?: DerivationSeed } {
    const { index, unit, scope, assigns, dependencies, inputs } = step;
    const compiled = step.compiled as Compiled;
    const { source } = unit;
    if (assigns && shown) scope.define(assigns, source.range.start.line, shown);
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
    const derived = shown ?? (relation ? this.deps.formatter.view(value, unit.format) : undefined);
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
      remember(this.memo, source.text, step.occurrence, reused ?? { group: unit.isolatedGroup, precision: unit.format.precision, record: source.record?.text, inputs, value, shown, check, relation });
    }
    return { result, seed };
  }
}

function expressionOf(node: MathNode): MathNode {
  const n = node as any;
  return n.isAssignmentNode && !n.index ? n.value : node;
}

function assignedOf(node: MathNode): string | undefined {
  const n = node as any;
  return n.isAssignmentNode && !n.index && n.object?.isSymbolNode ? n.object.name : undefined;
}
