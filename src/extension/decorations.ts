// Inline results at the end of each statement's line: `→ value`, ✓ / ✗ for checks, the
// error message for errors; after an inline `= expr` span, right after the span. Shown in
// every visible editor of a note (split editors too), in theme colours the extension
// contributes, cut with … past dlCalc.inlineResults.maxLength.
import * as vscode from 'vscode';
import type { LatexChainResult } from '../engine/latex/types';
import type { NoteResult, StatementResult } from '../engine/types';
import type { ConfigStore } from './config';
import type { NoteService } from './noteService';

type Kind = 'value' | 'pass' | 'fail' | 'error' | 'verified';
const ORDER: Kind[] = ['verified', 'value', 'pass', 'fail', 'error'];
const COLORS: Record<Kind, string> = {
  verified: 'dlCalc.latexVerifiedForeground',
  value: 'dlCalc.resultForeground',
  pass: 'dlCalc.passForeground',
  fail: 'dlCalc.failForeground',
  error: 'dlCalc.errorForeground',
};

export interface LineDecoration {
  /** 0-based line. */
  readonly line: number;
  /** Column the text is attached after. */
  readonly character: number;
  readonly kind: Kind;
  readonly text: string;
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
  return { kind: 'value', text: `→ ${v.short}${v.hint ? `  (${v.hint})` : ''}` };
}

/** Where a statement's text goes: end of its last line, or after the closing back-tick of an inline span. */
function anchor(doc: vscode.TextDocument, s: StatementResult): { line: number; character: number } {
  const line = Math.min(s.range.end.line, doc.lineCount - 1);
  const text = doc.lineAt(line).text;
  if (!s.inline) return { line, character: text.length };
  let c = Math.min(s.range.end.character, text.length);
  while (c < text.length && (text[c] === ' ' || text[c] === '\t')) c++;
  while (c < text.length && text[c] === '`') c++;
  return { line, character: c };
}

/**
 * Where the ✓ of a verified LaTeX chain goes: after the closing `$` of inline math; at the
 * end of the line for a row of display math (inside the formula would break it up).
 */
function chainAnchor(doc: vscode.TextDocument, chain: LatexChainResult): { line: number; character: number } {
  const line = Math.min(chain.range.end.line, doc.lineCount - 1);
  const text = doc.lineAt(line).text;
  if (chain.display) return { line, character: text.length };
  let c = Math.min(chain.range.end.character, text.length);
  while (c < text.length && (text[c] === ' ' || text[c] === '\t')) c++;
  while (c < text.length && text[c] === '$') c++;
  return { line, character: c };
}

/** ✓ marks after verified chains, one per anchor. */
export function chainMarks(doc: vscode.TextDocument, result: NoteResult): LineDecoration[] {
  const seen = new Set<string>();
  const out: LineDecoration[] = [];
  for (const chain of result.latex ?? []) {
    if (chain.status !== 'verified' || chain.range.end.line >= doc.lineCount) continue;
    const at = chainAnchor(doc, chain);
    const key = `${at.line}:${at.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...at, kind: 'verified', text: '✓' });
  }
  return out;
}

/** Decorations of a note, one per anchor (several statements on a line share one). */
export function layout(doc: vscode.TextDocument, result: NoteResult, maxLength: number): LineDecoration[] {
  const byAnchor = new Map<string, { line: number; character: number; kinds: Kind[]; texts: string[] }>();
  for (const s of result.statements) {
    if (s.range.end.line >= doc.lineCount) continue;
    const at = anchor(doc, s);
    const key = `${at.line}:${at.character}`;
    const { kind, text } = statementText(s);
    const entry = byAnchor.get(key) ?? { ...at, kinds: [], texts: [] };
    entry.kinds.push(kind);
    entry.texts.push(text);
    byAnchor.set(key, entry);
  }
  const out: LineDecoration[] = [];
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
    out.push({ line: e.line, character: e.character, kind, text });
  }
  out.push(...chainMarks(doc, result));
  return out.sort((a, b) => a.line - b.line || a.character - b.character);
}

export class InlineResults implements vscode.Disposable {
  private readonly types: Record<Kind, vscode.TextEditorDecorationType>;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** What is shown per note, with the version it belongs to (for the test hook). */
  readonly shown = new Map<string, { version: number; decorations: LineDecoration[] }>();
  private readonly applied = new vscode.EventEmitter<{ uri: string; version: number }>();
  readonly onDidApply = this.applied.event;

  constructor(
    private readonly notes: NoteService,
    private readonly config: ConfigStore,
  ) {
    const make = (kind: Kind) =>
      vscode.window.createTextEditorDecorationType({
        // The ✓ of a verified chain sits close to its formula, in prose; results keep their distance.
        after: { color: new vscode.ThemeColor(COLORS[kind]), margin: kind === 'verified' ? '0 0 0 0.25em' : '0 0 0 2em', fontStyle: 'normal' },
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedOpen,
      });
    this.types = { verified: make('verified'), value: make('value'), pass: make('pass'), fail: make('fail'), error: make('error') };
    this.subscriptions.push(
      notes.onDidEvaluate(({ document, result }) => this.update(document, result)),
      notes.onDidForget((uri) => this.clearNote(uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      config.onDidChange(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    for (const doc of this.notes.documents()) {
      const result = this.notes.result(doc.uri);
      if (result) this.update(doc, result);
    }
  }

  private update(document: vscode.TextDocument, result: NoteResult): void {
    const key = document.uri.toString();
    const config = this.config.for(document.uri);
    const decorations = config.inlineResultsEnabled ? layout(document, result, config.inlineResultsMaxLength) : [];
    this.shown.set(key, { version: result.version, decorations });
    const options: Record<Kind, vscode.DecorationOptions[]> = { verified: [], value: [], pass: [], fail: [], error: [] };
    for (const d of decorations) {
      const pos = new vscode.Position(d.line, d.character);
      options[d.kind].push({ range: new vscode.Range(pos, pos), renderOptions: { after: { contentText: d.text } } });
    }
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== key) continue;
      for (const kind of ORDER) editor.setDecorations(this.types[kind], options[kind]);
    }
    this.applied.fire({ uri: key, version: result.version });
  }

  private clearNote(uri: vscode.Uri): void {
    const key = uri.toString();
    this.shown.delete(key);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === key) for (const kind of ORDER) editor.setDecorations(this.types[kind], []);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const kind of ORDER) this.types[kind].dispose();
    this.applied.dispose();
  }
}
