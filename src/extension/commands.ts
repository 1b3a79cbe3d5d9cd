// Commands (category "dl-calc"). They start the service on demand, so they work before
// any note has been seen.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportActions, htmlPathFor, type ExportAction } from '../features/exportActions';
import type { Derivation } from '../engine/types';
import { alignedTexOf, statementsToDerive } from '../features/derivationText';
import { disposeDerivationPanel, showDerivationPanel } from './derivationView';
import { isMarkdown } from './detect';
import { statementAt } from '../features/lookup';
import type { NoteService } from './noteService';
import { engineSettings } from './config';
import { applyRecords } from './record';
import { levelHolding } from '../features/settingTarget';
import { loadRender } from './renderLoader';
import { mathMacros } from './markdownMath';
import type { Session } from './session';
import { noteImageSource } from './noteImages';
import { renderWithImages } from '../engine/render/images';

function noteEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isMarkdown(editor.document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('dl-calc: open a Markdown note first.'));
    return undefined;
  }
  return editor;
}

function findDocument(uri: string | vscode.Uri | undefined): vscode.TextDocument | undefined {
  if (!uri) return vscode.window.activeTextEditor?.document;
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** The note's result for its current version (evaluating now if it is stale). */
async function freshResult(notes: NoteService, document: vscode.TextDocument) {
  const result = notes.result(document.uri);
  if (result && result.version === document.version) return result;
  return (await notes.evaluate(document)) ?? notes.result(document.uri);
}

async function record(session: Session, uri: string | undefined, block: number | undefined): Promise<number> {
  const document = findDocument(uri);
  if (!document) return 0;
  const result = await freshResult(session.start().notes, document);
  if (!result) return 0;
  const n = await applyRecords(document, result, block);
  if (n === 0) void vscode.window.setStatusBarMessage(vscode.l10n.t('dl-calc: results already recorded'), 3000);
  return n;
}

async function copyDerivations(session: Session, uri: string | undefined, block: number | undefined): Promise<string | undefined> {
  const document = findDocument(uri);
  if (!document) return undefined;
  const { notes } = session.start();
  const result = await freshResult(notes, document);
  if (!result) return undefined;
  const derivations: Derivation[] = [];
  for (const index of statementsToDerive(result, block)) {
    const d = await notes.derivation(document.uri, index);
    if (d) derivations.push(d);
  }
  if (derivations.length === 0) return undefined;
  const tex = alignedTexOf(derivations);
  await vscode.env.clipboard.writeText(tex);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('dl-calc: copied {count} derivations as LaTeX', { count: derivations.length }), 3000);
  return tex;
}

async function showDerivation(session: Session, uri?: string, index?: number): Promise<boolean> {
  const document = findDocument(uri);
  if (!document) return false;
  const { notes } = session.start();
  const result = await freshResult(notes, document);
  if (!result) return false;
  let statement = index !== undefined ? result.statements[index] : undefined;
  if (!statement) {
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document === document) statement = statementAt(result, editor.selection.active);
  }
  if (!statement) {
    void vscode.window.showInformationMessage(vscode.l10n.t('dl-calc: put the cursor on a statement to see its derivation.'));
    return false;
  }
  const derivation = await notes.derivation(document.uri, statement.index);
  if (!derivation) {
    void vscode.window.showInformationMessage(vscode.l10n.t('dl-calc: this statement has no derivation (it failed).'));
    return false;
  }
  showDerivationPanel(session.context.extensionUri, statement, derivation, path.basename(document.uri.path));
  return true;
}

/** Test-only arguments of Export Note as HTML: no dialogs. */
export interface ExportOptions {
  /** The note (default: the active editor's). */
  readonly uri?: string;
  /** Where to write, skipping the save dialog. */
  readonly target?: string;
  /** Offer to open the file afterwards (default true without a target). */
  readonly offerOpen?: boolean;
}

