// What the integration tests and the bench read from inside the extension host: the
// decorations shown per note (the text a person sees after each line), results, timings.
// Returned as the extension's exports; it changes nothing.
import * as vscode from 'vscode';
import type { NoteResult } from '../engine/types';
import type { LineDecoration } from './decorations';
import type { Session } from './session';

export interface ShownDecorations {
  readonly version: number;
  /** True while only a long note's first screen has values (the whole note's are under way). */
  readonly firstScreen: boolean;
  /** False while only the values are shown and the LaTeX and prose checks are under way. */
  readonly complete: boolean;
  /** 0-based lines. */
  readonly decorations: readonly LineDecoration[];
}

export interface DlCalcApi {
  /** Milliseconds spent in activate(). */
  readonly activationMs: number;
  /** Milliseconds from the first of the bundle's modules running to the end of activate() (VS Code may wait between the two). */
  readonly loadAndActivateMs: number;
  isStarted(): boolean;
  decorations(uri: vscode.Uri | string): ShownDecorations | undefined;
  /** Resolves when decorations for version >= `minVersion` of the note are applied, its checks included. */
  waitForDecorations(uri: vscode.Uri | string, minVersion?: number, timeoutMs?: number): Promise<ShownDecorations>;
  /** Resolves at the first decorations for version >= `minVersion` with the whole note's values, perhaps before the checks. */
  waitForValues(uri: vscode.Uri | string, minVersion?: number, timeoutMs?: number): Promise<ShownDecorations>;
  /** Resolves at the very first decorations for version >= `minVersion`: a long note's first screen, or more. */
  waitForFirstScreen(uri: vscode.Uri | string, minVersion?: number, timeoutMs?: number): Promise<ShownDecorations>;
  result(uri: vscode.Uri | string): NoteResult | undefined;
  /** Worker restarts so far (a runaway statement restarts it). */
  workerRestarts(): number;
  /** Markdown preview refreshes dl-calc asked for (results landed after a render). */
  previewRefreshes(): number;
  /** The evaluation times the service recorded (worker round trips). */
  evaluationTimes(): readonly { uri: string; version: number; ms: number }[];
}

export function createTestApi(session: Session, timings: { activationMs: number; loadAndActivateMs: number }): DlCalcApi {
  const key = (uri: vscode.Uri | string) => uri.toString();
  const shown = (uri: vscode.Uri | string) => session.started?.inlineResults.shown.get(key(uri));
  return {
    ...timings,
    isStarted: () => session.started !== undefined,
    decorations: shown,
    result: (uri) => session.started?.notes.result(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri),
    workerRestarts: () => session.started?.notes.client.restarts ?? 0,
    evaluationTimes: () => session.started?.notes.timings ?? [],
    previewRefreshes: () => session.preview.refreshes,
    waitForDecorations: (uri, minVersion = 0, timeoutMs = 30_000) => waitFor(uri, minVersion, timeoutMs, 'complete'),
    waitForValues: (uri, minVersion = 0, timeoutMs = 30_000) => waitFor(uri, minVersion, timeoutMs, 'values'),
    waitForFirstScreen: (uri, minVersion = 0, timeoutMs = 30_000) => waitFor(uri, minVersion, timeoutMs, 'any'),
  };

  function waitFor(uri: vscode.Uri | string, minVersion: number, timeoutMs: number, want: 'complete' | 'values' | 'any'): Promise<ShownDecorations> {
    return new Promise((resolve, reject) => {
      const disposables: vscode.Disposable[] = [];
      const done = (value: ShownDecorations | undefined, error?: Error) => {
        clearTimeout(timer);
        for (const d of disposables) d.dispose();
        if (value) resolve(value);
        else reject(error);
      };
      const check = () => {
        const now = shown(uri);
        const enough = want === 'any' || (want === 'values' ? !now?.firstScreen : now?.complete);
        if (now && now.version >= minVersion && enough) done(now);
      };
      const timer = setTimeout(() => done(undefined, new Error(`no decorations for ${key(uri)} v${minVersion} within ${timeoutMs} ms`)), timeoutMs);
      const watch = (started: NonNullable<Session['started']>) => disposables.push(started.inlineResults.onDidApply(check));
      if (session.started) watch(session.started);
      else disposables.push(session.onDidStart(watch));
      check();
    });
  }
}
