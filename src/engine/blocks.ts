// Finds dl-calc blocks and inline `= expr` spans in the note's one parse (parse/), so that
// the editor, the preview and the CLI always agree on what a block is.
import type Token from 'markdown-it/lib/token.mjs';
import { parseDocument, splitLines } from './parse/document';
import { noteMarkdown } from './parse/markdown';
import { readInfoString } from './parse/infoString';
import { noteStatements, type NoteStatement, type SplitCache } from './parse/statements';
import { say } from './messages';
import type { Block, BlockOptions, EngineDiagnostic, InlineSpan, Range, SourceLine } from './types';

export interface ParsedNote {
  readonly blocks: readonly Block[];
  readonly inlines: readonly InlineSpan[];
  /** The statements of blocks and spans, split, in document order: what the evaluator runs. */
  readonly statements: readonly NoteStatement[];
  /** The note's lines (BOM removed), for mapping offsets. */
  readonly lines: readonly string[];
  /**
   * The 0-based line where markdown-it reached its nesting limit and stopped reading the
   * rest; blocks and spans after it are missing, so the note must not pass as checked.
   */
  readonly truncatedAt?: number;
}

const LANGUAGE = 'dl-calc';

export { splitLines };

/** True when a fence's info string names a dl-calc block (```dl-calc, ```{.dl-calc}). */
export function isDlCalcInfo(info: string): boolean {
  return readInfoString(info).language === LANGUAGE;
}

/** `name` or `name=true` sets a flag, `name=false` clears it; anything else is not a flag. */
function flag(word: string, name: string): boolean | undefined {
  if (word === name || word === `${name}=true`) return true;
  if (word === `${name}=false`) return false;
  return undefined;
}

export function parseBlockOptions(info: string, range: Range): { options: BlockOptions; warnings: EngineDiagnostic[] } {
  const words = readInfoString(info).options;
  let isolated = false;
  let hide = false;
  let precision: number | undefined;
  const warnings: EngineDiagnostic[] = [];
  const warn = (message: string) => warnings.push({ range, severity: 'warning', message, code: 'option' });
  for (const word of words) {
    const isolatedFlag = flag(word, 'isolated');
    const hideFlag = flag(word, 'hide');
    if (isolatedFlag !== undefined) isolated = isolatedFlag;
    else if (hideFlag !== undefined) hide = hideFlag;
    else if (word.startsWith('precision=')) {
      const value = word.slice('precision='.length);
      const n = Number(value);
      if (value !== '' && Number.isInteger(n) && n >= 1 && n <= 15) precision = n;
      else warn(say('block.precision', { value }));
    } else warn(say('block.unknownOption', { option: word }));
  }
  return { options: { isolated, hide, precision }, warnings };
}

/** Finds where a line of fence content starts in its original line. */
function contentColumn(original: string, content: string): number {
  if (content.length === 0) return original.length;
  if (original.endsWith(content)) return original.length - content.length;
  // markdown-it expanded a tab in the indent; fall back to the first match.
  const trimmed = content.trimStart();
  const at = original.lastIndexOf(trimmed);
  return at >= 0 ? at - (content.length - trimmed.length) : 0;
}

/** `splits` keeps blocks' statements between parses of one note: an edit re-splits only the block it touched. */
export function parseNote(text: string, splits?: SplitCache): ParsedNote {
  const doc = parseDocument(text);
  const lines = doc.lines as string[];
  const tokens = doc.tokens;
  const blocks: Block[] = [];
  const inlines: InlineSpan[] = [];
  const limit = (noteMarkdown().options as { maxNesting?: number }).maxNesting ?? 100;
  let truncatedAt: number | undefined;
  for (const token of tokens) {
    // At the limit markdown-it drops everything after, silently (its guard against deep nesting).
    if (truncatedAt === undefined && (token.level >= limit - 1 || token.children?.some((c) => c.level >= limit - 1))) {
      truncatedAt = token.map?.[0] ?? 0;
    }
    if (token.type === 'fence' && token.map && isDlCalcInfo(token.info)) {
      blocks.push(blockFromToken(token, blocks.length, lines));
    } else if (token.type === 'inline' && token.map && token.children) {
      findInlineSpans(token, lines, inlines);
    }
  }
  const statements = noteStatements(blocks, inlines, splits);
  return truncatedAt === undefined ? { blocks, inlines, statements, lines } : { blocks, inlines, statements, lines, truncatedAt };
}

