// Questions every feature asks of a note's last run: which block and statement are at a
// position, is the position in dl-calc code, which names are in scope there.
import type { Block, NoteResult, Position, StatementResult } from '../engine/types';
import { atOrBefore, type NoteText } from './text';

/** The block whose fence contains the position (content lines only). */
export function blockAt(result: NoteResult, pos: Position): Block | undefined {
  return result.blocks.find((b) => pos.line > b.range.start.line && (pos.line < b.range.end.line || (pos.line === b.range.end.line && !isFenceLine(b, pos.line))));
}

function isFenceLine(b: Block, line: number): boolean {
  return !b.lines.some((l) => l.line === line);
}

/** The statement at a position: one whose range contains it, else the only one on its line. */
export function statementAt(result: NoteResult, pos: Position): StatementResult | undefined {
  const containing = result.statements.filter((s) => atOrBefore(s.range.start, pos) && atOrBefore(pos, s.range.end));
  if (containing.length) return containing[containing.length - 1];
  const onLine = result.statements.filter((s) => !s.inline && s.range.start.line <= pos.line && pos.line <= s.range.end.line);
  if (onLine.length === 0) return undefined;
  // Past the end of the line's last statement (e.g. on its `#` comment): that statement.
  return onLine.filter((s) => atOrBefore(s.range.start, pos)).pop() ?? onLine[0];
}

/** Is the position inside dl-calc code: a block's content or an inline `= expr` span? */
export function inDlCalcCode(result: NoteResult, pos: Position, text: NoteText): boolean {
  const block = blockAt(result, pos);
  if (block) return block.lines.some((l) => l.line === pos.line);
  // Inline span: an open back-tick followed by `=` before the cursor on this line.
  const before = text.lineAt(pos.line).slice(0, pos.character);
  const ticks = [...before.matchAll(/`/g)].length;
  return ticks % 2 === 1 && /`[ \t]*=[^`]*$/.test(before);
}

/** Statements whose names are visible at a position (scope rules of the language, §3). */
export function visibleAssignments(result: NoteResult, pos: Position): StatementResult[] {
  const block = blockAt(result, pos);
  const isolated = (index: number) => index >= 0 && result.blocks[index]?.options.isolated === true;
  return result.statements.filter((s) => {
    if (!s.assigns || s.kind === 'error') return false;
    if (block && block.options.isolated) return s.block === block.index;
    return !isolated(s.block);
  });
}

/** Names in scope at a position: the latest definition before it wins. */
export function namesInScope(result: NoteResult, pos: Position): Map<string, StatementResult> {
  const names = new Map<string, StatementResult>();
  for (const s of visibleAssignments(result, pos)) if (atOrBefore(s.range.end, pos) || s.range.end.line < pos.line) names.set(s.assigns!, s);
  return names;
}
