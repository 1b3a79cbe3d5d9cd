// What `dl-calc check` says about one checked note: its errors and failed checks as
// path:line:col: message, a transcript with --verbose, its entry of the --json report.
// Computed where the note was checked (a child process), printed by the parent in order.
import type { NoteResult, StatementResult } from './types';
import { say } from './messages';
import { derivationRows } from './derivation';
import { allChecks } from './summary';

export interface CheckedFile {
  readonly path: string;
  readonly result: NoteResult;
}

/** The stable JSON shape of `dl-calc check --json` (documented in docs/cli.md). */
export interface JsonReport {
  files: JsonFile[];
  totals: Totals;
}

export interface JsonFile {
  path: string;
  statements: number;
  checks: { passed: number; failed: number };
  errors: number;
  items: JsonItem[];
}

export interface Totals {
  statements: number;
  passed: number;
  failed: number;
  errors: number;
}
export interface JsonItem {
  line: number;
  column: number;
  kind: string;
  source: string;
  display: string;
  ok?: boolean;
  /** In the reader's language (--lang, LANG). */
  message?: string;
  /** The message's stable code (src/engine/messages/catalogue.ts), the same in every language. */
  code?: string;
  /** A LaTeX claim checked at seeded points (a derivative or an identity): where, and both sides. */
  sampled?: JsonSampled;
}

export interface JsonSampled {
  /** "checked at x = 0.4, 1.3, −2.1". */
  checkedAt: string;
  /** For a wrong claim, the first point that fails, the left side's value there (the true derivative) and the right side's. */
  at?: Record<string, number>;
  left?: number;
  right?: number;
}

/** How the report is printed: `--json`, `--verbose`, `--derivations`. */
export interface OutputMode {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly derivations: boolean;
}

/** What one note prints and counts; plain data, so it crosses processes and sits in the cache. */
export interface NoteOutput {
  /** Its entry of the --json report (with --json). */
  readonly json?: JsonFile;
  /** Its lines of text output (without --json). */
  readonly lines: readonly string[];
  readonly totals: Totals;
  /** False when a step was stopped or the note could not be read whole: never cached. */
  readonly complete: boolean;
}

export function noteOutput(file: CheckedFile, mode: OutputMode): NoteOutput {
  const json = jsonFile(file);
  const totals = { statements: json.statements, passed: json.checks.passed, failed: json.checks.failed, errors: json.errors };
  const complete = noteProblems(file.result).length === 0;
  if (mode.json) return { json, lines: [], totals, complete };
  const lines = [...(mode.verbose ? transcript(file, mode.derivations) : []), ...problemLines(file)];
  return { lines, totals, complete };
}

export function emptyTotals(): Totals {
  return { statements: 0, passed: 0, failed: 0, errors: 0 };
}

export function addTotals(into: Totals, more: Totals): void {
  into.statements += more.statements;
  into.passed += more.passed;
  into.failed += more.failed;
  into.errors += more.errors;
}

/**
 * Checked chains of LaTeX count as checks: a verified chain passed, a chain with a wrong
 * link failed (so CI fails on a wrong hand calculation, as on a failed ≈).
 */
export function jsonFile(file: CheckedFile): JsonFile {
  const { summary } = file.result;
  return {
    path: file.path,
    statements: summary.statements,
    checks: allChecks(summary),
    // A note that could not be read or checked completely is an error of the note.
    errors: summary.errors + noteProblems(file.result).length,
    items: itemsOf(file.result),
  };
}

/** Problems of the note as a whole: stopped LaTeX checks, too large, too deeply nested. */
function noteProblems(result: NoteResult) {
  return result.diagnostics.filter((d) => d.code === 'stopped');
}

/** Statements, checked LaTeX chains and problems of the note, in document order. */
function itemsOf(result: NoteResult): JsonItem[] {
  const items = result.statements.map(jsonItem);
  for (const d of noteProblems(result)) {
    items.push({ line: d.range.start.line + 1, column: d.range.start.character + 1, kind: 'stopped', source: '', display: '', message: d.message });
  }
  for (const chain of result.latex) {
    if (chain.status === 'skipped') continue;
    const wrong = chain.links.find((l) => l.ok === false);
    const at = wrong?.written?.range.start ?? (wrong?.sampled ? chain.segments[wrong.right]?.range.start : undefined) ?? chain.range.start;
    const sampledLink = wrong ?? chain.links.find((l) => l.ok === true && l.sampled);
    const s = sampledLink?.sampled;
    const sampled = s && { checkedAt: s.checkedAt, ...(s.failing ? { at: { ...s.failing.at }, left: s.failing.left, right: s.failing.right } : {}) };
    items.push({
      line: at.line + 1,
      column: at.character + 1,
      // Arithmetic read in plain text is its own kind; other-delimiter math is LaTeX.
      kind: chain.where === 'prose' ? 'prose' : 'latex',
      source: chain.latex,
      display: chain.segments.map((s) => (s.value === undefined ? s.latex : String(Number(s.value.toPrecision(6))))).join(' | '),
      ok: chain.status === 'verified',
      ...(wrong ? { message: wrong.message } : {}),
      ...(sampled ? { sampled } : {}),
    });
  }
  return items.sort((a, b) => a.line - b.line || a.column - b.column);
}

