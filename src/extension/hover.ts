// Hovers: on a statement, its derivation rendered as math (an SVG image), the full value,
// the check or error, and the statements it depends on; on a library or mathjs function,
// its signature and definition; on a variable, its value and where it is defined.
import * as vscode from 'vscode';
import type { NoteResult, StatementResult } from '../engine/types';
import { alignedTex, alignedText } from './derivationText';
import { functions, signatureLabel, type FunctionInfo } from './functions';
import { svgDataUris } from './mathImages';
import { definitionOf, inDlCalcCode, isOwnName, NAME, statementAt } from './model';
import type { NoteService } from './noteService';
import { say } from '../engine/messages';

function inlineCode(text: string): string {
  const clean = text.replace(/\n/g, ' ');
  return clean.includes('`') ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}

function image(uri: string, alt: string): string {
  // Alt text in markdown image syntax cannot hold ] or newlines.
  return `![${alt.replace(/[[\]\n\\]/g, ' ')}](${uri})`;
}

function valueLine(s: StatementResult): string | undefined {
  if (s.kind === 'error') return `$(error) ${escapeMd(s.error?.message ?? 'error')}`;
  if (s.check) {
    // A comparison's `actual` is already both sides (`2 < 3`); an exact check has no tolerance.
    if (s.check.ok && s.check.style === 'compare') return `$(pass) ${vscode.l10n.t('check passed: {claim}', { claim: escapeMd(s.check.actual) })}`;
    return s.check.ok
      ? `$(pass) ${vscode.l10n.t('check passed: {actual} ≈ {expected}', { actual: escapeMd(s.check.actual), expected: escapeMd(s.check.expected) })}${s.check.tolerance ? ` (${vscode.l10n.t('tolerance {tolerance}', { tolerance: escapeMd(s.check.tolerance) })})` : ''}`
      : `$(error) ${escapeMd(s.check.message ?? say('check.compareFailed', { expected: s.check.expected, actual: s.check.actual }))}`;
  }
  if (s.warning) return `$(warning) ${escapeMd(s.warning.message)}`;
  return undefined;
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

export class DlCalcHoverProvider implements vscode.HoverProvider {
  constructor(private readonly notes: NoteService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const result = this.notes.result(document.uri);
    if (!result || !inDlCalcCode(result, position, document)) return undefined;
    const wordRange = document.getWordRangeAtPosition(position, NAME);
    const word = wordRange ? document.getText(wordRange) : undefined;
    const statement = statementAt(result, position);
    if (word && wordRange) {
      const own = statement && isOwnName(statement, word, wordRange);
      const def = own ? undefined : definitionOf(result, word, position);
      const followedByParen = /^\s*\(/.test(document.lineAt(wordRange.end.line).text.slice(wordRange.end.character));
      if (def && !(followedByParen && def.value?.type !== 'function')) return this.variableHover(word, def, wordRange);
      const fn = functions().get(word);
      if (fn && !own && (followedByParen || !def)) return this.functionHover(fn, wordRange);
    }
    if (!statement || token.isCancellationRequested) return undefined;
    return this.statementHover(document, result, statement);
  }

  private async functionHover(f: FunctionInfo, range: vscode.Range): Promise<vscode.Hover> {
    const md = new vscode.MarkdownString(undefined, true);
    md.appendCodeblock(signatureLabel(f), 'dl-calc');
    md.appendMarkdown(`${escapeMd(f.summary)}\n\n`);
    if (f.tex) {
      const [uri] = await svgDataUris(this.notes, [f.tex]);
      if (uri) md.appendMarkdown(image(uri, f.definition ?? f.name) + '\n\n');
      else if (f.definition) md.appendCodeblock(f.definition, 'text');
    } else if (f.definition) md.appendCodeblock(f.definition, 'text');
    md.appendMarkdown(f.source === 'library' ? `*${vscode.l10n.t('dl-calc library')}*` : '*mathjs*');
    return new vscode.Hover(md, range);
  }

  private variableHover(name: string, def: StatementResult, range: vscode.Range): vscode.Hover {
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(name)}** — ${vscode.l10n.t('defined on line {line}', { line: def.range.start.line + 1 })}: ${inlineCode(def.source)}\n\n`);
    if (def.value) {
      md.appendCodeblock(def.value.full + (def.value.hint ? `   (${def.value.hint})` : ''), 'text');
    }
    const status = valueLine(def);
    if (status) md.appendMarkdown(status + '\n\n');
    return new vscode.Hover(md, range);
  }

  private async statementHover(document: vscode.TextDocument, result: NoteResult, s: StatementResult): Promise<vscode.Hover> {
    const md = new vscode.MarkdownString(undefined, true);
    md.supportHtml = true;
    md.isTrusted = { enabledCommands: ['dlCalc.showDerivation'] };
    const derivation = s.kind === 'error' ? undefined : await this.notes.derivation(document.uri, s.index);
    if (derivation) {
      const formulas = [alignedTex(derivation), ...derivation.library.map((l) => l.tex)];
      const uris = await svgDataUris(this.notes, formulas);
      const text = alignedText(derivation);
      if (uris[0]) md.appendMarkdown(image(uris[0], text) + '\n\n');
      else md.appendCodeblock(text, 'text');
      derivation.library.forEach((lib, i) => {
        const uri = uris[i + 1];
        if (uri) md.appendMarkdown(image(uri, lib.text) + '\n\n');
        else md.appendCodeblock(lib.text, 'text');
      });
    } else {
      md.appendCodeblock(s.source, 'dl-calc');
    }
    const status = valueLine(s);
    if (status) md.appendMarkdown(status + '\n\n');
    if (s.value && s.kind === 'value' && (s.value.type === 'matrix' || s.value.full !== s.value.short || s.value.hint || !derivation)) {
      md.appendMarkdown(`**${vscode.l10n.t('Value')}**\n`);
      md.appendCodeblock(s.value.full + (s.value.hint ? `   (${s.value.hint})` : ''), 'text');
    }
    const deps = derivation?.dependencies.length ? derivation.dependencies : s.dependencies;
    if (deps.length) {
      md.appendMarkdown(`**${vscode.l10n.t('Depends on')}**\n\n`);
      for (const d of deps) md.appendMarkdown(`- ${inlineCode(d.name)} = ${inlineCode(d.display)} — ${vscode.l10n.t('line {line}', { line: d.line + 1 })}\n`);
      md.appendMarkdown('\n');
    }
    if (derivation) {
      const args = encodeURIComponent(JSON.stringify([document.uri.toString(), s.index]));
      md.appendMarkdown(`[${vscode.l10n.t('Show derivation')}](command:dlCalc.showDerivation?${args} "${vscode.l10n.t('Open the derivation rendered by KaTeX')}")`);
    }
    return new vscode.Hover(md, new vscode.Range(s.range.start.line, s.range.start.character, s.range.end.line, s.range.end.character));
  }
}

export function registerHover(notes: NoteService): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ language: 'markdown' }, new DlCalcHoverProvider(notes));
}
