// Inside dl-calc code: completion of library and mathjs functions and of the names in
// scope at that point, offered as one types (every letter is a trigger character: Markdown
// turns quick suggestions off, and VS Code reads that setting for the document's language,
// not the embedded one); signature help; go to the statement that defines a name.
import * as vscode from 'vscode';
import { inDlCalcFence } from '../engine/editor/fences';
import { functions, signatureLabel, type FunctionInfo } from './functions';
import { definitionOf, inDlCalcCode, NAME, namesInScope, nameRange } from './model';
import type { NoteService } from './noteService';

const SELECTOR: vscode.DocumentSelector = { language: 'markdown' };
/** Letters and `_` open the suggestions; outside dl-calc code the provider answers nothing. */
const TRIGGERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_'];
const CONSTANTS: readonly [string, string][] = [
  ['pi', 'π ≈ 3.14159'],
  ['e', "Euler's number ≈ 2.71828"],
  ['Infinity', 'Positive infinity'],
  ['true', 'Boolean true'],
  ['false', 'Boolean false'],
];

function functionDoc(f: FunctionInfo): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendText(f.summary);
  if (f.definition) md.appendMarkdown('\n\n').appendCodeblock(f.definition, 'text');
  md.appendMarkdown(f.source === 'library' ? '\n\n*dl-calc library*' : '\n\n*mathjs*');
  return md;
}

class Completion implements vscode.CompletionItemProvider {
  constructor(private readonly notes: NoteService) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const result = this.notes.result(document.uri);
    if (!result) return undefined;
    // A block being typed is in no run yet: the fences of today's text decide.
    if (!inDlCalcFence((l) => document.lineAt(l).text, position.line) && !inDlCalcCode(result, position, document)) return undefined;
    const prefix = document.lineAt(position.line).text.slice(0, position.character);
    if (/#[^`]*$/.test(prefix) && !/`[^`]*$/.test(prefix)) return undefined; // in a comment
    const items: vscode.CompletionItem[] = [];
    for (const [name, s] of namesInScope(result, position)) {
      const item = new vscode.CompletionItem({ label: name, description: s.value ? s.value.short : undefined }, vscode.CompletionItemKind.Variable);
      item.detail = `line ${s.range.start.line + 1}: ${s.source}`;
      if (s.value) item.documentation = new vscode.MarkdownString().appendCodeblock(s.value.full, 'text');
      item.sortText = `0${name}`;
      items.push(item);
    }
    for (const f of functions().values()) {
      const item = new vscode.CompletionItem(
        { label: f.name, detail: `(${f.params.map((p) => p.name).join(', ')})`, description: f.source === 'library' ? 'dl-calc' : 'mathjs' },
        vscode.CompletionItemKind.Function,
      );
      item.detail = signatureLabel(f);
      item.documentation = functionDoc(f);
      item.insertText = new vscode.SnippetString(`${f.name}($0)`);
      item.command = { command: 'editor.action.triggerParameterHints', title: 'Signature help' };
      item.sortText = `${f.source === 'library' ? 1 : 2}${f.name}`;
      items.push(item);
    }
    for (const [name, doc] of CONSTANTS) {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Constant);
      item.detail = doc;
      item.sortText = `3${name}`;
      items.push(item);
    }
    return items;
  }
}

/** The innermost unclosed call before the cursor: its name and which argument the cursor is in. */
export function callAt(text: string): { name: string; argument: number } | undefined {
  let depth = 0;
  let argument = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '[' || ch === '{') {
      if (depth === 0) return undefined;
      depth--;
    } else if (ch === '(') {
      if (depth === 0) {
        const m = /([\p{L}_][\p{L}\p{N}_]*)\s*$/u.exec(text.slice(0, i));
        return m ? { name: m[1], argument } : undefined;
      }
      depth--;
    } else if (ch === ',' && depth === 0) argument++;
    else if (ch === '\n' || ch === '`') break;
  }
  return undefined;
}

class Signatures implements vscode.SignatureHelpProvider {
  constructor(private readonly notes: NoteService) {}

  provideSignatureHelp(document: vscode.TextDocument, position: vscode.Position): vscode.SignatureHelp | undefined {
    const result = this.notes.result(document.uri);
    if (!result || !inDlCalcCode(result, position, document)) return undefined;
    // The statement may continue over lines while a bracket is open: look back a few lines.
    const from = new vscode.Position(Math.max(0, position.line - 5), 0);
    const text = document.getText(new vscode.Range(from, position)).split(/\r?\n/);
    const call = callAt(text.map((l, i) => (i < text.length - 1 ? l.replace(/#.*$/, '') : l)).join(' '));
    if (!call) return undefined;
    const f = functions().get(call.name);
    if (!f) return undefined;
    const sig = new vscode.SignatureInformation(signatureLabel(f), functionDoc(f));
    sig.parameters = f.params.map((p) => new vscode.ParameterInformation(p.default !== undefined ? `${p.name}=${p.default}` : p.name));
    const help = new vscode.SignatureHelp();
    help.signatures = [sig];
    help.activeSignature = 0;
    help.activeParameter = Math.min(call.argument, Math.max(0, f.params.length - 1));
    return help;
  }
}

class Definitions implements vscode.DefinitionProvider {
  constructor(private readonly notes: NoteService) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const result = this.notes.result(document.uri);
    if (!result || !inDlCalcCode(result, position, document)) return undefined;
    const range = document.getWordRangeAtPosition(position, NAME);
    if (!range) return undefined;
    const def = definitionOf(result, document.getText(range), position);
    return def ? new vscode.Location(document.uri, nameRange(def)) : undefined;
  }
}

export function registerCompletion(notes: NoteService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(SELECTOR, new Completion(notes), ...TRIGGERS),
    vscode.languages.registerSignatureHelpProvider(SELECTOR, new Signatures(notes), { triggerCharacters: ['(', ','], retriggerCharacters: [','] }),
    vscode.languages.registerDefinitionProvider(SELECTOR, new Definitions(notes)),
  );
}
