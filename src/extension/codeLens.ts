// Above each block: "n values · ✓ k · ✗ m", then "Record results" and "Copy derivations".
import * as vscode from 'vscode';
import { mapRange } from '../engine/editor/editMap';
import type { NoteResult, StatementResult } from '../engine/types';
import type { NoteService } from './noteService';
import type { NoteView } from './view';

/** The block's counts; `shown` leaves out what the editor does not show now (see NoteView). */
export function blockSummary(result: NoteResult, block: number, shown: (s: StatementResult) => boolean = () => true): string {
  let values = 0;
  let passed = 0;
  let failed = 0;
  let errors = 0;
  for (const s of result.statements) {
    if (s.block !== block || !shown(s)) continue;
    if (s.kind === 'error') errors++;
    else if (s.check?.ok) passed++;
    else if (s.check) failed++;
    else values++;
  }
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
    // Count what the inline results show: a statement replaced since the run, or an error
    // held back (being typed, or of text edited since), is not counted until the next run.
    const held = this.view.heldBack(document, note);
    const shown = (s: StatementResult) => !held(s) && mapRange(s.range, note.edits) !== undefined;
    const lenses: vscode.CodeLens[] = [];
    for (const b of result.blocks) {
      // The opening fence where it is now (the run may be older than the text).
      const line = this.view.line(note, b.range.start.line);
      if (line === undefined || line >= document.lineCount) continue;
      const range = new vscode.Range(line, 0, line, 0);
      const uri = document.uri.toString();
      lenses.push(
        new vscode.CodeLens(range, { title: blockSummary(result, b.index, shown), command: '', tooltip: vscode.l10n.t('Statements, passed and failed checks of this block') }),
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
    // The view changes when a run lands, on every edit and when typing pauses: the counts follow it.
    view.onDidChange(() => provider.refresh()),
    notes.onDidForget(() => provider.refresh()),
  );
}
