// The block lenses of src/features/codeLens.ts, on the fence lines of today's text (NoteView).
import * as vscode from 'vscode';
import { blockLenses } from '../features/codeLens';
import type { NoteService } from './noteService';
import type { NoteView } from './view';

export function registerCodeLens(notes: NoteService, view: NoteView): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      const note = view.current(document);
      if (!note) return [];
      return blockLenses(note.result, document.uri.toString(), (line) => view.line(note, line), document.lineCount).map((l) => {
        const range = new vscode.Range(l.line, 0, l.line, 0);
        return new vscode.CodeLens(range, { title: l.title, tooltip: l.tooltip, command: l.command?.id ?? '', arguments: l.command ? [...l.command.arguments] : undefined });
      });
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, provider),
    notes.onDidEvaluate(() => changed.fire()),
    notes.onDidForget(() => changed.fire()),
  );
}
