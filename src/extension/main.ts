// Activation does almost nothing: it registers the commands and watches for a Markdown
// note with a dl-calc block or an inline `= expr`; only then does it start the worker and
// the features (session.start()). Never activated with "*".
import { loadStarted } from './loadClock';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { useBundle } from '../engine/messages';
import { hasContent, mayHaveContent } from '../features/detect';
import { isMarkdown } from './detect';
import type MarkdownIt from 'markdown-it';
import { extendMarkdownIt } from './preview';
import { registerMathSettingsReload } from './markdownMath';
import { Session } from './session';
import { createTestApi, type DlCalcApi } from './testHook';
import { registerWalkthrough } from './walkthrough';

/** The extension's exports: VS Code's Markdown preview calls `extendMarkdownIt`; tests read the rest. */
export interface DlCalcExports extends DlCalcApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export function activate(context: vscode.ExtensionContext): DlCalcExports {
  const t0 = performance.now();
  // The engine's messages (here, in the renderer and in the worker) in VS Code's display language.
  useBundle(vscode.l10n.bundle as Record<string, string> | undefined);
  const session = new Session(context);
  context.subscriptions.push(session, registerCommands(session), registerWalkthrough(context.extensionUri), registerMathSettingsReload());

  let pending: NodeJS.Timeout | undefined;
  const consider = (doc: vscode.TextDocument) => {
    if (session.started || !isMarkdown(doc)) return;
    const latex = session.config.for(doc.uri).latexChecksEnabled;
    if (!mayHaveContent(doc.getText(), latex)) return;
    if (hasContent(doc.getText(), latex)) {
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
    // Turning LaTeX checks back on makes math-only notes worth starting for.
    session.config.onDidChange(() => {
      if (!session.started) considerAll();
    }),
    { dispose: () => clearTimeout(pending) },
  );
  context.subscriptions.push(watchers);
  // Look at the notes already open after activate() returns, not during it.
  pending = setTimeout(considerAll, 0);

  const end = performance.now();
  return {
    ...createTestApi(session, { activationMs: end - t0, loadAndActivateMs: end - loadStarted }),
    extendMarkdownIt: (md: MarkdownIt) => extendMarkdownIt(md, session.preview),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions, disposed by VS Code.
}
