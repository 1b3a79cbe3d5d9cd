// The one Markdown configuration of a note, as VS Code's preview reads it: markdown-it with
// YAML front matter hidden, VS Code's KaTeX plugin (`$…$`, `$$…$$`, math fences) and the
// `$a$$b$` rule. The engine parses each note once with the shared instance below; the
// export installs the same syntax on its renderer. The hooks record where things are in
// each inline token's source, which markdown-it's tokens do not carry.
import MarkdownIt from 'markdown-it';
import katex from '@vscode/markdown-it-katex';
import { frontMatterPlugin } from '../render/frontMatter';
import { adjacentInlineMath } from '../render/adjacentMath';
import { MATH_OFFSET } from './meta';

export { MATH_OFFSET, MATH_ADJACENT } from './meta';

type StateInline = MarkdownIt.StateInline;
type InlineRule = (state: StateInline, silent: boolean) => boolean;


/** Inline tokens' kinds of source that are not prose: never read as plain-text arithmetic. */
export type RegionKind = 'code' | 'math' | 'html' | 'link' | 'autolink';

export interface Region {
  readonly kind: RegionKind;
  /** Offsets in the inline token's content. */
  readonly start: number;
  readonly end: number;
}

// Keyed by the inline token's children array: markdown-it parses an inline token into it
// with one state, and link labels are parsed by the same state.
const regionsOf = new WeakMap<MarkdownIt.Token[], Region[]>();

/** What the parse hooks saw in an inline token, in source order. */
export function inlineRegions(children: MarkdownIt.Token[]): readonly Region[] {
  return regionsOf.get(children) ?? [];
}

const RECORDED: Record<string, RegionKind> = {
  backticks: 'code',
  math_inline: 'math',
  math_inline_block: 'math',
  dl_calc_adjacent_math: 'math',
  html_inline: 'html',
  link: 'link',
  image: 'link',
  autolink: 'autolink',
};

const MATH_TOKENS = new Set(['math_inline', 'math_inline_block', 'math_block']);

/** Wraps inline rules so that each success records the source it consumed. */
function recordRegions(md: MarkdownIt): void {
  const rules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] }).__rules__;
  for (const rule of rules) {
    const kind = RECORDED[rule.name];
    if (!kind) continue;
    const inner = rule.fn;
    md.inline.ruler.at(rule.name, (state, silent) => {
      const start = state.pos;
      const before = state.tokens.length;
      if (!inner(state, silent)) return false;
      if (silent) return true;
      let list = regionsOf.get(state.tokens);
      if (!list) regionsOf.set(state.tokens, (list = []));
      list.push({ kind, start, end: state.pos });
      if (kind === 'math') {
        // The math plugin's tokens carry no position: tie each to its source here.
        for (let i = before; i < state.tokens.length; i++) {
          const t = state.tokens[i];
          if (!MATH_TOKENS.has(t.type) || (t.meta && MATH_OFFSET in t.meta)) continue;
          const at = start + t.markup.length;
          if (state.src.startsWith(t.content, at)) t.meta = { ...(t.meta ?? {}), [MATH_OFFSET]: at };
        }
      }
      return true;
    });
  }
}

export interface NoteSyntaxOptions {
  /**
   * Options for the KaTeX plugin's renderer (macros, output...); parsing ignores them. The
   * plugin keeps this very object, so a caller may swap `macros` between renders.
   */
  readonly katex?: Record<string, unknown>;
}

/** Installs the note syntax on a markdown-it instance created with `{ html: true }`. */
export function installNoteSyntax(md: MarkdownIt, options: NoteSyntaxOptions = {}): MarkdownIt {
  md.use(frontMatterPlugin);
  // VS Code's markdown-math extension passes enableFencedBlocks (and macros); bare
  // \begin blocks and math inside HTML are off there, so they are off here.
  const katexOptions = options.katex ?? {};
  katexOptions.enableFencedBlocks = true;
  md.use(katex, katexOptions);
  // Before 'escape' so it runs ahead of the math plugin's rules whatever the install order.
  md.inline.ruler.before('escape', 'dl_calc_adjacent_math', adjacentInlineMath);
  return md;
}

let shared: MarkdownIt | undefined;

/** The engine's parser: the note syntax plus the position hooks. */
export function noteMarkdown(): MarkdownIt {
  if (shared) return shared;
  const md = installNoteSyntax(new MarkdownIt({ html: true }));
  recordRegions(md);
  shared = md;
  return md;
}
