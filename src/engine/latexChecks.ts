// Runs the LaTeX chain checker against a note's dl-calc scope: names bound in blocks
// above a formula may appear in it (`w_1` ↔ `w1`), evaluated by the sandboxed mathjs.
import type { EvalFunction } from 'mathjs';
import { checkSpans, findMathSpans, headingLines, SpanCache, toLatexValue, type LatexChainResult, type LatexEnv } from './latex';
import { expandNoteMacros } from './latexMacros';
import type { TexMacros } from './texMacros';
import { splitLines } from './blocks';
import { checkOutsideMath } from './prose/check';
import { findOutsideMathSpans, type OutsideMathOptions } from './latex/mathSpans';
import type { SandboxedMath } from './mathInstance';
import { symbolicEnvOf } from './latex/symbolicEnv';
import { MAX_FORMULAS_PER_NOTE, type EngineDiagnostic } from './types';
import { NoteError, say } from './messages';
import type { MathSpan } from './latex/mathSpans';

// Notes whose formulas' last checks are kept: the ones being edited side by side.
const SPAN_CACHE_NOTES = 8;

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
  /** Each note's formulas from its last run, reused while what they read holds (latex/spanCache.ts). */
  private readonly spanCaches = new Map<string, SpanCache>();
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
    once = false,
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
    // A note checked once (the CLI) records no traces: no next run would read them.
    const result = this.run(text, bindings, symbolic, lookups, outside, macros, once ? undefined : this.spanCache(uri));
    if (!once) this.last = { uri, prose, symbolic, outside: outsideKey, macros: macrosKey, lookups, result };
    return result;
  }

  /** The note's span cache; the few notes checked last keep theirs. */
  private spanCache(uri: string): SpanCache {
    let cache = this.spanCaches.get(uri);
    if (cache) this.spanCaches.delete(uri);
    else cache = new SpanCache();
    this.spanCaches.set(uri, cache);
    if (this.spanCaches.size > SPAN_CACHE_NOTES) this.spanCaches.delete(this.spanCaches.keys().next().value!);
    return cache;
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
    cache: SpanCache | undefined,
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
        if (typeof value !== 'number') throw new NoteError('latex.value.notNumber');
        return value;
      },
      // Lists and matrices: JS arrays in, nested arrays of finite numbers out.
      evaluateAny: (expression, vars) => toLatexValue(this.code(expression).evaluate(new Map(Object.entries(vars)))),
      symbolic: this.symbolic,
    };
    // The user's macros (markdown.math.macros...) and the note's \def/\newcommand expand
    // before translation, as KaTeX does, in document order across both kinds of math.
    const [allRendered, allOther] = [findMathSpans(text), findOutsideMathSpans(text, outside)];
    const { first, second, past, total } = firstFormulas(allRendered, allOther, MAX_FORMULAS_PER_NOTE);
    const [rendered, other] = expandNoteMacros([first, second], macros);
    const math = checkSpans(rendered, env, { symbolic }, headingLines(text), cache);
    const more = checkOutsideMath(text, env, { ...outside, symbolic }, other);
    const limit: LatexChainResult[] = past
      ? [
          {
            range: past.range,
            latex: past.content,
            status: 'skipped',
            display: past.display,
            segments: [],
            links: [],
            reason: say('latex.tooManyFormulas', { limit: MAX_FORMULAS_PER_NOTE.toLocaleString('en-US'), count: (total - MAX_FORMULAS_PER_NOTE).toLocaleString('en-US') }),
            limit: true,
          },
        ]
      : [];
    if (!more.length) return [...math, ...limit];
    // One list in document order, as the editor and the CLI show it.
    return [...math, ...more, ...limit].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
}

/**
 * The first `limit` formulas of two lists in document order (each list is in document
 * order), and the first formula past them.
 */
function firstFormulas(a: readonly MathSpan[], b: readonly MathSpan[], limit: number) {
  const total = a.length + b.length;
  if (total <= limit) return { first: a, second: b, past: undefined, total };
  const before = (x: MathSpan, y: MathSpan) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character;
  let i = 0;
  let j = 0;
  while (i + j < limit) {
    if (j >= b.length || (i < a.length && before(a[i], b[j]) <= 0)) i++;
    else j++;
  }
  const past = j >= b.length || (i < a.length && before(a[i], b[j]) <= 0) ? a[i] : b[j];
  return { first: a.slice(0, i), second: b.slice(0, j), past, total };
}

/**
 * A warning on each wrong link, at the number written (so the quick fix can replace it);
 * an error where the checks stopped at the note's limit of formulas (the note was not
 * checked completely, so CI must not pass it).
 */
export function latexDiagnostics(chains: readonly LatexChainResult[]): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  for (const chain of chains) {
    if (chain.limit) out.push({ range: chain.range, severity: 'error', message: chain.reason ?? '', code: 'stopped' });
    for (const link of chain.links) {
      if (link.ok !== false) continue;
      const range = link.written?.range ?? chain.segments[link.right]?.range ?? chain.range;
      out.push({ range, severity: 'warning', message: link.message ?? 'This step of the calculation does not hold', code: 'latex' });
    }
  }
  return out;
}
