// Inline results as inlay hints: `→ value`, ✓ / ✗ for checks, the error message for errors
// at the end of each statement's line (after an inline `= expr` span, right after the
// span), and the ✓ of a verified LaTeX chain. Inlay hints take part in line wrapping, so a
// result never runs past the right edge or hides the words after a span (`after`
// decorations are drawn outside the layout and did). Inlay hints have one colour, so the
// pass/fail colour moves onto the check's own operator (`≈`, `==`, `<` …), which is
// coloured with dlCalc.passForeground / dlCalc.failForeground. Shown in every visible
// editor of a note; positions come from NoteView (mapped through edits at once).
import * as vscode from 'vscode';
import type { InlineMark, Kind } from '../features/inlineResults';
import { operatorsToday } from '../features/shownNote';
import type { ConfigStore } from './config';
import { toRange } from './convert';
import type { NoteService } from './noteService';
import type { NoteView } from './view';

/** A mark as shown (the test hook's view of it): 0-based line and column on today's text. */
export interface LineDecoration {
  readonly line: number;
  readonly character: number;
  readonly kind: Kind;
  readonly text: string;
}

const toShown = (m: InlineMark): LineDecoration => ({ line: m.line, character: m.character, kind: m.kind, text: m.text });

export class InlineResults implements vscode.Disposable, vscode.InlayHintsProvider {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly operatorTypes: Record<'pass' | 'fail', vscode.TextEditorDecorationType>;
  /** What is shown per note, with the version of the run it belongs to (for the test hook). */
  readonly shown = new Map<string, { version: number; firstScreen: boolean; complete: boolean; decorations: LineDecoration[] }>();
  private readonly applied = new vscode.EventEmitter<{ uri: string; version: number }>();
  readonly onDidApply = this.applied.event;
  private readonly hintsChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.hintsChanged.event;

  constructor(
    private readonly notes: NoteService,
    private readonly view: NoteView,
    private readonly config: ConfigStore,
  ) {
    this.operatorTypes = {
      pass: vscode.window.createTextEditorDecorationType({ color: new vscode.ThemeColor('dlCalc.passForeground'), rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed }),
      fail: vscode.window.createTextEditorDecorationType({
        color: new vscode.ThemeColor('dlCalc.failForeground'),
        overviewRulerColor: new vscode.ThemeColor('dlCalc.failForeground'),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
    };
    this.subscriptions.push(
      vscode.languages.registerInlayHintsProvider({ language: 'markdown' }, this),
      view.onDidChange((document) => this.update(document)),
      notes.onDidForget((uri) => this.clearNote(uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      config.onDidChange(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    for (const doc of this.notes.documents()) this.update(doc);
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    const { marks } = this.view.marks(document);
    const hints: vscode.InlayHint[] = [];
    for (const m of marks) {
      if (m.line < range.start.line || m.line > range.end.line) continue;
      const hint = new vscode.InlayHint(new vscode.Position(m.line, m.character), m.text);
      // The ✓ of a chain sits close to its formula, in prose; results keep their distance.
      hint.paddingLeft = m.kind !== 'verified' || m.atLineEnd;
      hints.push(hint);
    }
    return hints;
  }

  private update(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const { version, marks, note } = this.view.marks(document);
    if (!note) return;
    const firstScreen = note.result.partial === true;
    this.shown.set(key, { version, firstScreen, complete: !firstScreen && !this.notes.checksPendingFor(key), decorations: marks.map(toShown) });
    const today = this.config.for(document.uri).inlineResultsEnabled ? operatorsToday(note) : { pass: [], fail: [] };
    const operators = { pass: today.pass.map(toRange), fail: today.fail.map(toRange) };
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== key) continue;
      editor.setDecorations(this.operatorTypes.pass, operators.pass);
      editor.setDecorations(this.operatorTypes.fail, operators.fail);
    }
    this.hintsChanged.fire();
    this.applied.fire({ uri: key, version });
  }

  private clearNote(uri: vscode.Uri): void {
    const key = uri.toString();
    this.shown.delete(key);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== key) continue;
      editor.setDecorations(this.operatorTypes.pass, []);
      editor.setDecorations(this.operatorTypes.fail, []);
    }
    this.hintsChanged.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.operatorTypes.pass.dispose();
    this.operatorTypes.fail.dispose();
    this.applied.dispose();
    this.hintsChanged.dispose();
  }
}
