// Which documents dl-calc looks at: Markdown, but not the git or output views of it.
// (What a note holds for dl-calc is src/features/detect.ts.)
import type * as vscode from 'vscode';

export function isMarkdown(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && doc.uri.scheme !== 'git' && doc.uri.scheme !== 'output';
}
