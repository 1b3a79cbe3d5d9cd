// The active note's summary in the status bar (✓ 12 ✗ 1); a click opens Problems.
import * as vscode from 'vscode';
import type { NoteSummary } from '../engine/types';
import type { NoteService } from './noteService';

export function summaryText(s: NoteSummary): string {
  const parts: string[] = [];
  if (s.statements) {
    parts.push(`✓ ${s.passed}`, `✗ ${s.failed}`);
    if (s.errors) parts.push(`⚠ ${s.errors}`);
  }
  const chains = (s.chainsVerified ?? 0) + (s.chainsFailed ?? 0);
  if (chains) parts.push(`${s.statements ? '· ' : ''}LaTeX ✓ ${s.chainsVerified}${s.chainsFailed ? ` ✗ ${s.chainsFailed}` : ''}`);
  return `dl-calc ${parts.join(' ')}`;
}

export function summaryTooltip(s: NoteSummary): string {
  const lines: string[] = [];
  if (s.statements) lines.push(vscode.l10n.t('dl-calc: {statements} statements · {passed} checks passed · {failed} failed · {errors} errors', { statements: s.statements, passed: s.passed, failed: s.failed, errors: s.errors }));
  if (s.chainsVerified || s.chainsFailed) lines.push(vscode.l10n.t('Hand calculations in LaTeX: {verified} verified · {wrong} with a wrong result', { verified: s.chainsVerified, wrong: s.chainsFailed }));
  lines.push(vscode.l10n.t('Click to open Problems'));
  return lines.join('\n');
}

export function registerStatusBar(notes: NoteService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('dlCalc.summary', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('dl-calc summary');
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const result = editor && notes.result(editor.document.uri);
    if (!result || (result.summary.statements === 0 && !result.summary.chainsVerified && !result.summary.chainsFailed)) {
      item.hide();
      return;
    }
    const s = result.summary;
    item.text = summaryText(s);
    item.tooltip = summaryTooltip(s);
    item.backgroundColor = s.errors || s.failed || s.chainsFailed ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
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
