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
      // Count what the inline results show: a statement replaced since the run, or an error
      // held back (being typed, or of text edited since), waits for the next run.
      const shown = view.shownStatement(document, note);
      return blockLenses(note.result, document.uri.toString(), (line) => view.line(note, line), document.lineCount, shown).map((l) => {
        const range = new vscode.Range(l.line, 0, l.line, 0);
        return new vscode.CodeLens(range, { title: l.title, tooltip: l.tooltip, command: l.command?.id ?? '', arguments: l.command ? [...l.command.arguments] : undefined });
      });
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, provider),
    // The view changes when a run lands, on every edit and when typing pauses: the counts follow it.
    view.onDidChange(() => changed.fire()),
    notes.onDidForget(() => changed.fire()),
  );
}
