// The contract every deep-learning library function fulfils: an implementation built
// against the engine's private mathjs instance, plus the LaTeX the derivations show.
import type { MathJsInstance } from 'mathjs';

export interface LibraryParam {
  readonly name: string;
  /** Default as written in the docs ("1", "k", "true"); absent when required. */
  readonly default?: string;
}

export interface LibraryFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly params: readonly LibraryParam[];
  /** One sentence for completion and hover. */
  readonly summary: string;
  /** Plain-text definition, as in the language spec ("1/(1+e^-x)"). */
  readonly definitionText: string;
  /** LaTeX of the call itself, from the LaTeX of the arguments written (`\sigma(z_1)`). */
  callTex(args: readonly string[]): string;
  /**
   * LaTeX of the defining formula in terms of the arguments' LaTeX
   * (`\frac{1}{1+e^{-z_1}}`). Missing optional arguments get their defaults' LaTeX.
   */
  definitionTex(args: readonly string[]): string;
  /** Builds the implementation against the engine's private mathjs instance. */
  create(math: MathJsInstance): (...args: any[]) => unknown;
}
