// Splits a block's lines into statements: `;` (or full-width `；`) separates, `#` comments,
// `#=` records a result, and a statement continues on the next line while a bracket is open.
import type { Block, InlineSpan, Position, Range, SourceLine } from '../types';
import { maskStrings } from './strings';

/** A run of statement text that sits on one document line. */
interface Piece {
  /** Offset of the piece in the statement text. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

export interface StatementSource {
  /** Expression text, comments removed, lines joined with "\n". */
  readonly text: string;
  readonly range: Range;
  readonly pieces: readonly Piece[];
  /** A trailing `#= value` comment. */
  readonly record?: { readonly text: string; readonly range: Range };
}

/** Maps an offset in a statement's text to its document position. */
export function positionAt(statement: StatementSource, offset: number): Position {
  const pieces = statement.pieces;
  let i = pieces.length - 1;
  while (i > 0 && pieces[i].offset > offset) i--;
  const p = pieces[i];
  return { line: p.line, character: p.column + Math.min(Math.max(offset - p.offset, 0), p.length) };
}

export function rangeAt(statement: StatementSource, from: number, to: number): Range {
  return { start: positionAt(statement, from), end: positionAt(statement, to) };
}

// Full-width brackets and `；` from a Chinese input method count as their twins (fullWidth.ts).
const OPEN = '([{（［';
const CLOSE = ')]}）］';


export function splitStatements(lines: readonly SourceLine[]): StatementSource[] {
  const { statements, unclosedFrom } = splitOnce(lines);
  if (unclosedFrom === undefined) return statements;
  // A bracket left open to the end of the block: rather than swallow every later line
  // into one broken statement, report its first line alone and go on after it.
  const at = lines.findIndex((l) => l.line === unclosedFrom);
  const first = splitOnce(lines.slice(at, at + 1)).statements;
  return [...statements, ...first, ...splitStatements(lines.slice(at + 1))];
}

function splitOnce(lines: readonly SourceLine[]): { statements: StatementSource[]; unclosedFrom?: number } {
  const out: StatementSource[] = [];
  let pieces: { line: number; column: number; text: string }[] = [];
  let depth = 0;

  const finish = () => {
    const statement = buildStatement(pieces);
    if (statement) out.push(statement);
    pieces = [];
  };

  for (const source of lines) {
    const text = source.text;
    // Strings blanked: a `;`, `#` or bracket inside quotes is text.
    const code = maskStrings(text);
    let pieceStart = 0;
    let comment: number | undefined;
    let finishedOnLine = -1;
    for (let i = 0; i < code.length; i++) {
      const ch = code[i];
      if (ch === '#') {
        comment = i;
        break;
      } else if (OPEN.includes(ch)) depth++;
      else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
      else if ((ch === ';' || ch === '；') && depth === 0) {
        pieces.push({ line: source.line, column: source.column + pieceStart, text: text.slice(pieceStart, i) });
        finish();
        finishedOnLine = out.length - 1;
        pieceStart = i + 1;
      }
    }
    const end = comment ?? text.length;
    pieces.push({ line: source.line, column: source.column + pieceStart, text: text.slice(pieceStart, end) });
    const hasCode = pieces.some((p) => p.text.trim() !== '');
    if (comment !== undefined && text.startsWith('#=', comment)) {
      const raw = text.slice(comment + 2);
      const lead = raw.length - raw.trimStart().length;
      const recordText = raw.trim();
      const at = source.column + comment + 2 + lead;
      const record = {
        text: recordText,
        range: { start: { line: source.line, character: at }, end: { line: source.line, character: at + recordText.length } },
      };
      if (depth === 0 && hasCode) {
        finish();
        const last = out[out.length - 1];
        out[out.length - 1] = { ...last, record };
        continue;
      }
      if (!hasCode && finishedOnLine >= 0) {
        out[finishedOnLine] = { ...out[finishedOnLine], record };
      }
    }
    if (depth === 0) finish();
  }
  const open = pieces.find((p) => p.text.trim() !== '');
  if (open && lines.length > 1) return { statements: out, unclosedFrom: open.line };
  if (pieces.length) finish();
  return { statements: out };
}

function buildStatement(raw: { line: number; column: number; text: string }[]): StatementSource | undefined {
  // Trim leading and trailing blank pieces, and whitespace at both ends.
  const kept = raw.filter((p) => p.text.trim() !== '');
  if (kept.length === 0) return undefined;
  const pieces: Piece[] = [];
  let text = '';
  kept.forEach((p, i) => {
    let t = p.text;
    let column = p.column;
    if (i === 0) {
      const lead = t.length - t.trimStart().length;
      t = t.slice(lead);
      column += lead;
    }
    if (i === kept.length - 1) t = t.trimEnd();
    if (i > 0) text += '\n';
    pieces.push({ offset: text.length, line: p.line, column, length: t.length });
    text += t;
  });
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  return {
    text,
    pieces,
    range: {
      start: { line: first.line, character: first.column },
      end: { line: last.line, character: last.column + last.length },
    },
  };
}

/** A statement that is a single inline span (no comments, no splitting). */
export function inlineStatement(text: string, range: Range): StatementSource {
  return {
    text,
    range,
    pieces: [{ offset: 0, line: range.start.line, column: range.start.character, length: text.length }],
  };
}

/** A statement of the note, in document order: one of a block's (split above) or an inline span. */
export interface NoteStatement {
  readonly source: StatementSource;
  /** The block's index; -1 for an inline span. */
  readonly block: number;
  readonly inline: boolean;
}

/** Split blocks by their lines and positions: an edit re-splits only the block it touched. */
export type SplitCache = Map<string, StatementSource[]>;

function splitCached(lines: readonly SourceLine[], cache: SplitCache | undefined): StatementSource[] {
  if (!cache) return splitStatements(lines);
  let key = '';
  for (const l of lines) key += `${l.line}:${l.column}:${l.text}\n`;
  let split = cache.get(key);
  if (!split) {
    split = splitStatements(lines);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, split);
  }
  return split;
}

/** Every statement of the note, blocks' and inline spans' merged by line. */
export function noteStatements(blocks: readonly Block[], inlines: readonly InlineSpan[], cache?: SplitCache): NoteStatement[] {
  const items: { line: number; statements: NoteStatement[] }[] = [];
  for (const block of blocks) {
    items.push({
      line: block.range.start.line,
      statements: splitCached(block.lines, cache).map((source) => ({ source, block: block.index, inline: false })),
    });
  }
  for (const span of inlines) {
    items.push({ line: span.range.start.line, statements: [{ source: inlineStatement(span.source, span.range), block: -1, inline: true }] });
  }
  // Blocks and spans are each in document order already; merge them by line.
  items.sort((a, b) => a.line - b.line);
  return items.flatMap((item) => item.statements);
}
