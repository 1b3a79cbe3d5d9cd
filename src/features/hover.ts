// Hover content inside dl-calc code: on a variable, its value and where it is defined; on
// a library or mathjs function, its signature and definition; on a statement, its
// derivation (as an image the adapter renders, or aligned text), the full value, the check
// or error, and the statements it depends on.
import * as l10n from '@vscode/l10n';
import { say } from '../engine/messages';
import type { Derivation, NoteResult, Position, Range, StatementResult } from '../engine/types';
import { definitionOf, isOwnName } from './definition';
import { alignedTex, alignedText } from './derivationText';
import { functions, signatureLabel, type FunctionInfo } from './functions';
import { inDlCalcCode, statementAt } from './lookup';
import { escapeMd, image, inlineCode, type Markdown, type MarkdownPart } from './markdown';
import { nameAt, type NoteText } from './text';

/** What the hover at a position is about. */
export type HoverTarget =
  | { readonly kind: 'variable'; readonly name: string; readonly definition: StatementResult; readonly range: Range }
  | { readonly kind: 'function'; readonly fn: FunctionInfo; readonly range: Range }
  | { readonly kind: 'statement'; readonly statement: StatementResult };

export function hoverTargetAt(result: NoteResult, text: NoteText, pos: Position): HoverTarget | undefined {
  if (!inDlCalcCode(result, pos, text)) return undefined;
  const word = nameAt(text, pos);
  const statement = statementAt(result, pos);
  if (word) {
    const own = statement && isOwnName(statement, word.name, word.range);
    const def = own ? undefined : definitionOf(result, word.name, pos);
    const followedByParen = /^\s*\(/.test(text.lineAt(word.range.end.line).slice(word.range.end.character));
    if (def && !(followedByParen && def.value?.type !== 'function')) return { kind: 'variable', name: word.name, definition: def, range: word.range };
    const fn = functions().get(word.name);
    if (fn && !own && (followedByParen || !def)) return { kind: 'function', fn, range: word.range };
  }
  return statement ? { kind: 'statement', statement } : undefined;
}

/** The one-line status of a statement: error, check, or warning ($(…) are theme icons). */
export function statusLine(s: StatementResult): string | undefined {
  if (s.kind === 'error') return `$(error) ${escapeMd(s.error?.message ?? 'error')}`;
  if (s.check) {
    return s.check.ok
      ? `$(pass) ${l10n.t('check passed: {actual} ≈ {expected}', { actual: escapeMd(s.check.actual), expected: escapeMd(s.check.expected) })}${s.check.tolerance ? ` (${l10n.t('tolerance {tolerance}', { tolerance: escapeMd(s.check.tolerance) })})` : ''}`
      : `$(error) ${escapeMd(s.check.message ?? say('check.compareFailed', { expected: s.check.expected, actual: s.check.actual }))}`;
  }
  if (s.warning) return `$(warning) ${escapeMd(s.warning.message)}`;
  return undefined;
}

/** A function's hover; `imageUri` is its LaTeX definition rendered, when it could be. */
export function functionHover(f: FunctionInfo, imageUri?: string): Markdown {
  const parts: MarkdownPart[] = [{ code: signatureLabel(f), language: 'dl-calc' }, { markdown: `${escapeMd(f.summary)}\n\n` }];
  if (f.tex && imageUri) parts.push({ markdown: image(imageUri, f.definition ?? f.name) + '\n\n' });
  else if (f.definition) parts.push({ code: f.definition, language: 'text' });
  parts.push({ markdown: f.source === 'library' ? `*${l10n.t('dl-calc library')}*` : '*mathjs*' });
  return parts;
}

export function variableHover(name: string, def: StatementResult): Markdown {
  const parts: MarkdownPart[] = [{ markdown: `**${escapeMd(name)}** — ${l10n.t('defined on line {line}', { line: def.range.start.line + 1 })}: ${inlineCode(def.source)}\n\n` }];
  if (def.value) parts.push({ code: def.value.full + (def.value.hint ? `   (${def.value.hint})` : ''), language: 'text' });
  const status = statusLine(def);
  if (status) parts.push({ markdown: status + '\n\n' });
  return parts;
}

/** The formulas a statement's hover shows as images: the derivation, then each library definition. */
export function statementFormulas(d: Derivation): string[] {
  return [alignedTex(d), ...d.library.map((l) => l.tex)];
}

/**
 * A statement's hover. `images` are the data URIs of `statementFormulas(derivation)`
 * (undefined where one did not render: its text is shown instead); `noteUri` goes into
 * the Show Derivation link.
 */
export function statementHover(s: StatementResult, derivation: Derivation | undefined, images: readonly (string | undefined)[], noteUri: string): Markdown {
  const parts: MarkdownPart[] = [];
  if (derivation) {
    const text = alignedText(derivation);
    if (images[0]) parts.push({ markdown: image(images[0], text) + '\n\n' });
    else parts.push({ code: text, language: 'text' });
    derivation.library.forEach((lib, i) => {
      const uri = images[i + 1];
      if (uri) parts.push({ markdown: image(uri, lib.text) + '\n\n' });
      else parts.push({ code: lib.text, language: 'text' });
    });
  } else parts.push({ code: s.source, language: 'dl-calc' });
  const status = statusLine(s);
  if (status) parts.push({ markdown: status + '\n\n' });
  if (s.value && s.kind === 'value' && (s.value.type === 'matrix' || s.value.full !== s.value.short || s.value.hint || !derivation)) {
    parts.push({ markdown: `**${l10n.t('Value')}**\n` }, { code: s.value.full + (s.value.hint ? `   (${s.value.hint})` : ''), language: 'text' });
  }
  const deps = derivation?.dependencies.length ? derivation.dependencies : s.dependencies;
  if (deps.length) {
    parts.push({ markdown: `**${l10n.t('Depends on')}**\n\n` });
    for (const d of deps) parts.push({ markdown: `- ${inlineCode(d.name)} = ${inlineCode(d.display)} — ${l10n.t('line {line}', { line: d.line + 1 })}\n` });
    parts.push({ markdown: '\n' });
  }
  if (derivation) {
    const args = encodeURIComponent(JSON.stringify([noteUri, s.index]));
    parts.push({ markdown: `[${l10n.t('Show derivation')}](command:dlCalc.showDerivation?${args} "${l10n.t('Open the derivation rendered by KaTeX')}")` });
  }
  return parts;
}
