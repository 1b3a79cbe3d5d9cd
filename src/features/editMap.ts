// Maps positions of an earlier text through the edits made since, so what the editor shows
// (inline results, Problems, CodeLens) stays on its statement while a newer evaluation
// runs. Pure: positions and changes as VS Code reports them (0-based lines, UTF-16 columns,
// each change's range in the text before the edit).
import type { Position, Range } from '../engine/types';

export interface TextChange {
  readonly range: Range;
  readonly text: string;
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
const same = (a: Position, b: Position) => a.line === b.line && a.character === b.character;

/** The end of `text` inserted at `start`. */
function endOfInsert(start: Position, text: string): Position {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return { line: start.line, character: start.character + text.length };
  return { line: start.line + lines.length - 1, character: lines[lines.length - 1].length };
}

/**
 * Where `pos` is after one change, or undefined when the change replaced the text around it.
 * Text inserted exactly at `pos` goes after it: a result at the end of a line stays on that
 * line when Enter is pressed there.
 */
export function mapThrough(pos: Position, change: TextChange): Position | undefined {
  const { start, end } = change.range;
  if (before(pos, start) || same(pos, start)) return pos;
  if (before(pos, end)) return undefined; // inside the replaced text
  const newEnd = endOfInsert(start, change.text);
  if (pos.line === end.line) return { line: newEnd.line, character: newEnd.character + (pos.character - end.character) };
  return { line: pos.line + (newEnd.line - end.line), character: pos.character };
}

/** Changes of one edit event, last in the text first (so each range is still valid when applied). */
function ordered(changes: readonly TextChange[]): TextChange[] {
  return [...changes].sort((a, b) => (before(a.range.start, b.range.start) ? 1 : before(b.range.start, a.range.start) ? -1 : 0));
}

/** Maps a position through edit events in order; undefined once any of them replaced it. */
export function mapPosition(pos: Position, events: readonly (readonly TextChange[])[]): Position | undefined {
  let at: Position | undefined = pos;
  for (const changes of events) {
    for (const change of ordered(changes)) {
      at = mapThrough(at, change);
      if (!at) return undefined;
    }
  }
  return at;
}

/** Maps a range; undefined when either end was replaced. */
export function mapRange(range: Range, events: readonly (readonly TextChange[])[]): Range | undefined {
  const start = mapPosition(range.start, events);
  const end = start && mapPosition(range.end, events);
  return start && end ? { start, end } : undefined;
}

/**
 * A line number after the edits, or undefined when the line was replaced. The line's end is
 * what is mapped: Enter at its start moves it down, Enter at its end does not.
 */
export function mapLine(line: number, lineLength: number, events: readonly (readonly TextChange[])[]): number | undefined {
  return mapPosition({ line, character: lineLength }, events)?.line;
}
