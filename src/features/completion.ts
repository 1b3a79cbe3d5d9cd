// Completion inside dl-calc code: the names in scope at that point (with their values),
// the library and mathjs functions, and the constants.
import * as l10n from '@vscode/l10n';
import type { NoteResult, Position } from '../engine/types';
import { inDlCalcFence } from './fences';
import { functions, signatureLabel, type FunctionInfo } from './functions';
import { inDlCalcCode, namesInScope } from './lookup';
import type { Markdown } from './markdown';
import type { NoteText } from './text';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'variable' | 'function' | 'constant';
  /** Shown right after the label (a function's parameters). */
  readonly labelDetail?: string;
  /** Shown at the right of the row (a value, or where a function comes from). */
  readonly description?: string;
  readonly detail: string;
  readonly documentation?: Markdown;
  /** Snippet text to insert instead of the label (`$0` is the cursor). */
  readonly snippet?: string;
  /** Open signature help once inserted. */
  readonly triggerSignatureHelp?: boolean;
  readonly sortText: string;
}

const CONSTANTS: readonly [string, string][] = [
  ['pi', 'π ≈ 3.14159'],
  ['e', "Euler's number ≈ 2.71828"],
  ['Infinity', 'Positive infinity'],
  ['true', 'Boolean true'],
  ['false', 'Boolean false'],
];

/** A function's documentation: summary, definition, where it comes from. */
export function functionDoc(f: FunctionInfo): Markdown {
  return [
    { text: f.summary },
    ...(f.definition ? [{ markdown: '\n\n' }, { code: f.definition, language: 'text' }] : []),
    { markdown: f.source === 'library' ? '\n\n*dl-calc library*' : '\n\n*mathjs*' },
  ];
}

/** Is `pos` in dl-calc code, outside a `#` comment (where completions are offered)? */
function completesAt(result: NoteResult, text: NoteText, pos: Position): boolean {
  // The run's blocks first (cheap); the fence scan reads every line above (a block typed since the run).
  if (!inDlCalcCode(result, pos, text) && !inDlCalcFence((l) => text.lineAt(l), pos.line)) return false;
  const prefix = text.lineAt(pos.line).slice(0, pos.character);
  return !(/#[^`]*$/.test(prefix) && !/`[^`]*$/.test(prefix));
}

/** A name's first letter, and the name typed so far at the end of a line's prefix. */
const LETTER = /^[\p{L}_]$/u;
const NAME_BEFORE = /(^|[^\p{L}\p{N}_.])[\p{L}_][\p{L}\p{N}_]*$/u;

/**
 * Should typing `typed`, which ends at `pos`, open the suggestions? What quick suggestions
 * do in a programming language: a letter of a name in dl-calc code opens them; a digit, an
 * exponent (`1e`), a member after `.`, a comment or a string does not. (Markdown turns quick
 * suggestions off and VS Code reads that setting for the document's language, not the
 * embedded one, so the extension opens them itself.)
 */
export function opensSuggestions(result: NoteResult, text: NoteText, pos: Position, typed: string): boolean {
  if (!LETTER.test(typed)) return false;
  const prefix = text.lineAt(pos.line).slice(0, pos.character);
  if (!NAME_BEFORE.test(prefix) || (prefix.split('"').length - 1) % 2 === 1) return false;
  return completesAt(result, text, pos);
}

/**
 * The completions at a position, or undefined outside dl-calc code (a block being typed is
 * in no run yet: the fences of today's text decide) and inside a `#` comment.
 */
export function completionsAt(result: NoteResult, text: NoteText, pos: Position): CompletionEntry[] | undefined {
  if (!completesAt(result, text, pos)) return undefined;
  const items: CompletionEntry[] = [];
  for (const [name, s] of namesInScope(result, pos)) {
    items.push({
      label: name,
      kind: 'variable',
      description: s.value ? s.value.short : undefined,
      detail: `${l10n.t('line {line}', { line: s.range.start.line + 1 })}: ${s.source}`,
      documentation: s.value ? [{ code: s.value.full, language: 'text' }] : undefined,
      sortText: `0${name}`,
    });
  }
  for (const f of functions().values()) {
    items.push({
      label: f.name,
      kind: 'function',
      labelDetail: `(${f.params.map((p) => p.name).join(', ')})`,
      description: f.source === 'library' ? 'dl-calc' : 'mathjs',
      detail: signatureLabel(f),
      documentation: functionDoc(f),
      snippet: `${f.name}($0)`,
      triggerSignatureHelp: true,
      sortText: `${f.source === 'library' ? 1 : 2}${f.name}`,
    });
  }
  for (const [name, doc] of CONSTANTS) items.push({ label: name, kind: 'constant', detail: doc, sortText: `3${name}` });
  return items;
}
