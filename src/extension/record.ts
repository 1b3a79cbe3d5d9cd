// "Record results": writes or updates the `#= value` comment after each statement, so the
// note keeps its numbers readable on any Markdown viewer and a stale number fails loudly.
import * as vscode from 'vscode';
import type { NoteResult, StatementResult, ValueView } from '../engine/types';

/** A value written back as dl-calc source that the engine reads as the same value. */
export function recordText(view: ValueView | undefined, actual?: string): string | undefined {
  const text = actual ?? view?.short;
  if (!text || !view) return undefined;
  switch (view.type) {
    case 'number': {
      const plain = text.replace(/,/g, '');
      return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain) ? plain : undefined;
    }
    case 'matrix': {
      const full = (actual ?? view.full).replace(/^\([^)]*\)\s*/, '');
      return full.includes('…') ? undefined : full.replace(/(\d),(\d{3})/g, '$1$2');
    }
    case 'unit':
    case 'boolean':
      return text;
    default:
      return undefined;
  }
}

/** Is `s` the last statement that ends on its line? (Only those get a record.) */
function lastOnLine(result: NoteResult, s: StatementResult): boolean {
  return !result.statements.some((o) => o !== s && !o.inline && o.range.start.line === s.range.end.line && o.range.start.character > s.range.start.character);
}

/** Edits that write each statement's record; `block` limits them to one block. */
export function recordEdits(document: vscode.TextDocument, result: NoteResult, block?: number): vscode.TextEdit[] {
  const edits: vscode.TextEdit[] = [];
  for (const s of result.statements) {
    if (s.inline || (block !== undefined && s.block !== block) || s.kind === 'error') continue;
    if (!lastOnLine(result, s) || s.range.end.line >= document.lineCount) continue;
    const line = document.lineAt(s.range.end.line).text;
    const tail = line.slice(s.range.end.character);
    const hash = tail.indexOf('#');
    const hasRecord = hash >= 0 && tail.startsWith('#=', hash);
    if (hash >= 0 && !hasRecord) continue; // a plain comment: leave the line alone
    let value: string | undefined;
    if (s.kind === 'value') value = recordText(s.value);
    else if (hasRecord && s.check) value = recordText(s.value, s.value?.short ?? s.check.actual);
    if (!value) continue;
    if (hasRecord) {
      const at = s.range.end.character + hash;
      const current = line.slice(at);
      const wanted = `#= ${value}`;
      if (current.trimEnd() !== wanted) edits.push(vscode.TextEdit.replace(new vscode.Range(s.range.end.line, at, s.range.end.line, line.length), wanted));
    } else {
      const trimmedEnd = line.trimEnd().length;
      edits.push(vscode.TextEdit.replace(new vscode.Range(s.range.end.line, trimmedEnd, s.range.end.line, line.length), ` #= ${value}`));
    }
  }
  return edits;
}

/** Applies the records of a block (or the note) as one undoable edit; returns how many lines changed. */
export async function applyRecords(document: vscode.TextDocument, result: NoteResult, block?: number): Promise<number> {
  const edits = recordEdits(document, result, block);
  if (edits.length === 0) return 0;
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, edits);
  const ok = await vscode.workspace.applyEdit(edit);
  return ok ? edits.length : 0;
}
