// Between VS Code's types and the plain data of src/features: positions, ranges, the
// document's text and markdown parts. Every adapter translates through here.
import * as vscode from 'vscode';
import type { Markdown } from '../features/markdown';
import type { NoteText, Position, Range } from '../features/text';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toPosition(p: Position): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function fromPosition(p: vscode.Position): Position {
  return { line: p.line, character: p.character };
}

export function fromRange(r: vscode.Range): Range {
  return { start: fromPosition(r.start), end: fromPosition(r.end) };
}

/** The document's text as the features read it (lines on demand, no copy). */
export function textOf(document: vscode.TextDocument): NoteText {
  return { lineCount: document.lineCount, lineAt: (line) => (line >= 0 && line < document.lineCount ? document.lineAt(line).text : '') };
}

/** Markdown parts appended to a MarkdownString (theme icons such as $(pass) on when asked). */
export function toMarkdownString(parts: Markdown, options: { icons?: boolean; html?: boolean; commands?: readonly string[] } = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, options.icons);
  if (options.html) md.supportHtml = true;
  if (options.commands) md.isTrusted = { enabledCommands: [...options.commands] };
  for (const p of parts) {
    if ('text' in p) md.appendText(p.text);
    else if ('markdown' in p) md.appendMarkdown(p.markdown);
    else md.appendCodeblock(p.code, p.language);
  }
  return md;
}
