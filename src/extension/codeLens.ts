// Above each block: "n values · ✓ k · ✗ m", then "Record results" and "Copy derivations".
import * as vscode from 'vscode';
import type { NoteResult } from '../engine/types';
import { countStatements } from '../engine/summary';
import type { NoteService } from './noteService';
import type { NoteView } from './view';

export function blockSummary(result: NoteResult, block: number): string {
  const { values, passed, failed, errors } = countStatements(result.statements.filter((s) => s.block === block));
  const parts = [values === 1 ? vscode.l10n.t('1 value') : vscode.l10n.t('{count} values', { count: values }), `✓ ${passed}`, `✗ ${failed}`];
  if (errors) parts.push(`⚠ ${errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{count} errors', { count: errors })}`);
  return parts.join(' · ');
}

class BlockLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly view: NoteView) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const note = this.view.current(document);
    if (!note) return [];
    const { result } = note;
    const lenses: vscode.CodeLens[] = [];
    for (const b of result.blocks) {
      // The opening fence where it is now (the run may be older than the text).
      const line = this.view.line(note, b.range.start.line);
      if (line === undefined || line >= document.lineCount) continue;
      const range = new vscode.Range(line, 0, line, 0);
      const uri = document.uri.toString();
      lenses.push(
        new vscode.CodeLens(range, { title: blockSummary(result, b.index), command: '', tooltip: vscode.l10n.t('Statements, passed and failed checks of this block') }),
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('Record results'),
          command: 'dlCalc.recordBlockResults',
          arguments: [uri, b.index],
          tooltip: vscode.l10n.t('Write or update the #= comment after each statement of this block (one undoable edit)'),
        }),
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('Copy derivations'),
          command: 'dlCalc.copyDerivations',
          arguments: [uri, b.index],
          tooltip: vscode.l10n.t("Copy this block's derivations as LaTeX (an aligned environment)"),
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerCodeLens(notes: NoteService, view: NoteView): vscode.Disposable {
  const provider = new BlockLenses(view);
  return vscode.Disposable.from(
    provider,
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, provider),
    notes.onDidEvaluate(() => provider.refresh()),
    notes.onDidForget(() => provider.refresh()),
  );
}
