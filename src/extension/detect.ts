// Does a Markdown note have anything for dl-calc to do? Used before anything is started:
// a cheap text test first, then markdown-it's own parse (the same one the engine uses),
// loaded only when the text test passes.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as vscode from 'vscode';

/** A fence whose info starts with dl-calc, or an inline code span starting with `=`. */
const MAYBE = /(`{3,}|~{3,})[ \t]*dl-calc|`[ \t]*=/;

export function mayHaveDlCalc(text: string): boolean {
  return MAYBE.test(text);
}

export function hasDlCalcContent(text: string): boolean {
  if (!mayHaveDlCalc(text)) return false;
  const { parseNote } = require('../engine/blocks') as typeof import('../engine/blocks');
  const note = parseNote(text);
  return note.blocks.length > 0 || note.inlines.length > 0;
}

export function isMarkdown(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && doc.uri.scheme !== 'git' && doc.uri.scheme !== 'output';
}
