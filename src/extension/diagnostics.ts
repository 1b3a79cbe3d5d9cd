// Errors and failed checks in the Problems panel, source "dl-calc", at the engine's exact
// ranges (mapped through edits since the run). Replaced on every evaluation (so a fix
// clears them), cleared on close/delete; the error of the statement being typed waits
// until typing pauses or the cursor leaves it (NoteView).
import * as vscode from 'vscode';
import type { EngineDiagnostic } from '../engine/types';
import type { NoteService } from './noteService';
import type { NoteView } from './view';

const SEVERITY: Record<EngineDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(d: EngineDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity] ?? vscode.DiagnosticSeverity.Error);
  diagnostic.source = 'dl-calc';
  diagnostic.code = d.code;
  return diagnostic;
}

export function registerDiagnostics(notes: NoteService, view: NoteView): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('dl-calc');
  return vscode.Disposable.from(
    collection,
    view.onDidChange((document) => collection.set(document.uri, view.diagnostics(document).map(toDiagnostic))),
    notes.onDidForget((uri) => collection.delete(uri)),
  );
}
