// Tracks open Markdown notes and evaluates them in the worker: debounced per document,
// latest edit wins, the last result cached per note and dropped when the note is closed
// or deleted. Every feature reads results from here and listens to `onDidEvaluate`.
import * as vscode from 'vscode';
import type { TextChange } from '../features/editMap';
import type { Derivation, NoteResult } from '../engine/types';
import { evaluationWait, firstScreenEnd } from '../features/schedule';
import { EvaluationClient, SupersededError } from '../node/evaluationClient';
import { engineSettings, type ConfigStore } from './config';
import { mayHaveContent } from '../features/detect';
import { lacksDerivations } from '../features/preview';
import { isMarkdown } from './detect';

/**
 * A test seam for the E2E scenes about what shows between an edit and its run: the delay is
 * held for every note, quick or not (docs/extension.md, Tests). Only the environment sets it.
 */
const HOLD_DELAY = typeof process !== 'undefined' && process.env?.DL_CALC_TEST_FIXED_DELAY === '1';

export interface EvaluatedNote {
  readonly document: vscode.TextDocument;
  readonly result: NoteResult;
  /** The text the result was computed from. */
  readonly text?: string;
}

function tabUri(tab: vscode.Tab): string | undefined {
  const input = tab.input;
  return input instanceof vscode.TabInputText ? input.uri.toString() : undefined;
}

export class NoteService implements vscode.Disposable {
  readonly client: EvaluationClient;
  private readonly results = new Map<string, NoteResult>();
  /** The text each result was computed from (the preview matches results by text). */
  private readonly texts = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The version of each note whose evaluation is under way. */
  private readonly evaluating = new Map<string, number>();
  private readonly emitter = new vscode.EventEmitter<EvaluatedNote>();
  /** Fires after each evaluation lands. */
  readonly onDidEvaluate = this.emitter.event;
  private readonly forgotten = new vscode.EventEmitter<vscode.Uri>();
  /** A note's results were dropped: closed, deleted, or no dl-calc content left. */
  readonly onDidForget = this.forgotten.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Notes a Markdown preview shows: evaluated with derivations, kept while shown (setPreviewed). */
  private previewed: ReadonlySet<string> = new Set();
  /** Edits per note with the version each produced, since the oldest result still shown. */
  private readonly edits = new Map<string, { version: number; changes: TextChange[] }[]>();
  private readonly lastEdit = new Map<string, number>();
  /** Times of the last evaluations, for the test hook and the bench. */
  readonly timings: { uri: string; version: number; ms: number }[] = [];
  /** How long each note's last evaluation took, host to host: decides the wait after an edit. */
  private readonly lastRunMs = new Map<string, number>();
  /** Notes whose shown result has the values only: the LaTeX and prose checks are under way. */
  private readonly checksPending = new Set<string>();
  /**
   * The first screen's values of a long note shown for the first time, until its whole
   * values land: only the inline results show them (every other feature reads `result`).
   */
  private readonly screens = new Map<string, { result: NoteResult; text: string }>();
  private readonly screenShown = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires when a first screen's values land (NoteView shows them). */
  readonly onDidShowFirstScreen = this.screenShown.event;

