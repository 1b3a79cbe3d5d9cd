// Finds the math of a note exactly as VS Code's preview renders it, from the note's one
// parse (markdown-it with VS Code's own KaTeX plugin, see parse/). The plugin's tokens
// carry no positions; the parse hooks record each formula's offset in its inline token,
// and each inline token is tied back to the document through the lines it came from.
import type MarkdownIt from 'markdown-it';
import type { Position, Range } from '../types';
import { locateIn, parseDocument, type InlineSource, type LineBase } from '../parse/document';
import { MATH_ADJACENT, MATH_OFFSET } from '../parse/meta';
import { findOtherMath } from '../parse/otherMath';
import { scanProse } from '../prose/scan';
import { scanConvSizes } from '../prose/convSize';
import { htmlMasks } from '../prose/html';
import { extend } from '../extend';

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
  /** The content before macros were expanded, when they were (two sources can expand alike). */
  readonly expandedFrom?: string;
  /** Set when the span is not math the preview renders: prose arithmetic, `\\( \\)` math. */
  readonly where?: 'prose' | 'other-math';
}

interface Piece extends LineBase {
  /** Offset in content where this content line starts. */
  readonly offset: number;
}

// The plugin's inline `$$…$$` rule pushes a token typed math_block among inline children.
const MATH_TOKENS = new Set(['math_inline', 'math_inline_block', 'math_block']);

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
  add(content: string, display: boolean, adjacent: boolean, locate: (text: string, i: number) => LineBase | undefined): void {
    const parts = content.split('\n');
    const pieces: Piece[] = [];
    let offset = 0;
    for (let i = 0; i < parts.length; i++) {
      const piece = locate(parts[i], i);
      if (!piece && parts[i].trim() !== '') return;
      if (piece) pieces.push(extend(piece, { offset }));
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

/** Inline formulas of one inline token, located through the token's line map. */
function inlineMath(src: InlineSource, builder: SpanBuilder): void {
  const ls = src.lineStarts;
  for (const child of src.token.children ?? []) {
    if (!MATH_TOKENS.has(child.type) || !child.meta || typeof child.meta[MATH_OFFSET] !== 'number') continue;
    const at = child.meta[MATH_OFFSET] as number;
    let firstLine = 0;
    while (firstLine + 1 < ls.length && ls[firstLine + 1] <= at) firstLine++;
    builder.add(child.content, child.type !== 'math_inline', child.meta[MATH_ADJACENT] === true, (_t, i) => {
      const cl = firstLine + i;
      const base = src.lineBases[cl];
      if (!base) return undefined;
      const inContent = i === 0 ? at : ls[cl];
      return { line: base.line, character: base.character + (inContent - ls[cl]) };
    });
  }
}

/** Math spans of a note in document order. `text` may use CRLF; positions are UTF-16. */
export function findMathSpans(text: string): MathSpan[] {
  const doc = parseDocument(text);
  const lines = doc.lines;
  const tokens = doc.tokens;
  const out: MathSpan[] = [];
  const builder = new SpanBuilder(lines, out);
  const inlines = new Map<Token, InlineSource>();
  for (const src of doc.inlines) inlines.set(src.token, src);

  for (const tok of tokens) {
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
    } else if (tok.type === 'inline') {
      const src = inlines.get(tok);
      if (src) inlineMath(src, builder);
    }
  }
  return out;
}

export interface OutsideMathOptions {
  /** Arithmetic in plain text: `6*6*8 = 288`. */
  readonly prose?: boolean;
  /** `\( \)`, `\[ \]` and bare `\begin{align}`, which VS Code's preview does not render. */
  readonly otherDelimiters?: boolean;
}

/** Regions sorted by start with nested and overlapping ones merged. */
function merged(regions: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...regions].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

interface Source {
  positionAt(offset: number): Position | undefined;
}

/** A span read from a source's content through an offset map; undefined if unplaceable. */
function mappedSpan(src: Source, content: string, sourceAt: readonly number[], display: boolean, where: 'prose' | 'other-math'): MathSpan | undefined {
  const start = src.positionAt(sourceAt[0]);
  const end = src.positionAt(sourceAt[sourceAt.length - 1]);
  if (!start || !end) return undefined;
  const positionAt = (offset: number): Position => {
    const at = sourceAt[Math.max(0, Math.min(sourceAt.length - 1, offset))];
    return src.positionAt(at) ?? start;
  };
  return { display, content, adjacent: false, positionAt, range: { start, end }, where };
}

/** Other-delimiter math and prose claims of one text, outside its `blocked` ranges. */
function spansIn(src: Source, content: string, blocked: { start: number; end: number }[], options: OutsideMathOptions, out: MathSpan[]): void {
  const others = findOtherMath(content, blocked);
  const spans: MathSpan[] = [];
  if (options.otherDelimiters) {
    for (const m of others) {
      const span = mappedSpan(src, m.content, m.sourceAt, m.display, 'other-math');
      if (span) spans.push(span);
    }
  }
  if (options.prose) {
    const masked = merged([...blocked, ...others]);
    for (const claim of [...scanProse(content, masked), ...scanConvSizes(content, masked)]) {
      const span = mappedSpan(src, claim.latex, claim.sourceAt, false, 'prose');
      if (span) spans.push(span);
    }
  }
  spans.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  out.push(...spans);
}

/**
 * Spans outside the preview's math, in document order: formulas in other delimiters, and
 * plain-text arithmetic read as the LaTeX it stands for. Prose never reads inside code,
 * math of either kind, HTML tags or links; the text of an HTML block is prose.
 */
export function findOutsideMathSpans(text: string, options: OutsideMathOptions): MathSpan[] {
  if (!options.prose && !options.otherDelimiters) return [];
  const doc = parseDocument(text);
  const inline: MathSpan[] = [];
  for (const src of doc.inlines) spansIn(src, src.content, merged(src.regions), options, inline);
  const html: MathSpan[] = [];
  for (const src of doc.htmlBlocks) spansIn(src, src.content, merged(htmlMasks(src.content)), options, html);
  if (!html.length) return inline;
  return [...inline, ...html].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
