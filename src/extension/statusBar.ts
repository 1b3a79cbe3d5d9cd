// The active note's summary in the status bar (✓ 12 ✗ 1); a click opens Problems.
import * as vscode from 'vscode';
import type { NoteSummary } from '../engine/types';
import type { NoteService } from './noteService';

export function summaryText(s: NoteSummary): string {
  const parts = [`✓ ${s.passed}`, `✗ ${s.failed}`];
  if (s.errors) parts.push(`⚠ ${s.errors}`);
  return `dl-calc ${parts.join(' ')}`;
}

export function registerStatusBar(notes: NoteService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('dlCalc.summary', vscode.StatusBarAlignment.Right, 100);
  item.name = 'dl-calc summary';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const result = editor && notes.result(editor.document.uri);
    if (!result || result.summary.statements === 0) {
      item.hide();
      return;
    }
    const s = result.summary;
    item.text = summaryText(s);
    item.tooltip = `dl-calc: ${s.statements} statements · ${s.passed} checks passed · ${s.failed} failed · ${s.errors} errors\nClick to open Problems`;
    item.backgroundColor = s.errors || s.failed ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    notes.onDidEvaluate(update),
    notes.onDidForget(update),
  );
}
