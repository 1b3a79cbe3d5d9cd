// One parse per note text: the token stream of the shared note parser, with the note's
// lines, its front matter and, for each inline token, where its content lies in the
// document. Blocks, inline `= expr` spans, math spans and prose are all read from it, so
// the evaluator, the checkers and the preview agree on what is a block, math or prose.
import type MarkdownIt from 'markdown-it';
import type { Position } from '../types';
import type { FrontMatter } from '../render/frontMatter';
import { inlineRegions, noteMarkdown, type Region } from './markdown';
import { splitLines } from './lines';

type Token = MarkdownIt.Token;

export { splitLines };

/** Where one line of an inline token's content starts in the document. */
export interface LineBase {
  readonly line: number;
  readonly character: number;
}

export interface InlineSource {
  /** Index of the inline token in `tokens`. */
  readonly index: number;
  readonly token: Token;
  /** The token's content: its Markdown source, block markers removed. */
  readonly content: string;
  /** Code spans, math, HTML and links in `content`, in source order. */
  readonly regions: readonly Region[];
  /** The block the inline belongs to: 'paragraph_open', 'heading_open', 'th_open', 'td_open'... */
  readonly container: string;
  /** Offset in `content` where each content line starts. */
  readonly lineStarts: readonly number[];
  /** Document start of each content line; undefined when it could not be found exactly. */
  readonly lineBases: readonly (LineBase | undefined)[];
  /** Document position of an offset in `content`, or undefined when its line was not found. */
  positionAt(offset: number): Position | undefined;
}

/** An HTML block: the preview shows its text, so prose checks read it between the tags. */
export interface HtmlSource {
  readonly token: Token;
  readonly content: string;
  /** Document position of an offset in `content`, or undefined when its line was not found. */
  positionAt(offset: number): Position | undefined;
}

export interface ParsedDocument {
  /** The text parsed: the note without a BOM. */
  readonly body: string;
  readonly lines: readonly string[];
  readonly tokens: readonly Token[];
  readonly frontMatter?: FrontMatter;
  /** Every inline token with its positions, in document order. */
  readonly inlines: readonly InlineSource[];
  /** Every HTML block, in document order. */
  readonly htmlBlocks: readonly HtmlSource[];
}

/** Offset of `text` in document line `line` at or after `from`, or undefined. */
export function locateIn(lines: readonly string[], text: string, line: number, from: number): LineBase | undefined {
  const s = lines[line];
  if (s === undefined) return undefined;
  const t = text.trim();
  const lead = text.length - text.trimStart().length;
  if (!t) return { line, character: Math.min(from, s.length) };
  const idx = s.indexOf(t, from);
  if (idx < 0) return undefined;
  return { line, character: idx - lead };
}

/** Where each line of an inline token's content starts in the document. */
function inlineLineBases(lines: readonly string[], tok: Token, first: number, paragraph: boolean, cursor: Map<number, number>): (LineBase | undefined)[] {
  return tok.content.split('\n').map((text, i) => {
    const line = first + i;
    const s = lines[line];
    if (s === undefined) return undefined;
    if (paragraph && text.trim()) {
      // A paragraph line is the tail of its document line once markers are removed.
      const se = s.trimEnd();
      const te = text.trimEnd();
      if (se.endsWith(te)) return { line, character: se.length - te.length };
    }
    const p = locateIn(lines, text, line, cursor.get(line) ?? 0);
    if (p) cursor.set(line, p.character + text.length);
    return p;
  });
}

function inlineSources(lines: readonly string[], tokens: readonly Token[]): InlineSource[] {
  const out: InlineSource[] = [];
  const cursor = new Map<number, number>();
  // Table cells' inline tokens have no map; their row's does.
  let lastLine = 0;
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (tok.map) lastLine = tok.map[0];
    if (tok.type !== 'inline' || !tok.children) continue;
    const container = tokens[k - 1]?.type ?? '';
    const lineBases = inlineLineBases(lines, tok, lastLine, container === 'paragraph_open', cursor);
    const lineStarts = [0];
    for (let i = 0; i < tok.content.length; i++) if (tok.content[i] === '\n') lineStarts.push(i + 1);
    const positionAt = (offset: number): Position | undefined => {
      let cl = 0;
      while (cl + 1 < lineStarts.length && lineStarts[cl + 1] <= offset) cl++;
      const base = lineBases[cl];
      return base && { line: base.line, character: base.character + (offset - lineStarts[cl]) };
    };
    out.push({ index: k, token: tok, content: tok.content, regions: inlineRegions(tok.children), container, lineStarts, lineBases, positionAt });
  }
  return out;
}

function htmlSources(lines: readonly string[], tokens: readonly Token[]): HtmlSource[] {
  const out: HtmlSource[] = [];
  for (const token of tokens) {
    if (token.type !== 'html_block' || !token.map) continue;
    const first = token.map[0];
    const parts = token.content.split('\n');
    const starts: number[] = [];
    const bases: (number | undefined)[] = [];
    let offset = 0;
    parts.forEach((part, i) => {
      starts.push(offset);
      offset += part.length + 1;
      // In a list or a quote the markers are gone: the line must end with the content.
      const line = lines[first + i];
      bases.push(line !== undefined && line.endsWith(part) ? line.length - part.length : undefined);
    });
    const positionAt = (at: number): Position | undefined => {
      let i = 0;
      while (i + 1 < starts.length && starts[i + 1] <= at) i++;
      const base = bases[i];
      return base === undefined ? undefined : { line: first + i, character: base + at - starts[i] };
    };
    out.push({ token, content: token.content, positionAt });
  }
  return out;
}

function parse(text: string): ParsedDocument {
  // VS Code hides a BOM from extensions; the CLI reads raw files. Treat it as absent.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = splitLines(body);
  const env: { frontMatter?: FrontMatter } = {};
  const tokens = noteMarkdown().parse(body, env);
  let inlines: InlineSource[] | undefined;
  let htmlBlocks: HtmlSource[] | undefined;
  return {
    body,
    lines,
    tokens,
    frontMatter: env.frontMatter,
    get inlines() {
      return (inlines ??= inlineSources(lines, tokens));
    },
    get htmlBlocks() {
      return (htmlBlocks ??= htmlSources(lines, tokens));
    },
  };
}

// The last few texts parsed: the evaluator, the LaTeX checker and the prose checker ask
// for the same document version one after another.
const recent: { text: string; doc: ParsedDocument }[] = [];
const RECENT = 2;

/** The parse of a note's text; the same text is parsed once. */
export function parseDocument(text: string): ParsedDocument {
  for (let i = 0; i < recent.length; i++) {
    if (recent[i].text === text) {
      const hit = recent[i];
      if (i > 0) {
        recent.splice(i, 1);
        recent.unshift(hit);
      }
      return hit.doc;
    }
  }
  const doc = parse(text);
  recent.unshift({ text, doc });
  if (recent.length > RECENT) recent.pop();
  return doc;
}
