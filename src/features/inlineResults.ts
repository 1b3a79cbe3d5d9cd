// What the editor shows after each statement (`→ value`, ✓, ✗ expected …, ⚠ message) and
// after each verified LaTeX chain (✓), and where: computed from a result and the text it
// was computed from. Pure; the VS Code adapter (src/extension/decorations.ts) shows these
// as inlay hints and maps them through later edits (editMap.ts).
import type { LatexChainResult } from '../engine/latex/types';
import type { NoteResult, Position, Range, StatementResult } from '../engine/types';
import { maskStrings } from '../engine/parse/strings';

export type Kind = 'value' | 'pass' | 'fail' | 'error' | 'verified';
export const ORDER: readonly Kind[] = ['verified', 'value', 'pass', 'fail', 'error'];

export interface InlineMark {
  /** 0-based line. */
  readonly line: number;
  /** Column the text is attached after. */
  readonly character: number;
  /** Attached at the end of its line (follows the line's end while it is typed on). */
  readonly atLineEnd: boolean;
  /** Outcome shown, the worst of the statements sharing the place (error > fail > pass > value). */
  readonly kind: Kind;
  readonly text: string;
  /** The statements (indices) whose outcome it shows; empty for a LaTeX chain's ✓. */
  readonly statements: readonly number[];
}

export function cut(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length <= max ? flat : flat.slice(0, Math.max(1, max - 1)).trimEnd() + '…';
}

/** The text shown after one statement. */
export function statementText(s: StatementResult): { kind: Kind; text: string } {
  if (s.kind === 'error') return { kind: 'error', text: `⚠ ${s.error?.message ?? 'error'}` };
  if (s.kind === 'check' && s.check) {
    if (s.check.ok) return { kind: 'pass', text: '✓' };
    return { kind: 'fail', text: `✗ ${s.check.message ?? `expected ${s.check.expected}, got ${s.check.actual}`}` };
  }
  const v = s.value;
  if (!v) return { kind: 'value', text: '→' };
  return { kind: 'value', text: `→ ${v.short}${v.hint ? `  (${v.hint})` : ''}${s.warning ? `  ⚠ ${s.warning.short}` : ''}` };
}

/** Where a statement's text goes: end of its last line, or after the closing back-tick of an inline span. */
function anchor(lines: readonly string[], s: StatementResult): { line: number; character: number; atLineEnd: boolean } {
  const line = Math.min(s.range.end.line, lines.length - 1);
  const text = lines[line];
  if (!s.inline) return { line, character: text.length, atLineEnd: true };
  let c = Math.min(s.range.end.character, text.length);
  while (c < text.length && (text[c] === ' ' || text[c] === '\t')) c++;
  while (c < text.length && text[c] === '`') c++;
  return { line, character: c, atLineEnd: c === text.length };
}

/**
 * Where the ✓ of a verified LaTeX chain goes: after the closing `$` of inline math; at the
 * end of the line for a row of display math (inside the formula would break it up).
 */
function chainAnchor(lines: readonly string[], chain: LatexChainResult): { line: number; character: number; atLineEnd: boolean } {
  const line = Math.min(chain.range.end.line, lines.length - 1);
  const text = lines[line];
  if (chain.display) return { line, character: text.length, atLineEnd: true };
  let c = Math.min(chain.range.end.character, text.length);
  while (c < text.length && (text[c] === ' ' || text[c] === '\t')) c++;
  while (c < text.length && text[c] === '$') c++;
  return { line, character: c, atLineEnd: c === text.length };
}

/** ✓ marks after verified chains, one per anchor. */
export function chainMarks(lines: readonly string[], result: NoteResult): InlineMark[] {
  const seen = new Set<string>();
  const out: InlineMark[] = [];
  for (const chain of result.latex ?? []) {
    if (chain.status !== 'verified' || chain.range.end.line >= lines.length) continue;
    const at = chainAnchor(lines, chain);
    const key = `${at.line}:${at.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ line: at.line, character: at.character, atLineEnd: at.atLineEnd, kind: 'verified', text: '✓', statements: [] });
  }
  return out;
}

/**
 * The marks of a note, one per anchor (several statements on a line share one), for the
 * text `lines` the result was computed from. Statements `hidden` says are left out (an
 * error on the statement being typed).
 */
export function layout(lines: readonly string[], result: NoteResult, maxLength: number, hidden: (s: StatementResult) => boolean = () => false): InlineMark[] {
  const byAnchor = new Map<string, { line: number; character: number; atLineEnd: boolean; kinds: Kind[]; texts: string[]; statements: number[] }>();
  for (const s of result.statements) {
    if (s.range.end.line >= lines.length || hidden(s)) continue;
    const at = anchor(lines, s);
    const key = `${at.line}:${at.character}`;
    const { kind, text } = statementText(s);
    // Fields written out: an object spread here was two thirds of the layout of 3,000 statements.
    const entry = byAnchor.get(key) ?? { line: at.line, character: at.character, atLineEnd: at.atLineEnd, kinds: [], texts: [], statements: [] };
    entry.kinds.push(kind);
    entry.texts.push(text);
    entry.statements.push(s.index);
    byAnchor.set(key, entry);
  }
  const out: InlineMark[] = [];
  for (const e of byAnchor.values()) {
    const kind = e.kinds.reduce((worst, k) => (ORDER.indexOf(k) > ORDER.indexOf(worst) ? k : worst), 'value' as Kind);
    let text: string;
    if (e.texts.length === 1) text = cut(e.texts[0], maxLength);
    else {
      // Several statements on one line: values share the room, so an error or a failed
      // check after a long matrix is never cut away.
      const share = Math.max(12, Math.floor(maxLength / e.texts.length));
      text = e.texts.map((t, i) => cut(t, e.kinds[i] === 'value' || e.kinds[i] === 'pass' ? share : maxLength)).join('   ');
    }
    out.push({ line: e.line, character: e.character, atLineEnd: e.atLineEnd, kind, text, statements: e.statements });
  }
  out.push(...chainMarks(lines, result));
  return out.sort((a, b) => a.line - b.line || a.character - b.character);
}

const CHECK_OPERATOR = /≈|~=|==|!=|<=|>=|#=|(?<![<>=!])[<>](?![=])/u;

/**
 * The comparison operator of a check statement (`≈`, `==`, `<`, `#=` …) in the text: it is
 * coloured by the check's outcome, since the inline text itself has one colour.
 */
export function checkOperatorRange(lines: readonly string[], s: StatementResult): Range | undefined {
  if (s.kind !== 'check' || !s.check) return undefined;
  for (let line = s.range.start.line; line <= Math.min(s.range.end.line + 0, lines.length - 1); line++) {
    const text = lines[line];
    const from = line === s.range.start.line ? s.range.start.character : 0;
    // A `#= value` record sits after the statement's range, on its last line.
    const to = line === s.range.end.line ? text.length : text.length;
    const m = CHECK_OPERATOR.exec(maskStrings(text.slice(from, to)));
    if (m) {
      const start: Position = { line, character: from + m.index };
      return { start, end: { line, character: start.character + m[0].length } };
    }
  }
  return undefined;
}
