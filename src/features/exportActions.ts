// What to offer after "Export Note as HTML": only what works where the extension runs. A
// local desktop window can hand the file to the system's browser; in a remote window (SSH,
// container, WSL, Codespaces) or in VS Code for the Web the file is on another machine than
// the browser, so "Open in Browser" would do nothing: there the file is revealed in the
// Explorer (from where it can be downloaded) or opened as text.
export type ExportAction = 'openInBrowser' | 'revealInExplorer' | 'openAsText';

export interface WhereWeRun {
  /** vscode.env.remoteName: undefined in a local window. */
  readonly remoteName?: string;
  /** vscode.env.uiKind is Web. */
  readonly web: boolean;
  /** The exported file's URI scheme (file, vscode-remote, vscode-vfs …). */
  readonly scheme: string;
}

export function exportActions(where: WhereWeRun): ExportAction[] {
  const local = !where.web && where.remoteName === undefined && where.scheme === 'file';
  return local ? ['openInBrowser', 'openAsText'] : ['revealInExplorer', 'openAsText'];
}

/** The default file of "Export Note as HTML": next to the note, same name, .html. */
export function htmlPathFor(notePath: string): string {
  return notePath.replace(/\.(md|markdown)$/i, '') + '.html';
}
