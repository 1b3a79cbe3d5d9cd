// The markdown-it plugin shared by VS Code's Markdown preview, the CLI and the export.
// Pure: no vscode, no file system. The host supplies results through a callback so the
// preview can reuse the editor's results and show a placeholder while they are pending.

import type MarkdownIt from 'markdown-it';
import type { NoteResult, StatementResult } from '../types';
import {
  findBlock,
  type OuterAttrs,
  renderInlineSpan,
  renderPendingBlock,
  renderResultBlock,
  statementsInRange,
} from './block';
import { parseFenceInfo } from './options';
import { escapeHtml } from './escape';
import { type KatexLike, TexRenderer } from './tex';
import { adjacentInlineMath } from './adjacentMath';
import { defaultMarkLabels, type MarkLabels, markOfToken, marksFor, numberMathTokens, numberOtherMath, otherMarksFor, textWithMarks, withMark } from './mathMarks';

export interface DlCalcPluginOptions {
  /**
   * Results for the note being rendered, or undefined while they are not ready. `env` is
   * markdown-it's render env (VS Code puts `currentDocument` there); `src` is the whole
   * Markdown text that was parsed. Called at render time for each block and inline span,
   * so it should be a lookup, not an evaluation.
   */
  results: (env: any, src: string) => NoteResult | undefined;
  /** VS Code's `markdown.math.macros`, used for dl-calc's own LaTeX. */
  macros?: Record<string, string>;
  /** Text shown in a block whose results are not ready. Default "evaluating…". */
  placeholder?: string;
  /**
   * Parse `$a$$b$` as two inline formulas, as Typora does: `'dlCalcNotes'` (the default)
   * only in notes with a dl-calc block or inline `= expr` span, so other Markdown renders
   * as the math plugin alone renders it; `true` or `'always'` in every note; `false` never.
   * Only acts when a math plugin has registered a `math_inline` renderer.
   */
  adjacentInlineMath?: boolean | 'always' | 'dlCalcNotes';
  /** KaTeX output of dl-calc's own formulas: 'mathml' when the preview has no KaTeX stylesheet. */
  texOutput?: 'htmlAndMathml' | 'mathml';
  /** A KaTeX stand-in, for tests. */
  katex?: KatexLike;
  /**
   * Mark math whose hand calculation was checked: ✓ verified, ✗ a wrong link, the values
   * on hover. Default true. Labels are the hover's first line (default: the catalogue's).
   */
  mathMarks?: boolean;
  markLabels?: MarkLabels;
}

/** What the core rule leaves on tokens so render time can find the parsed source. */
interface SourceRef {
  readonly src: string;
}
interface FenceMeta {
  dlCalcSource: SourceRef;
}
interface InlineMeta {
  dlCalcSource: SourceRef;
  dlCalcInline: number;
  dlCalcExpr: string;
}

const inlinePattern = /^\s*=/;

