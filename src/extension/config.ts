// A snapshot of the dlCalc.* settings, re-read when they change.
import * as vscode from 'vscode';
import type { EngineSettings } from '../engine/types';

export interface DlCalcConfig {
  readonly precision: number;
  readonly grouping: boolean;
  readonly scaleHints: boolean;
  readonly inlineResultsEnabled: boolean;
  readonly inlineResultsMaxLength: number;
  /** Milliseconds; 0 turns the limit off. */
  readonly timeLimit: number;
  readonly maxMatrixElements: number;
  /** Milliseconds between the last keystroke and evaluation. */
  readonly evaluationDelay: number;
  /** Check the hand calculations written in the note's LaTeX. */
  readonly latexChecksEnabled: boolean;
  /** Also check identities with free symbols at random points. */
  readonly latexChecksSymbolic: boolean;
  /** Check arithmetic written in plain text. */
  readonly latexChecksProse: boolean;
  /** Check math in `\( \)`, `\[ \]` and bare `\begin{align}` too. */
  readonly latexChecksOtherDelimiters: boolean;
}

export const defaults: DlCalcConfig = {
  precision: 6,
  grouping: true,
  scaleHints: true,
  inlineResultsEnabled: true,
  inlineResultsMaxLength: 60,
  timeLimit: 5000,
  maxMatrixElements: 10_000_000,
  evaluationDelay: 150,
  latexChecksEnabled: true,
  latexChecksSymbolic: false,
  latexChecksProse: true,
  latexChecksOtherDelimiters: false,
};

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;
  return Math.min(max, Math.max(min, n));
}

export function readConfig(): DlCalcConfig {
  const c = vscode.workspace.getConfiguration('dlCalc');
  return {
    precision: clampInt(c.get('precision'), 1, 15, defaults.precision),
    grouping: c.get<boolean>('grouping', defaults.grouping) !== false,
    scaleHints: c.get<boolean>('scaleHints', defaults.scaleHints) !== false,
    inlineResultsEnabled: c.get<boolean>('inlineResults.enabled', defaults.inlineResultsEnabled) !== false,
    inlineResultsMaxLength: clampInt(c.get('inlineResults.maxLength'), 8, 10_000, defaults.inlineResultsMaxLength),
    timeLimit: clampInt(c.get('timeLimit'), 0, 600_000, defaults.timeLimit),
    maxMatrixElements: clampInt(c.get('maxMatrixElements'), 1, 1e9, defaults.maxMatrixElements),
    evaluationDelay: clampInt(c.get('evaluationDelay'), 0, 5000, defaults.evaluationDelay),
    latexChecksEnabled: c.get<boolean>('latexChecks.enabled', defaults.latexChecksEnabled) !== false,
    latexChecksSymbolic: c.get<boolean>('latexChecks.symbolic', defaults.latexChecksSymbolic) === true,
    latexChecksProse: c.get<boolean>('latexChecks.prose', defaults.latexChecksProse) !== false,
    latexChecksOtherDelimiters: c.get<boolean>('latexChecks.otherDelimiters', defaults.latexChecksOtherDelimiters) === true,
  };
}

export function engineSettings(c: DlCalcConfig): Partial<EngineSettings> {
  return {
    precision: c.precision,
    grouping: c.grouping,
    scaleHints: c.scaleHints,
    maxMatrixElements: c.maxMatrixElements,
    latexChecks: c.latexChecksEnabled,
    latexSymbolic: c.latexChecksSymbolic,
    latexProse: c.latexChecksProse,
    latexOtherDelimiters: c.latexChecksOtherDelimiters,
  };
}

/** The current snapshot, kept fresh; `onDidChange` fires after each re-read. */
export class ConfigStore implements vscode.Disposable {
  private snapshot = readConfig();
  private readonly emitter = new vscode.EventEmitter<DlCalcConfig>();
  readonly onDidChange = this.emitter.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('dlCalc')) return;
    this.snapshot = readConfig();
    this.emitter.fire(this.snapshot);
  });

  get current(): DlCalcConfig {
    return this.snapshot;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
