// The active note's summary (src/features/statusBar.ts) in the status bar; a click opens Problems.
import * as vscode from 'vscode';
import { statusBarState } from '../features/statusBar';
import type { NoteService } from './noteService';

export function registerStatusBar(notes: NoteService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('dlCalc.summary', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('dl-calc summary');
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const state = statusBarState(editor && notes.result(editor.document.uri)?.summary);
    if (!state) return item.hide();
    item.text = state.text;
    item.tooltip = state.tooltip;
    item.backgroundColor = state.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  update();
  return vscode.Disposable.from(item, vscode.window.onDidChangeActiveTextEditor(update), notes.onDidEvaluate(update), notes.onDidForget(update));
}
