// The full-width quick fix (src/features/fullWidthFix.ts): one undoable edit the user picks (Ctrl+.).
import * as vscode from 'vscode';
import { fullWidthFix } from '../features/fullWidthFix';
import { fromRange, textOf, toRange } from './convert';

export function registerFullWidthFix(): vscode.Disposable {
  const kinds = [vscode.CodeActionKind.QuickFix];
  return vscode.languages.registerCodeActionsProvider(
    { language: 'markdown' },
    {
      provideCodeActions(document, _range, context) {
        const actions: vscode.CodeAction[] = [];
        for (const d of context.diagnostics) {
          const fix = d.source === 'dl-calc' ? fullWidthFix(textOf(document), { message: d.message, range: fromRange(d.range) }) : undefined;
          if (!fix) continue;
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(document.uri, toRange(fix.edit.range), fix.edit.newText);
          action.diagnostics = [d];
          action.isPreferred = true;
          actions.push(action);
        }
        return actions;
      },
    },
    { providedCodeActionKinds: kinds },
  );
}
