// Counting outcomes, the one rule behind every summary (status bar, CodeLens, the preview's
// block footer, the CLI): an error is an error, a check passed or failed, anything else a value.
import type { LatexChainResult } from './latex/types';
import type { NoteSummary, StatementResult } from './types';

export interface StatementCounts {
  readonly statements: number;
  readonly values: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
}

export function countStatements(statements: readonly StatementResult[]): StatementCounts {
  let values = 0;
  let passed = 0;
  let failed = 0;
  let errors = 0;
  for (const s of statements) {
    if (s.kind === 'error') errors++;
    else if (s.check?.ok) passed++;
    else if (s.check || s.kind === 'check') failed++;
    else values++;
  }
  return { statements: statements.length, values, passed, failed, errors };
}

/** A note's summary: its statements, and its hand calculations in LaTeX. */
export function summarise(statements: readonly StatementResult[], latex: readonly LatexChainResult[] = []): NoteSummary {
  const { passed, failed, errors } = countStatements(statements);
  let chainsVerified = 0;
  let chainsFailed = 0;
  for (const c of latex) {
    if (c.status === 'verified') chainsVerified++;
    else if (c.status === 'failed') chainsFailed++;
  }
  return { statements: statements.length, passed, failed, errors, chainsVerified, chainsFailed };
}

/** Checks of every kind: `≈` and comparisons, and checked LaTeX chains (what CI counts). */
export function allChecks(summary: NoteSummary): { passed: number; failed: number } {
  return { passed: summary.passed + summary.chainsVerified, failed: summary.failed + summary.chainsFailed };
}
