// The note as every editor feature shows it (src/features/shownNote.ts): this side knows
// when the user types and where the cursor is, and fires `onDidChange` when what is shown
// changes: a run landed, the note was edited, typing paused, the cursor moved off a line.
import * as vscode from 'vscode';
import type { EngineDiagnostic, NoteResult, StatementResult } from '../engine/types';
import { mapRange } from '../features/editMap';
import type { InlineMark } from '../features/inlineResults';
import { diagnosticsToday, heldBack, lineToday, marksToday, TYPING_PAUSE_MS, type ShownNote } from '../features/shownNote';
import type { ConfigStore } from './config';
import { textOf } from './convert';
import type { NoteService } from './noteService';

export { TYPING_PAUSE_MS } from '../features/shownNote';
export type CurrentNote = ShownNote;

const splitLines = (text: string) => text.split(/\r\n|\r|\n/);

/**
 * A test seam for the E2E scene about errors held back while typing: a longer pause, so a
 * loaded machine cannot end the typing between two of its reads (docs/extension.md, Tests).
 * Only the environment sets it.
 */
const TEST_PAUSE = typeof process !== 'undefined' ? Number(process.env?.DL_CALC_TEST_TYPING_PAUSE_MS) : NaN;
const PAUSE_MS = TEST_PAUSE > 0 ? TEST_PAUSE : TYPING_PAUSE_MS;

export class NoteView implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  readonly onDidChange = this.changed.event;
  private readonly pauseTimers = new Map<string, NodeJS.Timeout>();
  private readonly cursorLines = new Map<string, number>();
  private readonly lastMarks = new Map<string, { result: NoteResult; documentVersion: number; typingLine: number | undefined; maxLength: number; marks: InlineMark[] }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly notes: NoteService,
    private readonly config: ConfigStore,
  ) {
    this.subscriptions.push(
      notes.onDidEvaluate(({ document }) => this.changed.fire(document)),
      notes.onDidShowFirstScreen((document) => this.changed.fire(document)),
      notes.onDidForget((uri) => this.lastMarks.delete(uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length || !notes.result(e.document.uri)) return;
        const key = e.document.uri.toString();
        this.changed.fire(e.document);
        clearTimeout(this.pauseTimers.get(key));
        this.pauseTimers.set(
          key,
          setTimeout(() => {
            this.pauseTimers.delete(key);
            if (!e.document.isClosed) this.changed.fire(e.document);
          }, PAUSE_MS + 20),
        );
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const doc = e.textEditor.document;
        const key = doc.uri.toString();
        const line = e.selections[0]?.active.line;
        if (line === undefined || this.cursorLines.get(key) === line) return;
        this.cursorLines.set(key, line);
        if (this.typing(doc.uri) && notes.result(doc.uri)) this.changed.fire(doc);
      }),
    );
  }

  typing(uri: vscode.Uri): boolean {
    return this.notes.sinceLastEdit(uri) < PAUSE_MS;
  }

  /**
   * The last run of a note with the text it came from and the edits since, or undefined.
   * `firstScreen`: before a long note's first whole run, its first screen's (inline results only).
   */
  current(document: vscode.TextDocument, firstScreen = false): ShownNote | undefined {
    const screen = firstScreen && !this.notes.result(document.uri) ? this.notes.firstScreen(document.uri) : undefined;
    const result = screen?.result ?? this.notes.result(document.uri);
    const text = screen?.text ?? this.notes.textOf(document.uri);
    if (!result || text === undefined) return undefined;
    return { result, lines: splitLines(text), edits: this.notes.editsSince(document.uri, result.version) };
  }

  /** The cursor's line while the user is typing in this note's active editor. */
  private typingLine(document: vscode.TextDocument): number | undefined {
    if (!this.typing(document.uri)) return undefined;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.toString() !== document.uri.toString()) return undefined;
    return editor.selection.active.line;
  }

  /** Is a statement's outcome shown now (not replaced since the run, not held back): what CodeLens counts. */
  shownStatement(document: vscode.TextDocument, note: ShownNote): (s: StatementResult) => boolean {
    const held = heldBack(note, this.typingLine(document));
    return (s) => !held(s) && mapRange(s.range, note.edits) !== undefined;
  }

  /**
   * Inline marks on today's text. The last ones of each note are kept for as long as what
   * they depend on holds: the decorations and the inlay hints VS Code asks for right after
   * them are one computation, not two.
   */
  marks(document: vscode.TextDocument): { version: number; marks: InlineMark[]; note?: ShownNote } {
    const note = this.current(document, true);
    if (!note) return { version: -1, marks: [] };
    const config = this.config.for(document.uri);
    if (!config.inlineResultsEnabled) return { version: note.result.version, marks: [], note };
    const typingLine = this.typingLine(document);
    const key = document.uri.toString();
    const last = this.lastMarks.get(key);
    if (last && last.result === note.result && last.documentVersion === document.version && last.typingLine === typingLine && last.maxLength === config.inlineResultsMaxLength) {
      return { version: note.result.version, marks: last.marks, note };
    }
    const marks = marksToday(note, textOf(document), config.inlineResultsMaxLength, heldBack(note, typingLine));
    this.lastMarks.set(key, { result: note.result, documentVersion: document.version, typingLine, maxLength: config.inlineResultsMaxLength, marks });
    return { version: note.result.version, marks, note };
  }

  /** The run's diagnostics on today's text, without those of held-back statements. */
  diagnostics(document: vscode.TextDocument): EngineDiagnostic[] {
    const note = this.current(document);
    return note ? diagnosticsToday(note, heldBack(note, this.typingLine(document))) : [];
  }

  /** Where a line of the run's text is today (undefined when it was replaced). */
  line(note: ShownNote, line: number): number | undefined {
    return lineToday(note, line);
  }

  dispose(): void {
    for (const t of this.pauseTimers.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
