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

/**
 * The completions at a position, or undefined outside dl-calc code (a block being typed is
 * in no run yet: the fences of today's text decide) and inside a `#` comment.
 */
export function completionsAt(result: NoteResult, text: NoteText, pos: Position): CompletionEntry[] | undefined {
  if (!inDlCalcFence((l) => text.lineAt(l), pos.line) && !inDlCalcCode(result, pos, text)) return undefined;
  const prefix = text.lineAt(pos.line).slice(0, pos.character);
  if (/#[^`]*$/.test(prefix) && !/`[^`]*$/.test(prefix)) return undefined;
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
