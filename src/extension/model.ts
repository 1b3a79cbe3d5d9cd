// Questions features ask of a note's last result: which statement is here, which word,
// which names are in scope, where a name is defined.
import * as vscode from 'vscode';
import type { Block, NoteResult, StatementResult } from '../engine/types';

/** A dl-calc name: letters (Latin, Greek, CJK), digits and `_`, not starting with a digit. */
export const NAME = /[\p{L}_][\p{L}\p{N}_]*/u;
export const NAME_GLOBAL = /[\p{L}_][\p{L}\p{N}_]*/gu;

export function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** The block whose fence contains the position (content lines only). */
export function blockAt(result: NoteResult, pos: vscode.Position): Block | undefined {
  return result.blocks.find((b) => pos.line > b.range.start.line && (pos.line < b.range.end.line || (pos.line === b.range.end.line && !isFenceLine(b, pos.line))));
}

function isFenceLine(b: Block, line: number): boolean {
  return !b.lines.some((l) => l.line === line);
}

/** The statement at a position: one whose range contains it, else the only one on its line. */
export function statementAt(result: NoteResult, pos: vscode.Position): StatementResult | undefined {
  const containing = result.statements.filter((s) => before(s.range.start, pos) && before(pos, s.range.end));
  if (containing.length) return containing[containing.length - 1];
  const onLine = result.statements.filter((s) => !s.inline && s.range.start.line <= pos.line && pos.line <= s.range.end.line);
  if (onLine.length === 0) return undefined;
  // Past the end of the line's last statement (e.g. on its `#` comment): that statement.
  return onLine.filter((s) => before(s.range.start, pos)).pop() ?? onLine[0];
}

/** Is the position inside dl-calc code: a block's content or an inline `= expr` span? */
export function inDlCalcCode(result: NoteResult, pos: vscode.Position, document: vscode.TextDocument): boolean {
  const block = blockAt(result, pos);
  if (block) return block.lines.some((l) => l.line === pos.line);
  // Inline span: an open back-tick followed by `=` before the cursor on this line.
  const text = document.lineAt(pos.line).text.slice(0, pos.character);
  const ticks = [...text.matchAll(/`/g)].length;
  return ticks % 2 === 1 && /`[ \t]*=[^`]*$/.test(text);
}

/** Statements whose names are visible at a position (scope rules of the language, §3). */
export function visibleAssignments(result: NoteResult, pos: vscode.Position): StatementResult[] {
  const block = blockAt(result, pos);
  const isolated = (index: number) => index >= 0 && result.blocks[index]?.options.isolated === true;
  return result.statements.filter((s) => {
    if (!s.assigns || s.kind === 'error') return false;
    if (block && block.options.isolated) return s.block === block.index;
    return !isolated(s.block);
  });
}

/** Names in scope at a position: the latest definition before it wins. */
export function namesInScope(result: NoteResult, pos: vscode.Position): Map<string, StatementResult> {
  const names = new Map<string, StatementResult>();
  for (const s of visibleAssignments(result, pos)) if (before(s.range.end, pos) || s.range.end.line < pos.line) names.set(s.assigns!, s);
  return names;
}

/** Where a name used at `pos` is defined: the last definition before it, else the first after. */
export function definitionOf(result: NoteResult, name: string, pos: vscode.Position): StatementResult | undefined {
  const defs = visibleAssignments(result, pos).filter((s) => s.assigns === name);
  const earlier = defs.filter((s) => s.range.start.line < pos.line || (s.range.start.line === pos.line && s.range.start.character < pos.character));
  // On the defining statement's own name: that statement.
  const own = defs.find((s) => s.range.start.line === pos.line && s.range.start.character <= pos.character && pos.character <= s.range.start.character + name.length);
  if (own) return own;
  const strictlyBefore = earlier.filter((s) => before(s.range.end, pos) || s.range.end.line < pos.line);
  return strictlyBefore.pop() ?? earlier.pop() ?? defs[0];
}

/** Range of the assigned name at the start of its statement. */
export function nameRange(s: StatementResult): vscode.Range {
  const start = new vscode.Position(s.range.start.line, s.range.start.character);
  return new vscode.Range(start, start.translate(0, (s.assigns ?? '').length));
}

/** Is the word at `range` the assigned name of statement `s` (its left-hand side)? */
export function isOwnName(s: StatementResult, word: string, range: vscode.Range): boolean {
  return s.assigns === word && range.start.line === s.range.start.line && range.start.character === s.range.start.character;
}
