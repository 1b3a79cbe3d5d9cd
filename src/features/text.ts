// A note's text as the editor features read it: lines by number, the way VS Code's
// TextDocument gives them (and an in-memory twin for tests and the CLI), and the few
// position rules every feature shares.
import type { Position, Range } from '../engine/position';

export type { Position, Range } from '../engine/position';

/** Read access to a note's text, line by line (0-based). */
export interface NoteText {
  readonly lineCount: number;
  /** The line's text without its line break. */
  lineAt(line: number): string;
}

/** A NoteText over a string. */
export function noteText(text: string): NoteText {
  const lines = text.split(/\r\n|\r|\n/);
  return { lineCount: lines.length, lineAt: (line) => lines[line] ?? '' };
}

/** A dl-calc name: letters (Latin, Greek, CJK), digits and `_`, not starting with a digit. */
export const NAME = /[\p{L}_][\p{L}\p{N}_]*/u;
const NAME_GLOBAL = /[\p{L}_][\p{L}\p{N}_]*/gu;

/** a is at or before b. */
export function atOrBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Is `pos` inside `r` (both ends included)? */
export function contains(r: Range, pos: Position): boolean {
  return atOrBefore(r.start, pos) && atOrBefore(pos, r.end);
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function rangesIntersect(a: Range, b: Range): boolean {
  return atOrBefore(a.start, b.end) && atOrBefore(b.start, a.end);
}

/** The name at a position (touching it counts, as VS Code's getWordRangeAtPosition). */
export function nameAt(text: NoteText, pos: Position): { name: string; range: Range } | undefined {
  if (pos.line < 0 || pos.line >= text.lineCount) return undefined;
  const line = text.lineAt(pos.line);
  for (const m of line.matchAll(NAME_GLOBAL)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start <= pos.character && pos.character <= end) {
      return { name: m[0], range: { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } } };
    }
    if (start > pos.character) break;
  }
  return undefined;
}

/** The text of a range (lines joined with \n). */
export function textIn(text: NoteText, r: Range): string {
  if (r.start.line === r.end.line) return text.lineAt(r.start.line).slice(r.start.character, r.end.character);
  const out = [text.lineAt(r.start.line).slice(r.start.character)];
  for (let l = r.start.line + 1; l < r.end.line; l++) out.push(text.lineAt(l));
  out.push(text.lineAt(r.end.line).slice(0, r.end.character));
  return out.join('\n');
}
