// Completion, signature help and Go to Definition inside dl-calc code (src/features/
// completion.ts, signatureHelp.ts, definition.ts compute them). Suggestions open as one
// types: Markdown turns quick suggestions off, and VS Code reads that setting for the
// document's language, not the embedded one. Letters as trigger characters do not do it
// (VS Code ignores a trigger character typed at the end of a word, leaving that to quick
// suggestions), so a letter of a name typed in dl-calc code runs Trigger Suggest in its
// automatic mode, the one quick suggestions use.
import * as vscode from 'vscode';
import { completionsAt, opensSuggestions, type CompletionEntry } from '../features/completion';
import { definitionAt } from '../features/definition';
import { signatureHelpAt } from '../features/signatureHelp';
import { fromPosition, textOf, toMarkdownString, toRange } from './convert';
import type { NoteService } from './noteService';

const SELECTOR: vscode.DocumentSelector = { language: 'markdown' };
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

/** After one typed character (not undo, redo or paste) in the active editor: open the suggestions if it starts or continues a name. */
function openSuggestionsWhileTyping(notes: NoteService, e: vscode.TextDocumentChangeEvent): void {
  const editor = vscode.window.activeTextEditor;
  const change = e.contentChanges.length === 1 ? e.contentChanges[0] : undefined;
  if (!change || e.reason !== undefined || change.rangeLength !== 0 || editor?.document !== e.document) return;
  const result = notes.result(e.document.uri);
  const end = change.range.start.translate(0, change.text.length);
  if (!result || !opensSuggestions(result, textOf(e.document), fromPosition(end), change.text)) return;
  if (!vscode.workspace.getConfiguration('editor', e.document).get<boolean>('suggestOnTriggerCharacters', true)) return;
  // A no-op while the suggestions show (the command's precondition).
  void vscode.commands.executeCommand('editor.action.triggerSuggest', { auto: true }).then(undefined, () => undefined);
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
    ),
    vscode.workspace.onDidChangeTextDocument((e) => openSuggestionsWhileTyping(notes, e)),
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
