// "Record results" applied: the edits of src/features/record.ts as one undoable edit.
import * as vscode from 'vscode';
import type { NoteResult } from '../engine/types';
import { recordEdits } from '../features/record';
import { textOf, toRange } from './convert';

/** Applies the records of a block (or the note) as one undoable edit; returns how many lines changed. */
export async function applyRecords(document: vscode.TextDocument, result: NoteResult, block?: number): Promise<number> {
  const edits = recordEdits(textOf(document), result, block);
  if (edits.length === 0) return 0;
  const edit = new vscode.WorkspaceEdit();
  edit.set(
    document.uri,
    edits.map((e) => vscode.TextEdit.replace(toRange(e.range), e.newText)),
  );
  const ok = await vscode.workspace.applyEdit(edit);
  return ok ? edits.length : 0;
}
