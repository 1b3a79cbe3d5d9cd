// The active note's summary in the status bar (dl-calc ✓ 12 ✗ 1 · LaTeX ✓ 3).
import * as l10n from '@vscode/l10n';
import type { NoteSummary } from '../engine/types';

export function summaryText(s: NoteSummary): string {
  const parts: string[] = [];
  if (s.statements) {
    parts.push(`✓ ${s.passed}`, `✗ ${s.failed}`);
    if (s.errors) parts.push(`⚠ ${s.errors}`);
  }
  const chains = (s.chainsVerified ?? 0) + (s.chainsFailed ?? 0);
  if (chains) parts.push(`${s.statements ? '· ' : ''}LaTeX ✓ ${s.chainsVerified}${s.chainsFailed ? ` ✗ ${s.chainsFailed}` : ''}`);
  return `dl-calc ${parts.join(' ')}`;
}

export function summaryTooltip(s: NoteSummary): string {
  const lines: string[] = [];
  if (s.statements) lines.push(l10n.t('dl-calc: {statements} statements · {passed} checks passed · {failed} failed · {errors} errors', { statements: s.statements, passed: s.passed, failed: s.failed, errors: s.errors }));
  if (s.chainsVerified || s.chainsFailed) lines.push(l10n.t('Hand calculations in LaTeX: {verified} verified · {wrong} with a wrong result', { verified: s.chainsVerified, wrong: s.chainsFailed }));
  lines.push(l10n.t('Click to open Problems'));
  return lines.join('\n');
}

export interface StatusBarState {
  readonly text: string;
  readonly tooltip: string;
  /** Shown on the warning background: an error, a failed check or a wrong hand calculation. */
  readonly warning: boolean;
}

/** What the item shows for a note's summary; undefined hides it (nothing to report). */
export function statusBarState(s: NoteSummary | undefined): StatusBarState | undefined {
  if (!s || (s.statements === 0 && !s.chainsVerified && !s.chainsFailed)) return undefined;
  return { text: summaryText(s), tooltip: summaryTooltip(s), warning: !!(s.errors || s.failed || s.chainsFailed) };
}
