// The LaTeX hand-calculation hover and quick fixes (src/features/latexChecks.ts) in VS Code.
import * as vscode from 'vscode';
import { chainHoverAt, latexQuickFixes } from '../features/latexChecks';
import { fromPosition, fromRange, textOf, toMarkdownString, toRange } from './convert';
import type { NoteService } from './noteService';

export function registerLatexChecks(notes: NoteService): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: 'markdown' };
  const kinds = [vscode.CodeActionKind.QuickFix];
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(selector, {
      provideHover(document, position) {
        const result = notes.result(document.uri);
        const hover = result && chainHoverAt(result, document.version, fromPosition(position));
        return hover ? new vscode.Hover(toMarkdownString(hover.markdown, { icons: true }), toRange(hover.range)) : undefined;
      },
    }),
    vscode.languages.registerCodeActionsProvider(
      selector,
      {
        provideCodeActions(document, range, context) {
          const result = notes.result(document.uri);
          if (!result) return [];
          const diagnostics = context.diagnostics.filter((d) => d.source === 'dl-calc' && d.code === 'latex');
          const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
          const fixes = latexQuickFixes(result, document.version, textOf(document), fromRange(range), diagnostics.map((d) => fromRange(d.range)), eol);
          return fixes.map((fix) => {
            const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            action.edit = new vscode.WorkspaceEdit();
            action.edit.replace(document.uri, toRange(fix.edit.range), fix.edit.newText);
            const diagnostic = fix.fixes && diagnostics.find((d) => d.range.isEqual(toRange(fix.fixes!)));
            if (diagnostic) action.diagnostics = [diagnostic];
            if (fix.preferred) action.isPreferred = true;
            return action;
          });
        },
      },
      { providedCodeActionKinds: kinds },
    ),
  );
}
