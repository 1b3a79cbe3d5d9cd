// Evaluates a note: every block and inline span top to bottom in one scope, like "run
// all" in a notebook. Errors stay at their statement and evaluation goes on past them.
// The statements come split from the parse; one run (run/noteRun.ts) takes them in turn.
import type { ParsedNote } from './blocks';
import type { DerivationInput } from './derivation';
import type { FormatOptions } from './format';
import type { Memo } from './run/memo';
import { NoteRun, type DerivationSeed, type RunDeps, type Unit } from './run/noteRun';
import type { EngineDiagnostic, EngineSettings, EvaluateOptions, StatementResult } from './types';

export type { DerivationSeed } from './run/noteRun';
export type { Memo } from './run/memo';
export type { SplitCache } from './parse/statements';

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
  /** Statements were left out (`EvaluateOptions.untilLine`). */
  readonly partial: boolean;
}

export type EvaluatorDeps = RunDeps;

export function evaluateNote(note: ParsedNote, settings: EngineSettings, options: EvaluateOptions, deps: EvaluatorDeps): EvaluationOutput {
  const all = unitsOf(note, settings);
  const until = options.untilLine;
  // The first screen's statements only: those after it are neither compiled nor run.
  const units = until === undefined ? all : all.filter((u) => u.source.range.start.line <= until);
  const run = new NoteRun(units, options, deps);
  run.runAll();
  const diagnostics = [...note.blocks.flatMap((b) => b.optionWarnings), ...run.diagnostics];
  const partial = run.statements.length < all.length;
  return { statements: run.statements, diagnostics, seeds: run.seeds, bindings: run.bindings, memo: run.memo, partial };
}

/** The parse's statements with what the run needs of their block: its scope and its precision. */
function unitsOf(note: ParsedNote, settings: EngineSettings): Unit[] {
  const base: FormatOptions = { precision: settings.precision, grouping: settings.grouping, scaleHints: settings.scaleHints };
  const formats = note.blocks.map((b) => (b.options.precision ? { ...base, precision: b.options.precision } : base));
  return note.statements.map(({ source, block, inline }) => {
    if (inline) return { source, block, inline, format: base };
    const options = note.blocks[block].options;
    return { source, block, inline, isolatedGroup: options.isolated ? block : undefined, format: formats[block] };
  });
}