export function dlCalcPlugin(md: MarkdownIt, options: DlCalcPluginOptions): void {
  const tex = new TexRenderer({ macros: options.macros, katex: options.katex, output: options.texOutput });
  const placeholder = options.placeholder ?? 'evaluating…';

  const adjacent = options.adjacentInlineMath ?? 'dlCalcNotes';
  if (adjacent === 'dlCalcNotes') {
    // Decided per parse, after the block rules and before the inline ones, from the block tokens.
    md.core.ruler.after('block', 'dl_calc_content', (state) => {
      contentOf.set(envKey(state.env), hasDlCalcContent(state.tokens));
    });
    md.inline.ruler.before('escape', 'dl_calc_adjacent_math', (state, silent) =>
      contentOf.get(envKey(state.env)) === true && adjacentInlineMath(state, silent),
    );
  } else if (adjacent) {
    // Before 'escape' so it runs ahead of the math plugin's rules whatever the order in
    // which the plugins were installed.
    md.inline.ruler.before('escape', 'dl_calc_adjacent_math', adjacentInlineMath);
  }

  // Tokens are what survives between parse and render in VS Code (it parses with one env
  // and renders with another, and caches tokens per document version), so the source and
  // the inline spans' document order are recorded on the tokens themselves.
  md.core.ruler.push('dl_calc_meta', (state) => {
    const ref: SourceRef = { src: state.src };
    if (options.mathMarks ?? true) {
      numberMathTokens(state.tokens, { dlCalcSource: ref });
      numberOtherMath(state.tokens, { dlCalcSource: ref });
      // The math plugin may be installed after this one (VS Code's order): wrap its
      // renderers at the first parse, when every plugin is in.
      wrapMathRenderers(md, options);
    }
    let inlineIndex = 0;
    for (const token of state.tokens) {
      if (token.type === 'fence' && parseFenceInfo(token.info).isDlCalc) {
        token.meta = { ...(token.meta ?? {}), dlCalcSource: ref } satisfies FenceMeta;
      } else if (token.type === 'inline' && token.children) {
        for (const child of token.children) {
          if (child.type === 'code_inline' && inlinePattern.test(child.content)) {
            const meta: InlineMeta = {
              dlCalcSource: ref,
              dlCalcInline: inlineIndex++,
              dlCalcExpr: child.content.replace(inlinePattern, '').trim(),
            };
            child.meta = { ...(child.meta ?? {}), ...meta };
          }
        }
      }
    }
  });

  // `\\( \\)` math the checker read (dlCalc.latexChecks.otherDelimiters) stays text in the
  // preview; its mark goes after the formula's closing.
  if (options.mathMarks ?? true) {
    const previousText = md.renderer.rules.text;
    md.renderer.rules.text = (tokens, idx, mdOptions, env, self) => {
      const token = tokens[idx];
      const src = (token.meta?.dlCalcSource as SourceRef | undefined)?.src;
      const result = src === undefined || token.meta?.dlCalcOther === undefined ? undefined : safeResults(options, env, src);
      const html = result && textWithMarks(otherMarksFor(result, src!, options.markLabels ?? defaultMarkLabels()), token);
      if (html !== undefined) return html;
      return previousText ? previousText(tokens, idx, mdOptions, env, self) : escapeHtml(token.content);
    };
  }

  const previousFence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, mdOptions, env, self) => {
    const token = tokens[idx];
    const info = parseFenceInfo(token.info);
    const meta = token.meta as Partial<FenceMeta> | null;
    if (!info.isDlCalc || !meta?.dlCalcSource) {
      return previousFence ? previousFence(tokens, idx, mdOptions, env, self) : self.renderToken(tokens, idx, mdOptions);
    }
    const map: [number, number] = token.map ? [token.map[0], token.map[1]] : [-1, -1];
    const attrs = outerAttrs(token, map);
    const result = safeResults(options, env, meta.dlCalcSource.src);
    const block = result && findBlock(result, map);
    if (!result || !block) {
      // No block at this line yet: results are pending or stale; they will refresh.
      return renderPendingBlock(attrs, info, token.content, placeholder);
    }
    return renderResultBlock(tex, attrs, info, block, statementsInRange(result, map));
  };

  const previousCode = md.renderer.rules.code_inline;
  const inlineLists = new WeakMap<NoteResult, StatementResult[]>();
  md.renderer.rules.code_inline = (tokens, idx, mdOptions, env, self) => {
    const token = tokens[idx];
    const meta = token.meta as Partial<InlineMeta> | null;
    if (!meta?.dlCalcSource || meta.dlCalcInline === undefined || meta.dlCalcExpr === undefined) {
      return previousCode ? previousCode(tokens, idx, mdOptions, env, self) : self.renderToken(tokens, idx, mdOptions);
    }
    const result = safeResults(options, env, meta.dlCalcSource.src);
    let statement: StatementResult | undefined;
    if (result) {
      let list = inlineLists.get(result);
      if (!list) {
        list = result.statements.filter((s) => s.inline).sort((a, b) => a.index - b.index);
        inlineLists.set(result, list);
      }
      statement = matchInline(list, meta.dlCalcInline, meta.dlCalcExpr);
    }
    return renderInlineSpan(tex, meta.dlCalcExpr, statement);
  };
}

