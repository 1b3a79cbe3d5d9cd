// Finds the math of a note exactly as VS Code's preview renders it: markdown-it with
// VS Code's own KaTeX plugin. The plugin's tokens carry no positions, so an inline rule
// placed just before the plugin's rules records where each `$` was seen, and each math
// token is tied back to the document through the line it came from.
import MarkdownIt from 'markdown-it';
import katex from '@vscode/markdown-it-katex';
import type { Position, Range } from '../types';
import { splitLines } from '../blocks';

type StateInline = MarkdownIt.StateInline;
type Token = MarkdownIt.Token;

export interface MathSpan {
  /** `$$…$$`, a math fence, or a `$$…$$` inside a paragraph; false for `$…$`. */
  readonly display: boolean;
  /** The LaTeX source exactly as KaTeX receives it. */
  readonly content: string;
  /** Range of the content in the document. */
  readonly range: Range;
  /**
   * True for `$a$$b$` written back to back: the preview renders nothing there (the
   * plugin rejects both closings), Typora renders two formulas; we read them as two.
   */
  readonly adjacent: boolean;
  /** Document position of an offset into `content`. */
  positionAt(offset: number): Position;
}

interface Piece {
  /** Offset in content where this content line starts. */
  readonly offset: number;
  readonly line: number;
  readonly character: number;
}

const META_KEY = 'dlcalcOffset';
// The plugin's inline `$$…$$` rule pushes a token typed math_block among inline children.
const MATH_TOKENS = new Set(['math_inline', 'math_inline_block', 'math_block']);

/** `$` positions seen per inline state, with the index the math token would get. */
const seen = new WeakMap<StateInline, { pos: number; index: number }[]>();

function isEscaped(src: string, pos: number): boolean {
  let n = 0;
  for (let p = pos - 1; p >= 0 && src[p] === '\\'; p--) n++;
  return n % 2 === 1;
}

function findDollar(src: string, from: number): number {
  for (let p = src.indexOf('$', from); p !== -1; p = src.indexOf('$', p + 1)) {
    if (!isEscaped(src, p)) return p;
  }
  return -1;
}

const wordChar = (c: string | undefined): boolean => c !== undefined && /^[\w\d]$/u.test(c);
const space = (c: string | undefined): boolean => c !== undefined && /^\s$/u.test(c);

/** `$a$$b$`: the same opening/closing tests as the plugin, with `$$` as the joint. */
function typoraAdjacent(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const p = state.pos;
  if (src[p] !== '$' || src[p + 1] === '$') return false;
  const prev = src[p - 1];
  if (prev === '$' || prev === '\\' || (prev !== undefined && !space(prev) && wordChar(prev))) return false;
  const m1 = findDollar(src, p + 1);
  if (m1 <= p + 1 || src[m1 + 1] !== '$' || src[m1 + 2] === '$') return false;
  const m2 = findDollar(src, m1 + 2);
  if (m2 <= m1 + 2 || src[m2 + 1] === '$') return false;
  const next = src[m2 + 1];
  if (next !== undefined && !space(next) && wordChar(next)) return false;
  if (!silent) {
    for (const [from, to] of [
      [p + 1, m1],
      [m1 + 2, m2],
    ]) {
      const t = state.push('math_inline', 'math', 0);
      t.markup = '$';
      t.content = src.slice(from, to);
      t.meta = { [META_KEY]: from, adjacent: true };
    }
  }
  state.pos = m2 + 1;
  return true;
}

let shared: MarkdownIt | undefined;

/** The preview's parser: markdown-it with VS Code's math options, plus our position hooks. */
export function mathParser(): MarkdownIt {
  if (shared) return shared;
  const md = new MarkdownIt({ html: true });
  // VS Code's markdown-math extension passes enableFencedBlocks (and macros); bare
  // \begin blocks and math inside HTML are off there, so they are off here.
  md.use(katex, { enableFencedBlocks: true });
  md.inline.ruler.before('math_inline_block', 'dlcalc_math_seen', (state, silent) => {
    if (!silent && state.src.charCodeAt(state.pos) === 0x24) {
      let list = seen.get(state);
      if (!list) seen.set(state, (list = []));
      // push() flushes pending text into a token first, so the math token lands one later.
      list.push({ pos: state.pos, index: state.tokens.length + (state.pending ? 1 : 0) });
    }
    return false;
  });
  md.inline.ruler.before('math_inline_block', 'dlcalc_typora_adjacent', typoraAdjacent);
  // First of the post-processing rules, before any of them merges or moves tokens.
  md.inline.ruler2.before('balance_pairs', 'dlcalc_math_positions', (state) => {
    const list = seen.get(state);
    if (!list) return false;
    for (const r of list) {
      const t = state.tokens[r.index];
      if (!t || !MATH_TOKENS.has(t.type) || (t.meta && META_KEY in t.meta)) continue;
      const start = r.pos + t.markup.length;
      if (state.src.startsWith(t.content, start)) t.meta = { ...(t.meta ?? {}), [META_KEY]: start };
    }
    seen.delete(state);
    return false;
  });
  shared = md;
  return md;
}

/** Blanks a leading YAML front matter (the preview hides it) keeping line lengths. */
function blankFrontMatter(lines: string[]): string[] {
  if (lines[0]?.trimEnd() !== '---') return lines;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].trimEnd();
    if (l === '---' || l === '...') {
      return lines.map((s, k) => (k <= i ? ' '.repeat(s.length) : s));
    }
  }
  return lines;
}

