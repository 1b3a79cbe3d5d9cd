import type { LatexChainResult } from './latex/types';
import { manifestDefaults } from './settingsDefaults.generated';

// The engine's own small types. Nothing here knows about VS Code: positions are
// 0-based lines and UTF-16 columns, which is what VS Code uses, so adapters map 1:1.

export type { Position, Range } from './position';
import type { Position, Range } from './position';

/** A note as the engine sees it: a name, a version and its text. */
export interface NoteDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
}

export interface BlockOptions {
  readonly isolated: boolean;
  readonly precision?: number;
  readonly hide: boolean;
}

/** One line of a block's content, with where it sits in the original text. */
export interface SourceLine {
  /** 0-based line in the document. */
  readonly line: number;
  /** UTF-16 column in the document where `text` starts (after any `> ` or list indent). */
  readonly column: number;
  readonly text: string;
}

export interface Block {
  readonly index: number;
  /** The whole fence, opening line to closing line (or end of file when unclosed). */
  readonly range: Range;
  readonly info: string;
  readonly options: BlockOptions;
  readonly optionWarnings: readonly EngineDiagnostic[];
  readonly lines: readonly SourceLine[];
}

/** An inline `= expr` span in prose. */
export interface InlineSpan {
  readonly index: number;
  /** The expression after `=`. */
  readonly source: string;
  /** Range of the expression text (after `=`) in the document. */
  readonly range: Range;
  /** Range of the whole code span including back-ticks. */
  readonly spanRange: Range;
}

export type Severity = 'error' | 'warning' | 'information';

export interface EngineDiagnostic {
  readonly range: Range;
  readonly severity: Severity;
  readonly message: string;
  /** "error", "check", "option", "latex", ...; "stopped": the note could not be read or checked completely (an error of the note). */
  readonly code: string;
  /** The message's stable code in the catalogue (src/engine/messages), and its arguments. */
  readonly messageCode?: string;
  readonly messageArgs?: Readonly<Record<string, string | number>>;
}

/** A value as shown to the user, in the forms each surface needs. */
export interface ValueView {
  /** Short form for the end of a line, elided past 6x6. */
  readonly short: string;
  /** Full form for hovers and transcripts. */
  readonly full: string;
  /** LaTeX of the value (matrices as pmatrix). */
  readonly tex: string;
  /** "number" | "matrix" | "boolean" | "string" | "unit" | "object" | "function" | "other" */
  readonly type: string;
  /** Shape for matrices. */
  readonly shape?: readonly number[];
  /** Scale hint for big integers ("≈ 138.4 M"). */
  readonly hint?: string;
}

export interface CheckOutcome {
  readonly ok: boolean;
  /** "approx" (≈, ~=, #=) or "compare" (==, <, ...). */
  readonly style: 'approx' | 'compare';
  readonly expected: string;
  readonly actual: string;
  readonly difference?: string;
  /** The tolerance used, as shown; absent for a comparison and for an exact check (`± 0`). */
  readonly tolerance?: string;
  /** The user-facing sentence, set when the check failed. */
  readonly message?: string;
}

export interface DependencyRef {
  readonly name: string;
  /** 0-based line of the statement that defined it. */
  readonly line: number;
  readonly display: string;
}

export interface Derivation {
  readonly formulaTex: string;
  readonly substitutedTex: string;
  readonly resultTex: string;
  readonly formulaText: string;
  readonly substitutedText: string;
  readonly resultText: string;
  /** Defining formulas of library functions called in the statement. */
  readonly library: readonly { name: string; tex: string; text: string }[];
  /**
   * For a check (`y ≈ 11 ± 0.5`): the claim as written (the preview's formula column), and
   * the last row of the derivation: both sides, the tolerance and the verdict.
   */
  readonly check?: {
    readonly claimTex: string;
    readonly claimText: string;
    readonly verdictTex: string;
    readonly verdictText: string;
    readonly ok: boolean;
    /**
     * A comparison (`x < 1`, `a == b`): its rows are not an equality chain (formula, values
     * put in, then the verdict), so the views must not join them with `=`.
     */
    readonly relation?: boolean;
    /** false when a comparison's values-put-in row would only repeat its verdict (`2 < 1`). */
    readonly valuesShown?: boolean;
  };
  readonly dependencies: readonly DependencyRef[];
}

export type StatementKind = 'value' | 'check' | 'error';

