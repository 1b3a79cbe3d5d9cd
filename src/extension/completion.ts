// Completion, signature help and Go to Definition inside dl-calc code (src/features/
// completion.ts, signatureHelp.ts, definition.ts compute them). Every letter is a trigger
// character: Markdown turns quick suggestions off, and VS Code reads that setting for the
// document's language, not the embedded one.
import * as vscode from 'vscode';
import { completionsAt, type CompletionEntry } from '../features/completion';
import { definitionAt } from '../features/definition';
import { signatureHelpAt } from '../features/signatureHelp';
import { fromPosition, textOf, toMarkdownString, toRange } from './convert';
import type { NoteService } from './noteService';

const SELECTOR: vscode.DocumentSelector = { language: 'markdown' };
/** Letters and `_` open the suggestions; outside dl-calc code the provider answers nothing. */
const TRIGGERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'];
const KIND = { variable: vscode.CompletionItemKind.Variable, function: vscode.CompletionItemKind.Function, constant: vscode.CompletionItemKind.Constant };

function toItem(e: CompletionEntry): vscode.CompletionItem {
  const label = e.labelDetail !== undefined || e.description !== undefined ? { label: e.label, detail: e.labelDetail, description: e.description } : e.label;
  const item = new vscode.CompletionItem(label, KIND[e.kind]);
  item.detail = e.detail;
  if (e.documentation) item.documentation = toMarkdownString(e.documentation);
  if (e.snippet) item.insertText = new vscode.SnippetString(e.snippet);
  if (e.triggerSignatureHelp) item.command = { command: 'editor.action.triggerParameterHints', title: 'Signature help' };
  item.sortText = e.sortText;
  return item;
}

export function registerCompletion(notes: NoteService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        provideCompletionItems(document, position) {
          const result = notes.result(document.uri);
          return result && completionsAt(result, textOf(document), fromPosition(position))?.map(toItem);
        },
      },
      ...TRIGGERS,
    ),
    vscode.languages.registerSignatureHelpProvider(
      SELECTOR,
      {
        provideSignatureHelp(document, position) {
          const result = notes.result(document.uri);
          const data = result && signatureHelpAt(result, textOf(document), fromPosition(position));
          if (!data) return undefined;
          const sig = new vscode.SignatureInformation(data.label, toMarkdownString(data.documentation));
          sig.parameters = data.parameters.map((p) => new vscode.ParameterInformation(p));
          const help = new vscode.SignatureHelp();
          help.signatures = [sig];
          help.activeSignature = 0;
          help.activeParameter = data.activeParameter;
          return help;
        },
      },
      { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
    ),
    vscode.languages.registerDefinitionProvider(SELECTOR, {
      provideDefinition(document, position) {
        const result = notes.result(document.uri);
        const range = result && definitionAt(result, textOf(document), fromPosition(position));
        return range ? new vscode.Location(document.uri, toRange(range)) : undefined;
      },
    }),
  );
}