/** Renders the note to one self-contained HTML file; resolves with the file written. */
async function exportHtml(session: Session, options: ExportOptions = {}): Promise<string | undefined> {
  // From the explorer's context menu the note may not be open yet.
  const document = findDocument(options.uri) ?? (options.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(options.uri)).then((d) => d, () => undefined) : undefined);
  if (!document || !isMarkdown(document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('dl-calc: open a Markdown note to export it.'));
    return undefined;
  }
  const { notes } = session.start();
  const isFile = document.uri.scheme === 'file';
  const notePath = document.uri.fsPath;
  let target: vscode.Uri | undefined;
  if (options.target) target = vscode.Uri.file(options.target);
  else {
    // Default: next to the note, same name, .html.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const defaultUri = isFile ? vscode.Uri.file(htmlPathFor(notePath)) : folder && vscode.Uri.joinPath(folder, 'note.html');
    target = await vscode.window.showSaveDialog({ defaultUri, filters: { HTML: ['html'] }, title: vscode.l10n.t('Export note as HTML') });
  }
  if (!target) return undefined;
  const text = document.getText();
  // Its own key in the worker, so the export never supersedes the editor's evaluation.
  const key = `${document.uri.toString()}#export`;
  const html = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('dl-calc: exporting note as HTML…') }, async () => {
    try {
      const results = await notes.client.evaluate({ uri: key, version: document.version, text }, engineSettings(session.config.for(document.uri)), true);
      const { renderNoteToHtml } = loadRender();
      const macros = mathMacros(document.uri);
      // Images inside the note's folder are embedded, from the disk or the workspace's file system (the web).
      const images = noteImageSource(document.uri);
      return renderWithImages(images, (readImage) => renderNoteToHtml(text, { results, baseDir: images?.baseDir, readImage, macros: { ...macros } }));
    } finally {
      notes.client.forget(key);
    }
  });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
  if (options.offerOpen ?? !options.target) {
    // Only what works here: no "Open in Browser" in a remote or web window (exportActions.ts).
    const labels: Record<ExportAction, string> = {
      openInBrowser: vscode.l10n.t('Open in Browser'),
      revealInExplorer: vscode.l10n.t('Reveal in Explorer'),
      openAsText: vscode.l10n.t('Open as Text'),
    };
    const actions = exportActions({ remoteName: vscode.env.remoteName, web: vscode.env.uiKind === vscode.UIKind.Web, scheme: target.scheme });
    void vscode.window.showInformationMessage(vscode.l10n.t('dl-calc: exported {file}', { file: path.basename(target.fsPath) }), ...actions.map((a) => labels[a])).then((choice) => {
      const action = actions.find((a) => labels[a] === choice);
      if (action === 'openInBrowser') void vscode.env.openExternal(target);
      else if (action === 'revealInExplorer') void vscode.commands.executeCommand('revealInExplorer', target);
      else if (action === 'openAsText') void vscode.window.showTextDocument(target);
    });
  }
  return target.fsPath;
}

export function registerCommands(session: Session): vscode.Disposable {
  const reg = vscode.commands.registerCommand;
  return vscode.Disposable.from(
    reg('dlCalc.reevaluate', async () => {
      const editor = noteEditor();
      if (!editor) return undefined;
      const { notes } = session.start();
      notes.client.forget(editor.document.uri.toString());
      return notes.evaluate(editor.document);
    }),
    reg('dlCalc.recordResults', () => {
      const editor = noteEditor();
      return editor ? record(session, editor.document.uri.toString(), undefined) : 0;
    }),
    reg('dlCalc.recordBlockResults', (uri?: string, block?: number) => record(session, uri, block)),
    reg('dlCalc.copyDerivations', (uri?: string, block?: number) => copyDerivations(session, uri, block)),
    reg('dlCalc.toggleInlineResults', async () => {
      // The active note's value, written where it is set (folder, workspace or user).
      const resource = vscode.window.activeTextEditor?.document.uri;
      const config = vscode.workspace.getConfiguration('dlCalc', resource ?? null);
      const next = !config.get<boolean>('inlineResults.enabled');
      const level = levelHolding(config.inspect('inlineResults.enabled'));
      const target = { workspaceFolder: vscode.ConfigurationTarget.WorkspaceFolder, workspace: vscode.ConfigurationTarget.Workspace, global: vscode.ConfigurationTarget.Global }[level];
      await config.update('inlineResults.enabled', next, target);
      void vscode.window.setStatusBarMessage(next ? vscode.l10n.t('dl-calc: inline results on') : vscode.l10n.t('dl-calc: inline results off'), 3000);
      return next;
    }),
    reg('dlCalc.insertBlock', async () => {
      const editor = noteEditor();
      if (!editor) return false;
      const atLineStart = editor.selection.active.character === 0;
      const snippet = new vscode.SnippetString(`${atLineStart ? '' : '\n'}\`\`\`dl-calc\n\${1:x = 1}\n\`\`\`\n$0`);
      return editor.insertSnippet(snippet);
    }),
    reg('dlCalc.showDerivation', (uri?: string, index?: number) => showDerivation(session, uri, index)),
    reg('dlCalc.exportHtml', (options?: ExportOptions) => exportHtml(session, options && typeof options === 'object' && !(options instanceof vscode.Uri) ? options : { uri: options?.toString() })),
    { dispose: disposeDerivationPanel },
  );
}