export interface StatementResult {
  /** Index in document order over all statements (blocks and inline spans). */
  readonly index: number;
  /** Block index, or -1 for an inline span in prose. */
  readonly block: number;
  readonly inline: boolean;
  readonly source: string;
  /** Range of the statement's text (may span lines while a bracket is open). */
  readonly range: Range;
  readonly kind: StatementKind;
  /** Name assigned by the statement, if any. */
  readonly assigns?: string;
  readonly value?: ValueView;
  readonly check?: CheckOutcome;
  /** `code` and `args`: the message's entry in the catalogue (src/engine/messages), when it has one. */
  readonly error?: { readonly message: string; readonly range: Range; readonly code?: string; readonly args?: Readonly<Record<string, string | number>> };
  /** A value that is probably not what was meant (Infinity, NaN, complex from real inputs). */
  readonly warning?: { readonly short: string; readonly message: string };
  readonly dependencies: readonly DependencyRef[];
  /** Present when derivations were requested. */
  readonly derivation?: Derivation;
}

export interface NoteSummary {
  readonly statements: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  /** Hand calculations in the note's LaTeX that were checked and hold / are wrong. */
  readonly chainsVerified: number;
  readonly chainsFailed: number;
}

export interface NoteResult {
  readonly uri: string;
  readonly version: number;
  readonly blocks: readonly Block[];
  readonly statements: readonly StatementResult[];
  readonly diagnostics: readonly EngineDiagnostic[];
  readonly summary: NoteSummary;
  /** Chains of (in)equalities in the note's math, checked against the dl-calc scope. */
  readonly latex: readonly LatexChainResult[];
  /** Only the first statements ran (`EvaluateOptions.untilLine`); the rest follow in a whole run. */
  readonly partial?: true;
}

export interface EngineSettings {
  /** Significant digits (1..15). */
  readonly precision: number;
  /** Group integer digits with commas. */
  readonly grouping: boolean;
  /** Show "≈ 138.4 M" beside big integers. */
  readonly scaleHints: boolean;
  /** Largest matrix a note may create. */
  readonly maxMatrixElements: number;
  /** Longest statement accepted, in characters. */
  readonly maxStatementLength: number;
  /** Deepest bracket nesting accepted. */
  readonly maxNesting: number;
  /** Check the hand calculations written in the note's LaTeX. */
  readonly latexChecks: boolean;
  /** Also check identities with free symbols at random points (`18C^2 = 2 \times 9C^2`). */
  readonly latexSymbolic: boolean;
  /** Check arithmetic written in plain text (`6*6*8 = 288`), as LaTeX chains are. */
  readonly latexProse: boolean;
  /** Also check math in `\( \)`, `\[ \]` and bare `\begin{align}`, which the preview shows as text. */
  readonly latexOtherDelimiters: boolean;
  /**
   * LaTeX macros the checker expands before reading math (`{"\\R": "\\mathbb{R}"}`): VS
   * Code's `markdown.math.macros` and Markdown All in One's `markdown.extension.katex.macros`,
   * the CLI's `--macros FILE`. Not a dlCalc setting, so not in the defaults.
   */
  readonly latexMacros?: Readonly<Record<string, string>>;
}

/** The manifest's defaults (package.json, the one source), and the limits no setting changes. */
export const defaultSettings: EngineSettings = {
  ...manifestDefaults,
  maxStatementLength: 20_000,
  maxNesting: 200,
};

/**
 * Formulas a note's LaTeX checks read, and its export typesets, at most: a bound on the work
 * a note of trivial formulas (200,000 `$1 + 1 = 2$`) can ask for, whatever the machine's
 * speed. Past it the note says where the checks (or the typesetting) stopped.
 */
export const MAX_FORMULAS_PER_NOTE = 10_000;

export interface EvaluateOptions {
  readonly derivations?: boolean;
  /**
   * Statements (keyed "line:character" of their start) that must not run again because
   * they ran past the time limit; they are reported with this message instead.
   */
  readonly stopped?: ReadonlyMap<string, string>;
  /**
   * Statements starting after this position are not run and are reported with its message
   * (the note has had too many statements stopped to try again).
   */
  readonly skipAfter?: { readonly line: number; readonly character: number; readonly message: string };
  /**
   * Run only the statements that start on lines up to this one (the editor's first screen
   * of a long note), and stop before the first whose outcome could depend on what follows
   * (a name not defined so far). The result is then `partial`: a prefix of the whole run's
   * statements, each exactly as the whole run gives it; it is never kept for reuse.
   */
  readonly untilLine?: number;
  /**
   * The note is forgotten right after this run (`dl-calc check`): nothing is recorded for
   * reuse by a next run (the LaTeX checks' traces of what each formula read), since there
   * is none. The result is the same.
   */
  readonly once?: boolean;
  /** Called before each statement runs; used to tell which one hung. */
  readonly onStatement?: (index: number, start: Position) => void;
  /** Called as evaluation enters each phase; used to tell where a stop happened. */
  readonly onPhase?: (phase: 'parse' | 'latex' | 'derivations') => void;
}
