// Quick fix for "full-width ＜: use <" (and "full-width ，: use ; between statements"):
// replaces the mark with its ASCII twin, one undoable edit the user picks (Ctrl+.).
import * as vscode from 'vscode';

const MESSAGE = /^full-width (.): use (\S+)/u;

class FullWidthFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== 'dl-calc') continue;
      const m = MESSAGE.exec(d.message);
      if (!m || document.getText(d.range) !== m[1]) continue;
      const action = new vscode.CodeAction(vscode.l10n.t('Replace {0} with {1}', m[1], m[2]), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, d.range, m[2]);
      action.diagnostics = [d];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}

export function registerFullWidthFix(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new FullWidthFix(), { providedCodeActionKinds: FullWidthFix.kinds });
}
