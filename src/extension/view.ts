// The note as every editor feature shows it: the last run, mapped through the edits made
// since it was computed (so a value stays on its statement while the next run is under
// way), with the errors of the statement being typed held back until typing pauses or the
// cursor leaves it (a half-typed `soft` is not flagged as an unknown name). Inline results,
// Problems and CodeLens all read from here, so they always show the same run.
import * as vscode from 'vscode';
import { mapLine, mapPosition, mapRange, rangeEdited, type TextChange } from '../engine/editor/editMap';
import { layout, type InlineMark } from '../engine/editor/inlineResults';
import type { EngineDiagnostic, NoteResult, Range, StatementResult } from '../engine/types';
import type { ConfigStore } from './config';
import type { NoteService } from './noteService';

/** Typing has paused this long after the last keystroke: held-back errors show. */
export const TYPING_PAUSE_MS = 1000;

export interface CurrentNote {
  readonly result: NoteResult;
  /** The text the result was computed from, as lines. */
  readonly lines: readonly string[];
  /** Edits since. */
  readonly edits: readonly (readonly TextChange[])[];
}

const splitLines = (text: string) => text.split(/\r\n|\r|\n/);

export class NoteView implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  /** The view of a note changed: a run landed, it was edited, typing paused, the cursor moved off a line. */
  readonly onDidChange = this.changed.event;
  private readonly pauseTimers = new Map<string, NodeJS.Timeout>();
  private readonly cursorLines = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly notes: NoteService,
    private readonly config: ConfigStore,
  ) {
    this.subscriptions.push(
      notes.onDidEvaluate(({ document }) => this.changed.fire(document)),
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
          }, TYPING_PAUSE_MS + 20),
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
    return this.notes.sinceLastEdit(uri) < TYPING_PAUSE_MS;
  }

  /** The last run of a note with the text it came from and the edits since, or undefined. */
  current(document: vscode.TextDocument): CurrentNote | undefined {
    const result = this.notes.result(document.uri);
    const text = this.notes.textOf(document.uri);
    if (!result || text === undefined) return undefined;
    return { result, lines: splitLines(text), edits: this.notes.editsSince(document.uri, result.version) };
  }

  /**
   * Is a statement's outcome held back: an error on the statement the cursor is typing in,
   * or an error of a statement edited since the run (its text is gone: a half-typed `sof`
   * completed to `softmax(z)` must not keep "Unknown name" until the next run, which after
   * a stopped statement can take the whole time limit).
   */
  heldBack(document: vscode.TextDocument, note: CurrentNote): (s: StatementResult) => boolean {
    const edited = (s: StatementResult) => s.kind === 'error' && note.edits.length > 0 && rangeEdited(s.range, note.edits);
    if (!this.typing(document.uri)) return edited;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.toString() !== document.uri.toString()) return edited;
    const cursor = editor.selection.active.line;
    return (s) => {
      if (s.kind !== 'error') return false;
      const r = mapRange(s.range, note.edits);
      return !r || (r.start.line <= cursor && cursor <= r.end.line) || edited(s);
    };
  }

  /** Inline marks on today's text (lines and columns of the document as it is now). */
  marks(document: vscode.TextDocument): { version: number; marks: InlineMark[]; note?: CurrentNote } {
    const note = this.current(document);
    if (!note) return { version: -1, marks: [] };
    const config = this.config.for(document.uri);
    if (!config.inlineResultsEnabled) return { version: note.result.version, marks: [], note };
    const out: InlineMark[] = [];
    for (const m of layout(note.lines, note.result, config.inlineResultsMaxLength, this.heldBack(document, note))) {
      const at = mapPosition({ line: m.line, character: m.character }, note.edits);
      if (!at || at.line >= document.lineCount) continue;
      const character = m.atLineEnd ? document.lineAt(at.line).text.length : at.character;
      out.push({ ...m, line: at.line, character });
    }
    return { version: note.result.version, marks: out, note };
  }

  /** The run's diagnostics on today's text, without those of held-back statements. */
  diagnostics(document: vscode.TextDocument): EngineDiagnostic[] {
    const note = this.current(document);
    if (!note) return [];
    const held = this.heldBack(document, note);
    const heldRanges: Range[] = note.result.statements.filter(held).map((s) => s.range);
    const inside = (r: Range, outer: Range) =>
      (r.start.line > outer.start.line || (r.start.line === outer.start.line && r.start.character >= outer.start.character)) &&
      (r.end.line < outer.end.line || (r.end.line === outer.end.line && r.end.character <= outer.end.character));
    const out: EngineDiagnostic[] = [];
    for (const d of note.result.diagnostics) {
      if (d.severity === 'error' && heldRanges.some((h) => inside(d.range, h))) continue;
      const range = mapRange(d.range, note.edits);
      if (range) out.push({ ...d, range });
    }
    return out;
  }

  /** Where a line of the run's text is today (undefined when it was replaced). */
  line(note: CurrentNote, line: number): number | undefined {
    return mapLine(line, note.lines[line]?.length ?? 0, note.edits);
  }

  /** A range of the run's text on today's text. */
  range(note: CurrentNote, range: Range): Range | undefined {
    return mapRange(range, note.edits);
  }

  dispose(): void {
    for (const t of this.pauseTimers.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
