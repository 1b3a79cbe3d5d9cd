// Go to Definition: the statement that assigns the name under the cursor.
import type { NoteResult, Position, Range, StatementResult } from '../engine/types';
import { inDlCalcCode, visibleAssignments } from './lookup';
import { atOrBefore, nameAt, type NoteText } from './text';

/** Where a name used at `pos` is defined: the last definition before it, else the first after. */
export function definitionOf(result: NoteResult, name: string, pos: Position): StatementResult | undefined {
  const defs = visibleAssignments(result, pos).filter((s) => s.assigns === name);
  const earlier = defs.filter((s) => s.range.start.line < pos.line || (s.range.start.line === pos.line && s.range.start.character < pos.character));
  // On the defining statement's own name: that statement.
  const own = defs.find((s) => s.range.start.line === pos.line && s.range.start.character <= pos.character && pos.character <= s.range.start.character + name.length);
  if (own) return own;
  const strictlyBefore = earlier.filter((s) => atOrBefore(s.range.end, pos) || s.range.end.line < pos.line);
  return strictlyBefore.pop() ?? earlier.pop() ?? defs[0];
}

/** Range of the assigned name at the start of its statement. */
export function nameRange(s: StatementResult): Range {
  const { line, character } = s.range.start;
  return { start: { line, character }, end: { line, character: character + (s.assigns ?? '').length } };
}

/** Is the word at `range` the assigned name of statement `s` (its left-hand side)? */
export function isOwnName(s: StatementResult, word: string, range: Range): boolean {
  return s.assigns === word && range.start.line === s.range.start.line && range.start.character === s.range.start.character;
}

/** The range to jump to for the name at `pos`, or undefined outside dl-calc code or for an unknown name. */
export function definitionAt(result: NoteResult, text: NoteText, pos: Position): Range | undefined {
  if (!inDlCalcCode(result, pos, text)) return undefined;
  const word = nameAt(text, pos);
  if (!word) return undefined;
  const def = definitionOf(result, word.name, pos);
  return def ? nameRange(def) : undefined;
}
