// The dlCalc.* settings, read per document (a course folder may set its own precision,
// grouping, scale hints, inline results and LaTeX checks: "scope": "resource"), re-read when
// they change. The defaults are the manifest's (package.json): VS Code returns them for unset
// settings, and `inspect().defaultValue` stands in for a value of the wrong type.
import * as vscode from 'vscode';
import type { EngineSettings } from '../engine/types';
import { affectsMacros, mathMacros } from './markdownMath';

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
  /** markdown.math.macros over markdown.extension.katex.macros, for the checker. */
  readonly latexMacros: Readonly<Record<string, string>>;
}

function reader(c: vscode.WorkspaceConfiguration) {
  const fallback = (key: string): unknown => c.inspect(key)?.defaultValue;
  return {
    int(key: string, min: number, max: number): number {
      const v = c.get<unknown>(key);
      const n = typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : Number(fallback(key));
      return Math.min(max, Math.max(min, n));
    },
    bool(key: string): boolean {
      const v = c.get<unknown>(key);
      return typeof v === 'boolean' ? v : fallback(key) === true;
    },
  };
}

/** The settings that apply to `resource` (a note), or the window's without one. */
export function readConfig(resource?: vscode.Uri): DlCalcConfig {
  const r = reader(vscode.workspace.getConfiguration('dlCalc', resource ?? null));
  return {
    precision: r.int('precision', 1, 15),
    grouping: r.bool('grouping'),
    scaleHints: r.bool('scaleHints'),
    inlineResultsEnabled: r.bool('inlineResults.enabled'),
    inlineResultsMaxLength: r.int('inlineResults.maxLength', 8, 10_000),
    timeLimit: r.int('timeLimit', 0, 600_000),
    maxMatrixElements: r.int('maxMatrixElements', 1, 1e9),
    evaluationDelay: r.int('evaluationDelay', 0, 5000),
    latexChecksEnabled: r.bool('latexChecks.enabled'),
    latexChecksSymbolic: r.bool('latexChecks.symbolic'),
    latexChecksProse: r.bool('latexChecks.prose'),
    latexChecksOtherDelimiters: r.bool('latexChecks.otherDelimiters'),
    latexMacros: mathMacros(resource),
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
    latexMacros: c.latexMacros,
  };
}

/** The current snapshots, kept fresh; `onDidChange` fires after a dlCalc.* setting changed. */
export class ConfigStore implements vscode.Disposable {
  private snapshot = readConfig();
  private readonly byResource = new Map<string, DlCalcConfig>();
  private readonly emitter = new vscode.EventEmitter<DlCalcConfig>();
  readonly onDidChange = this.emitter.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('dlCalc') && !affectsMacros(e)) return;
    this.snapshot = readConfig();
    this.byResource.clear();
    this.emitter.fire(this.snapshot);
  });

  /** The window's settings (time limit, evaluation delay: one worker serves every note). */
  get current(): DlCalcConfig {
    return this.snapshot;
  }

  /** The settings of one note, with its folder's and workspace's overrides. */
  for(resource: vscode.Uri): DlCalcConfig {
    const key = resource.toString();
    let config = this.byResource.get(key);
    if (!config) {
      config = readConfig(resource);
      this.byResource.set(key, config);
    }
    return config;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