function jsonItem(s: StatementResult): JsonItem {
  const at = s.kind === 'error' && s.error ? s.error.range.start : s.range.start;
  const item: JsonItem = {
    line: at.line + 1,
    column: at.character + 1,
    kind: s.kind,
    source: s.source,
    display: s.kind === 'error' ? '' : (s.value?.full ?? (s.check ? (s.check.ok ? 'true' : 'false') : '')),
  };
  if (s.check) item.ok = s.check.ok;
  if (s.kind === 'error') {
    item.message = s.error?.message;
    if (s.error?.code) item.code = s.error.code;
  }
  else if (s.check && !s.check.ok) item.message = s.check.message;
  return item;
}

/** `path:line:col: message` for each error and failed check. */
export function problemLines(file: CheckedFile): string[] {
  const lines: string[] = [];
  for (const item of itemsOf(file.result)) {
    if (item.kind === 'error' || item.kind === 'stopped') lines.push(`${file.path}:${item.line}:${item.column}: error: ${item.message}`);
    else if (item.ok === false) {
      const what = item.kind === 'latex' || item.kind === 'prose' ? say('cli.handCalculation') : say('cli.checkFailed');
      lines.push(`${file.path}:${item.line}:${item.column}: ${what}: ${item.message}`);
    }
  }
  for (const d of file.result.diagnostics) {
    if (d.code === 'option') lines.push(`${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: warning: ${d.message}`);
  }
  return lines;
}

/** Every statement with its value, like a notebook transcript. */
export function transcript(file: CheckedFile, derivations: boolean): string[] {
  const out: string[] = [`${file.path}`];
  const chains = file.result.latex.filter((c) => c.status !== 'skipped');
  const width = Math.min(48, Math.max(8, ...file.result.statements.map((s) => firstLine(s.source).length)));
  for (const s of file.result.statements) {
    const where = String(s.range.start.line + 1).padStart(5);
    const source = firstLine(s.source).padEnd(width);
    let shown: string;
    if (s.kind === 'error') shown = `✗ error: ${s.error?.message}`;
    else if (s.check) shown = s.check.ok ? `✓ ${s.value?.short ?? 'true'}` : `✗ ${s.check.message}`;
    else shown = `→ ${s.value?.full ?? ''}${s.value?.hint ? `  (${s.value.hint})` : ''}`;
    out.push(`${where} │ ${source}  ${shown}`);
    const d = s.derivation;
    if (derivations && d?.check?.relation) {
      // A comparison: its rows are not equal to each other (formula, values put in, verdict).
      const rows = derivationRows(d, 'text');
      for (const row of [...rows.steps, rows.verdict]) if (row) out.push(`      │     ${row}`);
    } else if (derivations && d) {
      // Steps that repeat the previous one say nothing; leave them out.
      const steps = [d.formulaText, d.substitutedText, d.resultText].filter(
        (step, i, all) => i === 0 || (step !== all[i - 1] && !all[0].endsWith(`= ${step}`)),
      );
      if (steps.length > 1) steps.forEach((step, i) => out.push(`      │     ${i ? '= ' : ''}${step}`));
      for (const lib of d.library) out.push(`      │     ${say('cli.where', { formula: lib.text })}`);
    }
  }
  for (const d of noteProblems(file.result)) out.push(`${String(d.range.start.line + 1).padStart(5)} │ ✗ ${d.message}`);
  for (const c of chains) {
    const where = String(c.range.start.line + 1).padStart(5);
    const wrong = c.links.find((l) => l.ok === false);
    const shown = c.where === 'prose' ? c.latex : `$${c.latex}$`;
    out.push(`${where} │ ${shown}  ${wrong ? `✗ ${wrong.message}` : `✓ ${say('cli.chainHolds')}`}`);
  }
  return out;
}

function firstLine(text: string): string {
  const [first, ...rest] = text.split('\n');
  return rest.length ? `${first} …` : first;
}

export function summaryLine(totals: Totals, notes: number): string {
  const t = totals;
  const noteCount = notes === 1 ? say('cli.notes.one') : say('cli.notes.many', { count: notes });
  const errors = t.errors === 1 ? say('cli.errors.one') : say('cli.errors.many', { count: t.errors });
  return say('cli.summary', { notes: noteCount, statements: t.statements, passed: t.passed, failed: t.failed, errors });
}