function blockFromToken(token: Token, index: number, lines: string[]): Block {
  const [startLine, endLine] = token.map!;
  const contentLines = token.content.split('\n');
  if (contentLines[contentLines.length - 1] === '') contentLines.pop();
  const sourceLines: SourceLine[] = contentLines.map((content, i) => {
    const line = startLine + 1 + i;
    return { line, column: contentColumn(lines[line] ?? '', content), text: content };
  });
  const last = Math.max(startLine, endLine - 1);
  const range: Range = {
    start: { line: startLine, character: 0 },
    end: { line: last, character: (lines[last] ?? '').length },
  };
  const { options, warnings } = parseBlockOptions(token.info, {
    start: { line: startLine, character: 0 },
    end: { line: startLine, character: (lines[startLine] ?? '').length },
  });
  return { index, range, info: token.info.trim(), options, optionWarnings: warnings, lines: sourceLines };
}

/** Normalises a raw code span the way CommonMark does, to match it against the token. */
function normaliseCodeSpan(raw: string): string {
  let s = raw.replace(/\n/g, ' ');
  if (s.length > 2 && s.startsWith(' ') && s.endsWith(' ') && s.trim() !== '') s = s.slice(1, -1);
  return s;
}

function findInlineSpans(token: Token, lines: string[], out: InlineSpan[]): void {
  const codes = token.children!.filter((t) => t.type === 'code_inline');
  if (codes.length === 0) return;
  const [from, to] = token.map!;
  const lineStarts: number[] = [];
  let joined = '';
  for (let l = from; l < to; l++) {
    lineStarts.push(joined.length);
    joined += (lines[l] ?? '') + '\n';
  }
  const toPosition = (offset: number) => {
    let i = lineStarts.length - 1;
    while (i > 0 && lineStarts[i] > offset) i--;
    return { line: from + i, character: offset - lineStarts[i] };
  };
  let cursor = 0;
  for (const code of codes) {
    const found = locateCodeSpan(joined, code.markup, code.content, cursor);
    if (!found) continue;
    cursor = found.end;
    const trimmed = code.content.trimStart();
    if (!trimmed.startsWith('=')) continue;
    const expr = trimmed.slice(1).trim();
    if (expr === '') continue;
    // Offset of the expression inside the raw span text.
    const exprAt = joined.indexOf(expr.split('\n')[0], found.innerStart + joined.slice(found.innerStart).indexOf('=') + 1);
    const start = toPosition(exprAt);
    const end = toPosition(exprAt + expr.length);
    out.push({
      index: out.length,
      source: expr,
      range: { start, end },
      spanRange: { start: toPosition(found.start), end: toPosition(found.end) },
    });
  }
}

function locateCodeSpan(text: string, markup: string, content: string, from: number) {
  let at = from;
  while (at < text.length) {
    const open = text.indexOf(markup, at);
    if (open < 0) return undefined;
    // The opening run must be exactly as long as the markup.
    if (text[open - 1] === '`' || text[open + markup.length] === '`') {
      at = open + 1;
      while (text[at] === '`') at++;
      continue;
    }
    let close = text.indexOf(markup, open + markup.length);
    while (close >= 0 && text[close + markup.length] === '`') {
      let skip = close;
      while (text[skip] === '`') skip++;
      close = text.indexOf(markup, skip);
    }
    if (close < 0) return undefined;
    const inner = text.slice(open + markup.length, close);
    if (normaliseCodeSpan(inner) === content) {
      return { start: open, innerStart: open + markup.length, end: close + markup.length };
    }
    at = open + markup.length;
  }
  return undefined;
}
