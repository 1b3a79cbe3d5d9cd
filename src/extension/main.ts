// Activation does almost nothing: it registers the commands and watches for a Markdown
// note with a dl-calc block or an inline `= expr`; only then does it start the worker and
// the features (session.start()). Never activated with "*".
import { loadStarted } from './loadClock';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { hasDlCalcContent, isMarkdown, mayHaveDlCalc } from './detect';
import { Session } from './session';
import { createTestApi, type DlCalcApi } from './testHook';

export function activate(context: vscode.ExtensionContext): DlCalcApi {
  const t0 = performance.now();
  const session = new Session(context);
  context.subscriptions.push(session, registerCommands(session));

  let pending: NodeJS.Timeout | undefined;
  const consider = (doc: vscode.TextDocument) => {
    if (session.started || !isMarkdown(doc) || !mayHaveDlCalc(doc.getText())) return;
    if (hasDlCalcContent(doc.getText())) {
      session.start();
      watchers.dispose();
    }
  };
  const considerAll = () => {
    pending = undefined;
    for (const editor of vscode.window.visibleTextEditors) consider(editor.document);
    for (const doc of vscode.workspace.textDocuments) consider(doc);
  };
  const watchers = vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument(consider),
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => consider(e.document))),
    vscode.workspace.onDidChangeTextDocument((e) => {
      // Typing the first block into a note: look again once typing pauses.
      if (session.started || !isMarkdown(e.document)) return;
      clearTimeout(pending);
      pending = setTimeout(() => consider(e.document), 300);
    }),
    { dispose: () => clearTimeout(pending) },
  );
  context.subscriptions.push(watchers);
  // Look at the notes already open after activate() returns, not during it.
  pending = setTimeout(considerAll, 0);

  const end = performance.now();
  return createTestApi(session, { activationMs: end - t0, loadAndActivateMs: end - loadStarted });
}

export function deactivate(): void {
  // Everything is in context.subscriptions, disposed by VS Code.
}
