// Results of checking the hand calculations written in a note's LaTeX.
import type { Range } from '../position';
import type { LatexValue } from './evaluate';

export type { LatexValue, NumArray } from './evaluate';
import type { DerivativeEnv } from './derivatives';

export interface LatexEnv {
  /** Numeric value of a dl-calc name bound at this 0-based line, or undefined when unbound. */
  lookup(name: string, line: number): number | undefined;
  /**
   * The 0-based line of the dl-calc assignment `lookup` answered from, so the nearest of it
   * and a binding in the note's own math wins. Without it, blocks count as bound earlier.
   */
  bindingLine?(name: string, line: number): number | undefined;
  /** Evaluates a translated mathjs expression with the given variables; throws on error. */
  evaluate(expression: string, vars: Record<string, number>): number;
  /**
   * Evaluates an expression whose variables or value may be lists or matrices (nested
   * arrays). Without it, lists and matrices are skipped.
   */
  evaluateAny?(expression: string, vars: Record<string, LatexValue>): LatexValue;
  /** The symbolic checks' view of the math instance (parse, derivative); a default when absent. */
  readonly symbolic?: DerivativeEnv;
}

export interface LatexOptions {
  /**
   * Check `=` links whose sides share free symbols (`2 \times 9C^2 = 18C^2`) at random
   * points. Off by default: an equation to solve would read as a false identity.
   */
  readonly symbolic?: boolean;
}

export type LatexStatus = 'verified' | 'failed' | 'skipped';

export interface LatexSegment {
  /** The segment's LaTeX as written (trimmed). */
  readonly latex: string;
  readonly range: Range;
  /** The mathjs expression, when the segment translates. */
  readonly expression?: string;
  /** Readable form, e.g. "0.5 − 0.0123". */
  readonly plain?: string;
  /** dl-calc names the expression uses. */
  readonly names: readonly string[];
  /** Set when the segment was evaluated to a number. */
  readonly value?: number;
  /** Set when the segment was evaluated to a list or a matrix. */
  readonly list?: LatexValue;
  /** Why it was not evaluated: "unsupported \\sum", "unbound name: w_new", ... */
  readonly skipReason?: string;
  /** The previous row's last segment, carried into a row that starts with `&=`. */
  readonly carried?: boolean;
}

export interface LatexWritten {
  /** The written number (without styling, with its minus sign when it has one). */
  readonly range: Range;
  readonly text: string;
  /** The computed value rounded to the decimals written, for the quick fix. */
  readonly replacement: string;
}

export interface LatexLink {
  /** Indices into `segments`. */
  readonly left: number;
  readonly right: number;
  /** The relation as written: "=", "\\approx", "<", ... */
  readonly relation: string;
  /** True: holds; false: wrong; undefined: not checked (see `reason`). */
  readonly ok?: boolean;
  /** Absolute tolerance used, when checked with one. */
  readonly tolerance?: number;
  /** The sentence for a wrong link: "0.5 − 0.0123 = 0.4877, but 0.4887 is written". */
  readonly message?: string;
  /** Why the link was not checked. */
  readonly reason?: string;
  /** The number written on the literal side, when there is one. */
  readonly written?: LatexWritten;
  /** Checked at random points (symbolic option). */
  readonly symbolic?: boolean;
  /** A derivative claim or identity checked at seeded points: where, and both sides' values. */
  readonly sampled?: LatexSampled;
}

/** Where a symbolic claim was checked (docs/latex-checks.md, "Derivatives and identities"). */
export interface LatexSampled {
  /** The sampled symbols, in order. */
  readonly variables: readonly string[];
  readonly points: readonly LatexSampledPoint[];
  /** How the left side was computed: mathjs's symbolic derivative, central differences, or directly. */
  readonly method: 'symbolic' | 'central difference' | 'direct';
  /** "checked at x = 0.4, 1.3, −2.1". */
  readonly checkedAt: string;
  /** mathjs source of the claim's sides as written (definitions not substituted). */
  readonly left: string;
  readonly right: string;
  /** For a derivative claim: the expression differentiated, and the variable. */
  readonly derivativeOf?: string;
  readonly variable?: string;
  /** The note's definitions in scope (for a block that reproduces the check). */
  readonly definitions: readonly { readonly name: string; readonly params?: readonly string[]; readonly expression: string; readonly opaque?: boolean; readonly unusable?: string }[];
  /** For a wrong claim: the first point that fails. */
  readonly failing?: LatexSampledPoint;
  /** For a wrong claim: a dl-calc block (fenced) that evaluates both sides at that point. */
  readonly block?: string;
}

export interface LatexSampledPoint {
  readonly at: Readonly<Record<string, number>>;
  /** The left side's value (for a derivative claim: the true derivative). */
  readonly left: number;
  readonly right: number;
}

export interface LatexChainResult {
  /** The chain's own text in the document (a row of a display block, or an inline formula). */
  readonly range: Range;
  readonly latex: string;
  readonly status: LatexStatus;
  /** Display math (`$$`, a math fence) rather than inline `$…$`. */
  readonly display: boolean;
  readonly segments: readonly LatexSegment[];
  readonly links: readonly LatexLink[];
  /** For a skipped chain: the first reason found. */
  readonly reason?: string;
  /** The name this chain binds in the note's scope (`$w = 0.5$`, `$z = w x = 0.5$`, `w \leftarrow …`). */
  readonly binds?: string;
  /**
   * The first formula past the note's limit of formulas checked (MAX_FORMULAS_PER_NOTE):
   * skipped with the reason, and nothing after it was checked.
   */
  readonly limit?: true;
  /** Read outside the preview's math: plain-text arithmetic, or `\\( \\)`-style math. */
  readonly where?: 'prose' | 'other-math';
}