class SpanBuilder {
  constructor(
    private readonly lines: readonly string[],
    private readonly out: MathSpan[],
  ) {}

  /**
   * Adds a span whose content lines are found in the document lines given by
   * `lineOf(i)`, searching from `fromCol(i)`. Spans that cannot be located exactly
   * are dropped rather than mispositioned.
   */
  add(content: string, display: boolean, adjacent: boolean, locate: (text: string, i: number) => Piece | undefined): void {
    const parts = content.split('\n');
    const pieces: Piece[] = [];
    let offset = 0;
    for (let i = 0; i < parts.length; i++) {
      const piece = locate(parts[i], i);
      if (!piece && parts[i].trim() !== '') return;
      if (piece) pieces.push({ ...piece, offset });
      offset += parts[i].length + 1;
    }
    if (!pieces.length) return;
    // Verify: every non-blank content line must read the same in the document.
    for (let i = 0, o = 0; i < parts.length; o += parts[i].length + 1, i++) {
      const t = parts[i].trim();
      if (!t) continue;
      const lead = parts[i].indexOf(t);
      const p = pieces.find((x) => x.offset === o);
      if (!p || this.lines[p.line]?.substr(p.character + lead, t.length) !== t) return;
    }
    const positionAt = (off: number): Position => {
      let p = pieces[0];
      for (const q of pieces) if (q.offset <= off) p = q;
      return { line: p.line, character: Math.max(0, p.character + off - p.offset) };
    };
    this.out.push({
      display,
      content,
      adjacent,
      positionAt,
      range: { start: positionAt(0), end: positionAt(content.length) },
    });
  }
}

/** Offset of `text` in document line `line` at or after `from`, or undefined. */
function locateIn(lines: readonly string[], text: string, line: number, from: number): Piece | undefined {
  const s = lines[line];
  if (s === undefined) return undefined;
  const t = text.trim();
  const lead = text.length - text.trimStart().length;
  if (!t) return { offset: 0, line, character: Math.min(from, s.length) };
  const idx = s.indexOf(t, from);
  if (idx < 0) return undefined;
  return { offset: 0, line, character: idx - lead };
}

/** Where each line of an inline token's content starts in the document. */
function inlineLineMap(lines: readonly string[], tok: Token, first: number, paragraph: boolean, cursor: Map<number, number>): (Piece | undefined)[] {
  return tok.content.split('\n').map((text, i) => {
    const line = first + i;
    const s = lines[line];
    if (s === undefined) return undefined;
    if (paragraph && text.trim()) {
      // A paragraph line is the tail of its document line once markers are removed.
      const se = s.trimEnd();
      const te = text.trimEnd();
      if (se.endsWith(te)) return { offset: 0, line, character: se.length - te.length };
    }
    const p = locateIn(lines, text, line, cursor.get(line) ?? 0);
    if (p) cursor.set(line, p.character + text.length);
    return p;
  });
}

/** Math spans of a note in document order. `text` may use CRLF; positions are UTF-16. */
export function findMathSpans(text: string): MathSpan[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = blankFrontMatter(splitLines(body));
  const tokens = mathParser().parse(lines.join('\n'), {});
  const out: MathSpan[] = [];
  const builder = new SpanBuilder(lines, out);
  const cursor = new Map<number, number>();

  // Table cells' inline tokens have no map; their row's does.
  let lastLine = 0;
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (tok.map) lastLine = tok.map[0];
    if (tok.type === 'math_block' && tok.map) {
      const start = tok.map[0];
      const open = lines[start].indexOf('$$');
      if (open < 0) continue;
      // The plugin drops a blank first line, so content line 0 is then the next line.
      const firstBlank = lines[start].slice(open + 2).replace(/\$\$\s*$/, '').trim() === '';
      const base = firstBlank ? start + 1 : start;
      builder.add(tok.content, true, false, (t, i) => {
        const line = base + i;
        return locateIn(lines, t, line, line === start ? open + 2 : 0);
      });
    } else if (tok.type === 'fence' && tok.map && tok.info.trim().toLowerCase() === 'math') {
      const content = tok.content.replace(/\n$/, '');
      builder.add(content, true, false, (t, i) => locateIn(lines, t, tok.map![0] + 1 + i, 0));
    } else if (tok.type === 'inline' && tok.children) {
      const firstLine0 = lastLine;
      const paragraph = tokens[k - 1]?.type === 'paragraph_open';
      let map: (Piece | undefined)[] | undefined;
      let lineStarts: number[] | undefined;
      for (const child of tok.children) {
        if (!MATH_TOKENS.has(child.type) || !child.meta || typeof child.meta[META_KEY] !== 'number') continue;
        map ??= inlineLineMap(lines, tok, firstLine0, paragraph, cursor);
        if (!lineStarts) {
          lineStarts = [0];
          for (let i = 0; i < tok.content.length; i++) if (tok.content[i] === '\n') lineStarts.push(i + 1);
        }
        const ls = lineStarts;
        const m = map;
        const at = child.meta[META_KEY] as number;
        let firstLine = 0;
        while (firstLine + 1 < ls.length && ls[firstLine + 1] <= at) firstLine++;
        builder.add(child.content, child.type !== 'math_inline', child.meta.adjacent === true, (t, i) => {
          const cl = firstLine + i;
          const base = m[cl];
          if (!base) return undefined;
          const inContent = i === 0 ? at : ls[cl];
          return { offset: 0, line: base.line, character: base.character + (inContent - ls[cl]) };
        });
      }
    }
  }
  return out;
}