const MATH_RULES: [string, boolean][] = [
  ['math_inline', false],
  ['math_inline_block', true],
  ['math_block', true],
  ['fence', true],
];
const wrapped = new WeakMap<object, true>();
const marking = new Set<MarkdownIt.Token>();

function wrapMathRenderers(md: MarkdownIt, options: DlCalcPluginOptions): void {
  const rules = md.renderer.rules;
  for (const [name, display] of MATH_RULES) {
    const inner = rules[name];
    if (!inner || wrapped.has(inner)) continue;
    const rule: NonNullable<typeof inner> = (tokens, idx, mdOptions, env, self) => {
      const token = tokens[idx];
      // Wrapped twice (another plugin wrapped ours, we wrapped it): mark once.
      if (marking.has(token)) return inner(tokens, idx, mdOptions, env, self);
      marking.add(token);
      try {
        const html = inner(tokens, idx, mdOptions, env, self);
        const src = (token.meta?.dlCalcSource as SourceRef | undefined)?.src;
        if (token.meta?.dlCalcMath === undefined || src === undefined) return html;
        const result = safeResults(options, env, src);
        // Labels read at render time: the language can change while the preview stays.
        const labels = options.markLabels ?? defaultMarkLabels();
        return result ? withMark(html, markOfToken(marksFor(result, src, labels), token), display) : html;
      } finally {
        marking.delete(token);
      }
    };
    wrapped.set(rule, true);
    rules[name] = rule;
  }
}

/** Per parse env: does the note being parsed have dl-calc content? */
const contentOf = new WeakMap<object, boolean>();
const inlineSpanLike = /`[ \t]*=/;
/** `md.parse(src)` without an env: one shared key (the parse is synchronous). */
const noEnv = {};
const envKey = (env: unknown): object => (typeof env === 'object' && env !== null ? env : noEnv);

/** A dl-calc fence, or inline text that may hold an `= expr` span (checked before inline parsing). */
export function hasDlCalcContent(tokens: readonly MarkdownIt.Token[]): boolean {
  for (const token of tokens) {
    if (token.type === 'fence' && parseFenceInfo(token.info).isDlCalc) return true;
    if (token.type === 'inline' && inlineSpanLike.test(token.content)) return true;
  }
  return false;
}

function safeResults(options: DlCalcPluginOptions, env: any, src: string): NoteResult | undefined {
  try {
    return options.results(env, src);
  } catch {
    // A failing host callback must not take the whole preview down.
    return undefined;
  }
}

function normalise(expr: string): string {
  return expr.replace(/\s+/g, ' ').trim();
}

/** The n-th inline statement, unless its source says the two lists have drifted apart. */
function matchInline(list: readonly StatementResult[], n: number, expr: string): StatementResult | undefined {
  const want = normalise(expr);
  const nth = list[n];
  if (nth && normalise(nth.source) === want) return nth;
  return list.find((s) => normalise(s.source) === want);
}

const attrName = /^[a-zA-Z][a-zA-Z0-9_-]*$/;

function outerAttrs(token: MarkdownIt.Token, map: readonly [number, number]): OuterAttrs {
  let dataLine = String(map[0]);
  const classes: string[] = [];
  const extra: [string, string][] = [];
  for (const [name, value] of token.attrs ?? []) {
    if (name === 'data-line') dataLine = value;
    else if (name === 'class') classes.push(...value.split(/\s+/).filter(Boolean));
    else if (attrName.test(name) && !/^on/i.test(name)) extra.push([name, value]);
  }
  return { dataLine, classes, extra };
}