  constructor(
    private readonly config: ConfigStore,
    private readonly log: vscode.OutputChannel,
  ) {
    this.client = new EvaluationClient({ timeLimitMs: () => this.config.current.timeLimit });
    this.client.warmUp();
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        this.record(e);
        // No wait when the note's last run was quick (docs/performance.md, Typing).
        const delay = this.config.current.evaluationDelay;
        this.schedule(e.document, HOLD_DELAY ? delay : evaluationWait(delay, this.lastRunMs.get(e.document.uri.toString())));
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.drop(d.uri)),
      // VS Code may keep a closed tab's document open for minutes: a note shown in no tab
      // is treated as closed (its results and Problems go), and evaluated again when shown.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        const shown = this.shownInTabs();
        for (const tab of e.closed) {
          const uri = tabUri(tab);
          if (uri && !shown.has(uri) && this.results.has(uri)) this.drop(vscode.Uri.parse(uri));
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) {
          const key = editor.document.uri.toString();
          // A note just opened is already queued or running (onDidOpenTextDocument): once is enough.
          if (this.results.has(key) || this.timers.has(key) || this.evaluating.get(key) === editor.document.version) continue;
          this.schedule(editor.document, 0);
        }
      }),
      vscode.workspace.onDidDeleteFiles((e) => {
        for (const deleted of e.files) {
          const prefix = deleted.toString() + '/';
          for (const uri of [...this.results.keys()]) {
            if (uri === deleted.toString() || uri.startsWith(prefix)) this.drop(vscode.Uri.parse(uri));
          }
        }
      }),
      this.config.onDidChange(() => this.evaluateAll()),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** Notes shown in an editor tab or a preview. */
  private shownInTabs(): Set<string> {
    const shown = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map(tabUri).filter((u): u is string => !!u));
    for (const uri of this.previewed) shown.add(uri);
    return shown;
  }

  /**
   * The notes Markdown previews show now (the preview adapter reads the tab model): their
   * evaluations include derivations, one evaluated without (or never) is evaluated again,
   * and one no longer shown anywhere is dropped as a closed note would be.
   */
  setPreviewed(uris: ReadonlySet<string>): void {
    const before = this.previewed;
    this.previewed = new Set(uris);
    for (const uri of uris) {
      if (before.has(uri)) continue;
      const result = this.results.get(uri);
      if (result && !lacksDerivations(result)) continue;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (doc) this.schedule(doc, 0);
    }
    const shown = this.shownInTabs();
    for (const uri of before) if (!uris.has(uri) && !shown.has(uri) && this.results.has(uri)) this.drop(vscode.Uri.parse(uri));
  }

  /** A long note's first-screen values while its whole values are under way (see `screens`). */
  firstScreen(uri: vscode.Uri | string): { result: NoteResult; text: string } | undefined {
    return this.screens.get(uri.toString());
  }

  /** The text a note's last result was computed from. */
  textOf(uri: vscode.Uri | string): string | undefined {
    return this.texts.get(uri.toString());
  }

  /** The last result of a note (possibly of an older version while a newer one runs). */
  result(uri: vscode.Uri): NoteResult | undefined {
    return this.results.get(uri.toString());
  }

  /**
   * The edits made to a note after `version` (one list of changes per edit, oldest first):
   * what a result of that version must be mapped through to sit on today's text.
   */
  editsSince(uri: vscode.Uri | string, version: number): TextChange[][] {
    return (this.edits.get(uri.toString()) ?? []).filter((e) => e.version > version).map((e) => e.changes);
  }

  /** Milliseconds since the note was last edited (Infinity if never). */
  sinceLastEdit(uri: vscode.Uri | string): number {
    const at = this.lastEdit.get(uri.toString());
    return at === undefined ? Infinity : performance.now() - at;
  }

  private record(e: vscode.TextDocumentChangeEvent): void {
    if (!isMarkdown(e.document)) return;
    const key = e.document.uri.toString();
    this.lastEdit.set(key, performance.now());
    const log = this.edits.get(key) ?? [];
    log.push({
      version: e.document.version,
      changes: e.contentChanges.map((c) => ({
        range: { start: { line: c.range.start.line, character: c.range.start.character }, end: { line: c.range.end.line, character: c.range.end.character } },
        text: c.text,
      })),
    });
    // Only edits after the shown result are needed; a bound in case no result ever lands.
    const shown = this.results.get(key)?.version ?? -1;
    while (log.length && (log[0].version <= shown || log.length > 2000)) log.shift();
    this.edits.set(key, log);
  }

  /** The last result of a note if it was computed from exactly this text. */
  resultForText(uri: string, text: string): NoteResult | undefined {
    return this.texts.get(uri) === text ? this.results.get(uri) : undefined;
  }

  /** Notes with results, as open documents. */
  documents(): vscode.TextDocument[] {
    return vscode.workspace.textDocuments.filter((d) => this.results.has(d.uri.toString()));
  }

  /** Evaluates the note after `delayMs`, or at once for 0 (a newer call replaces a waiting one). */
  schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!isMarkdown(document)) return;
    const key = document.uri.toString();
    if (!this.results.has(key) && !mayHaveContent(document.getText(), this.config.for(document.uri).latexChecksEnabled)) return;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    // No wait: the worker starts before the editor's own handlers of this edit run.
    if (delayMs <= 0) {
      void this.evaluate(document);
      return;
    }
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.evaluate(document);
      }, delayMs),
    );
  }

  evaluateAll(): void {
    for (const d of vscode.workspace.textDocuments) if (isMarkdown(d)) this.schedule(d, 0);
  }

  /** The note's shown result lacks its LaTeX and prose checks, which are under way. */
  checksPendingFor(uri: vscode.Uri | string): boolean {
    return this.checksPending.has(uri.toString());
  }

  /**
   * Evaluates now; resolves with the result, or undefined when superseded or closed. A
   * note shown for the first time gets its values first and its LaTeX and prose checks in
   * a second run: the checks are most of a first evaluation, and the second run reuses
   * every statement of the first (docs/performance.md, Open). A long note gets the values
   * of its first screen before either.
   */
  async evaluate(document: vscode.TextDocument): Promise<NoteResult | undefined> {
    if (document.isClosed) return undefined;
    const key = document.uri.toString();
    const text = document.getText();
    const config = this.config.for(document.uri);
    if (!mayHaveContent(text, config.latexChecksEnabled)) {
      if (this.results.has(key)) this.drop(document.uri);
      return undefined;
    }
    const settings = engineSettings(config);
    const previewed = this.previewed.has(key);
    // Only the inline results show a first screen: without them (or with a preview's derivations wanted) there is none.
    const visibleEnds = () => vscode.window.visibleTextEditors.filter((e) => e.document === document).flatMap((e) => e.visibleRanges.map((r) => r.end.line));
    const until = this.results.has(key) || previewed || !config.inlineResultsEnabled ? undefined : firstScreenEnd(document.lineCount, visibleEnds());
    if (until !== undefined) {
      const screen = await this.run(document, text, { ...settings, latexChecks: false }, false, 'screen', until);
      if (!screen || document.isClosed || document.version !== screen.version) return screen;
    }
    if (!this.results.has(key) && settings.latexChecks && !previewed) {
      const values = await this.run(document, text, { ...settings, latexChecks: false }, false, 'values');
      if (!values || document.isClosed || document.version !== values.version) return values;
    }
    return this.run(document, text, settings, previewed, 'all');
  }

  private async run(
    document: vscode.TextDocument,
    text: string,
    settings: ReturnType<typeof engineSettings>,
    derivations: boolean,
    part: 'screen' | 'values' | 'all',
    untilLine?: number,
  ): Promise<NoteResult | undefined> {
    const key = document.uri.toString();
    const started = performance.now();
    const version = document.version;
    this.evaluating.set(key, version);
    try {
      const result = await this.client.evaluate({ uri: key, version: document.version, text }, settings, derivations, untilLine);
      if (document.isClosed) return undefined;
      if (result.partial) {
        // Shown only while the note has no whole result (of any version).
        if (this.results.has(key)) return result;
        this.screens.set(key, { result, text });
        this.screenShown.fire(document);
        return result;
      }
      // A screen that reached every statement is the note's values.
      if (part === 'screen') part = 'values';
      // An answer for an older version than one already shown is dropped, and so are the
      // values alone of a version already shown whole.
      const shown = this.results.get(key);
      if (shown && (shown.version > result.version || (part === 'values' && shown.version === result.version))) return shown;
      if (part === 'all') {
        // The wait after an edit and the test hook's run times are those of whole runs.
        this.timings.push({ uri: key, version: result.version, ms: performance.now() - started });
        this.lastRunMs.set(key, performance.now() - started);
        if (this.timings.length > 50) this.timings.shift();
        this.checksPending.delete(key);
      } else this.checksPending.add(key);
      this.results.set(key, result);
      this.screens.delete(key);
      this.texts.set(key, text);
      const log = this.edits.get(key);
      if (log) this.edits.set(key, log.filter((e) => e.version > result.version));
      this.emitter.fire({ document, result, text });
      return result;
    } catch (e) {
      if (e instanceof SupersededError) return undefined;
      this.log.appendLine(`[${new Date().toISOString()}] evaluation of ${document.uri.fsPath} failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    } finally {
      if (this.evaluating.get(key) === version) this.evaluating.delete(key);
    }
  }

  /** The derivation of a statement of the note's last evaluation. */
  async derivation(uri: vscode.Uri, index: number): Promise<Derivation | undefined> {
    const result = this.results.get(uri.toString());
    const cached = result?.statements[index]?.derivation;
    if (cached) return cached;
    try {
      if (!result) return undefined;
      return await this.client.derive(uri.toString(), index, result.version);
    } catch {
      return undefined;
    }
  }

  private drop(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const hadScreen = this.screens.delete(key);
    const had = this.results.delete(key) || hadScreen;
    this.texts.delete(key);
    this.edits.delete(key);
    this.lastEdit.delete(key);
    this.lastRunMs.delete(key);
    this.checksPending.delete(key);
    this.client.forget(key);
    if (had) this.forgotten.fire(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
    this.screenShown.dispose();
    this.forgotten.dispose();
    this.client.dispose();
    this.results.clear();
    this.texts.clear();
  }
}
