// Runs the LaTeX chain checker against a note's dl-calc scope: names bound in blocks
// above a formula may appear in it (`w_1` ↔ `w1`), evaluated by the sandboxed mathjs.
import type { EvalFunction } from 'mathjs';
import { checkSpans, findMathSpans, headingLines, toLatexValue, type LatexChainResult, type LatexEnv } from './latex';
import { expandNoteMacros } from './latexMacros';
import type { TexMacros } from './texMacros';
import { splitLines } from './blocks';
import { checkOutsideMath } from './prose/check';
import { findOutsideMathSpans, type OutsideMathOptions } from './latex/mathSpans';
import type { SandboxedMath } from './mathInstance';
import { symbolicEnvOf } from './latex/symbolicEnv';
import type { EngineDiagnostic } from './types';

export type Bindings = ReadonlyMap<string, readonly { line: number; value: number }[]>;

/** The value a name held at a line of the note: its last assignment above it. */
function valueAt(bindings: Bindings, name: string, line: number): number | undefined {
  let found: number | undefined;
  for (const b of bindings.get(name) ?? []) if (b.line < line) found = b.value;
  return found;
}

/** The line of that assignment. */
function lineAt(bindings: Bindings, name: string, line: number): number | undefined {
  let found: number | undefined;
  for (const b of bindings.get(name) ?? []) if (b.line < line) found = b.line;
  return found;
}

interface LastCheck {
  readonly uri: string;
  readonly prose: string;
  readonly symbolic: boolean;
  readonly outside: string;
  readonly macros: string;
  /** Every lookup the checker made, with its answer: the result holds while they all still hold. */
  readonly lookups: readonly { name: string; line: number; value: number | undefined }[];
  readonly result: LatexChainResult[];
}

export class LatexChecker {
  private readonly compiled = new Map<string, EvalFunction>();
  private last: LastCheck | undefined;
  private readonly symbolic: ReturnType<typeof symbolicEnvOf>;

  constructor(private readonly sandbox: SandboxedMath) {
    this.symbolic = symbolicEnvOf(sandbox);
  }

  /**
   * Typing inside a block leaves the prose as it was: then the previous result stands as
   * long as every name it looked up still has the same value at the same place.
   */
  check(
    uri: string,
    text: string,
    blockLines: readonly number[],
    bindings: Bindings,
    symbolic: boolean,
    outside: OutsideMathOptions = {},
    macros: TexMacros = {},
  ): LatexChainResult[] {
    const macrosKey = JSON.stringify(macros);
    const outsideKey = `${outside.prose === true}/${outside.otherDelimiters === true}`;
    const lines = splitLines(text);
    for (const l of blockLines) lines[l] = '';
    const prose = lines.join('\n');
    const last = this.last;
    if (
      last &&
      last.uri === uri &&
      last.symbolic === symbolic &&
      last.outside === outsideKey &&
      last.macros === macrosKey &&
      last.prose === prose &&
      last.lookups.every((k) => Object.is(valueAt(bindings, k.name, k.line), k.value))
    ) {
      return last.result;
    }
    const lookups: { name: string; line: number; value: number | undefined }[] = [];
    const result = this.run(text, bindings, symbolic, lookups, outside, macros);
    this.last = { uri, prose, symbolic, outside: outsideKey, macros: macrosKey, lookups, result };
    return result;
  }

  private code(expression: string): EvalFunction {
    let code = this.compiled.get(expression);
    if (!code) {
      code = this.sandbox.parse(expression).compile();
      this.compiled.set(expression, code);
    }
    return code;
  }

  private run(
    text: string,
    bindings: Bindings,
    symbolic: boolean,
    lookups: { name: string; line: number; value: number | undefined }[],
    outside: OutsideMathOptions,
    macros: TexMacros,
  ): LatexChainResult[] {
    const env: LatexEnv = {
      lookup: (name, line) => {
        const value = valueAt(bindings, name, line);
        lookups.push({ name, line, value });
        return value;
      },
      bindingLine: (name, line) => lineAt(bindings, name, line),
      evaluate: (expression, vars) => {
        const value = this.code(expression).evaluate(new Map(Object.entries(vars)));
        if (typeof value !== 'number') throw new Error('not a number');
        return value;
      },
      // Lists and matrices: JS arrays in, nested arrays of finite numbers out.
      evaluateAny: (expression, vars) => toLatexValue(this.code(expression).evaluate(new Map(Object.entries(vars)))),
      symbolic: this.symbolic,
    };
    // The user's macros (markdown.math.macros...) and the note's \def/\newcommand expand
    // before translation, as KaTeX does, in document order across both kinds of math.
    const [rendered, other] = expandNoteMacros([findMathSpans(text), findOutsideMathSpans(text, outside)], macros);
    const math = checkSpans(rendered, env, { symbolic }, headingLines(text));
    const more = checkOutsideMath(text, env, { ...outside, symbolic }, other);
    if (!more.length) return math;
    // One list in document order, as the editor and the CLI show it.
    return [...math, ...more].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
}

/** A warning on each wrong link, at the number written (so the quick fix can replace it). */
export function latexDiagnostics(chains: readonly LatexChainResult[]): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  for (const chain of chains) {
    for (const link of chain.links) {
      if (link.ok !== false) continue;
      const range = link.written?.range ?? chain.segments[link.right]?.range ?? chain.range;
      out.push({ range, severity: 'warning', message: link.message ?? 'This step of the calculation does not hold', code: 'latex' });
    }
  }
  return out;
}
