// The extension's state: nothing until the first note with dl-calc content, then the
// worker-backed note service and every feature that reads from it.
/* eslint-disable @typescript-eslint/no-require-imports */
import * as vscode from 'vscode';
import { ConfigStore } from './config';
import type { InlineResults } from './decorations';
import type { NoteService } from './noteService';
import { PreviewState } from './preview';

export interface Started {
  readonly notes: NoteService;
  readonly inlineResults: InlineResults;
  readonly startedAt: number;
}

export class Session implements vscode.Disposable {
  private running: (Started & { disposables: vscode.Disposable[] }) | undefined;
  readonly config = new ConfigStore();
  readonly log: vscode.OutputChannel;
  private readonly startedEmitter = new vscode.EventEmitter<Started>();
  readonly onDidStart = this.startedEmitter.event;
  /** What the Markdown preview rendered; exists before the session starts (the preview may render first). */
  readonly preview = new PreviewState(() => this.running?.notes);

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('dl-calc');
  }

  get started(): Started | undefined {
    return this.running;
  }

  /** Starts the service and the features (once). */
  start(): Started {
    if (this.running) return this.running;
    const t0 = performance.now();
    // Loaded here, not at activation: activation only pays for what it runs.
    const { NoteService } = require('./noteService') as typeof import('./noteService');
    const { InlineResults } = require('./decorations') as typeof import('./decorations');
    const { NoteView } = require('./view') as typeof import('./view');
    const notes = new NoteService(this.config, this.log);
    const view = new NoteView(notes, this.config);
    const inlineResults = new InlineResults(notes, view, this.config);
    const disposables: vscode.Disposable[] = [
      notes,
      view,
      inlineResults,
      (require('./diagnostics') as typeof import('./diagnostics')).registerDiagnostics(notes, view),
      (require('./hover') as typeof import('./hover')).registerHover(notes),
      (require('./codeLens') as typeof import('./codeLens')).registerCodeLens(notes, view),
      (require('./completion') as typeof import('./completion')).registerCompletion(notes),
      (require('./statusBar') as typeof import('./statusBar')).registerStatusBar(notes),
      (require('./fullWidthFix') as typeof import('./fullWidthFix')).registerFullWidthFix(),
      (require('./latexChecks') as typeof import('./latexChecks')).registerLatexChecks(notes),
      (require('./preview') as typeof import('./preview')).registerPreviewRefresh(notes, this.preview),
    ];
    this.running = { notes, inlineResults, startedAt: Date.now(), disposables };
    // Shows the title-bar and context-menu entries (package.json "when": dlCalc.started).
    void vscode.commands.executeCommand('setContext', 'dlCalc.started', true);
    this.log.appendLine(`dl-calc started in ${(performance.now() - t0).toFixed(1)} ms`);
    this.startedEmitter.fire(this.running);
    return this.running;
  }

  dispose(): void {
    if (this.running) for (const d of this.running.disposables.reverse()) d.dispose();
    this.running = undefined;
    this.startedEmitter.dispose();
    this.preview.dispose();
    this.config.dispose();
    this.log.dispose();
  }
}
