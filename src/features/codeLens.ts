// Above each block: "n values · ✓ k · ✗ m", then "Record results" and "Copy derivations".
import * as l10n from '@vscode/l10n';
import type { NoteResult } from '../engine/types';

export function blockSummary(result: NoteResult, block: number): string {
  let values = 0;
  let passed = 0;
  let failed = 0;
  let errors = 0;
  for (const s of result.statements) {
    if (s.block !== block) continue;
    if (s.kind === 'error') errors++;
    else if (s.check?.ok) passed++;
    else if (s.check) failed++;
    else values++;
  }
  const parts = [values === 1 ? l10n.t('1 value') : l10n.t('{count} values', { count: values }), `✓ ${passed}`, `✗ ${failed}`];
  if (errors) parts.push(`⚠ ${errors === 1 ? l10n.t('1 error') : l10n.t('{count} errors', { count: errors })}`);
  return parts.join(' · ');
}

export interface Lens {
  /** The line of the block's opening fence on today's text. */
  readonly line: number;
  readonly title: string;
  readonly tooltip: string;
  /** The command and its arguments; none for the summary. */
  readonly command?: { readonly id: string; readonly arguments: readonly unknown[] };
}

/**
 * The lenses of a note. `lineToday` maps a line of the text the result came from to
 * today's text (undefined when it was replaced); lines past `lineCount` are left out.
 */
export function blockLenses(result: NoteResult, noteUri: string, lineToday: (line: number) => number | undefined, lineCount: number): Lens[] {
  const lenses: Lens[] = [];
  for (const b of result.blocks) {
    const line = lineToday(b.range.start.line);
    if (line === undefined || line >= lineCount) continue;
    lenses.push(
      { line, title: blockSummary(result, b.index), tooltip: l10n.t('Statements, passed and failed checks of this block') },
      {
        line,
        title: l10n.t('Record results'),
        tooltip: l10n.t('Write or update the #= comment after each statement of this block (one undoable edit)'),
        command: { id: 'dlCalc.recordBlockResults', arguments: [noteUri, b.index] },
      },
      {
        line,
        title: l10n.t('Copy derivations'),
        tooltip: l10n.t("Copy this block's derivations as LaTeX (an aligned environment)"),
        command: { id: 'dlCalc.copyDerivations', arguments: [noteUri, b.index] },
      },
    );
  }
  return lenses;
}
