// The web twin of src/node/evaluationClient.ts, with the same interface (the web build
// resolves '../node/evaluationClient' here). The engine runs in a Web Worker made from
// dist/web/evaluationWorker.js (read with vscode.workspace.fs, started from a Blob URL: the
// extension's files are on another origin than the extension host). A runaway statement is
// stopped by terminating the worker; the last progress message names the statement.
import * as vscode from 'vscode';
import { splitLines } from '../engine/blocks';
import { currentBundle, say } from '../engine/messages';
import type { Derivation, EngineSettings, NoteDocument, NoteResult } from '../engine/types';
import type { WorkerMessage as WorkerResponse, WorkerRequest } from '../node/protocol';
import type { WebProgress, WebWorkerInit } from './evaluationWorker';

export interface EvaluationClientOptions {
  readonly timeLimitMs: () => number;
  readonly memoryLimitMb?: number;
  readonly workerPath?: string;
}

let workerScript: vscode.Uri | undefined;
let workerUrl: Promise<string> | undefined;

/** Called by the web entry at activation: where dist/web/evaluationWorker.js is. */
export function setWorkerScript(uri: vscode.Uri): void {
  workerScript = uri;
}

function scriptUrl(): Promise<string> {
  workerUrl ??= (async () => {
    if (!workerScript) throw new Error('dl-calc: the web worker script is not set');
    const bytes = await vscode.workspace.fs.readFile(workerScript);
    return URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'text/javascript' }));
  })();
  return workerUrl;
}

type Pending = { readonly request: WorkerRequest; resolve(value: unknown): void; reject(error: Error): void };
type StoppedLines = Map<string, { line: number; text: string; message: string }>;
const MAX_RESTARTS = 8;

export class EvaluationClient {
  private worker: Promise<Worker> | undefined;
  private ready = false;
  private progress: readonly [number, number] = [0, 0];
  private nextId = 1;
  private readonly queue: Pending[] = [];
  private running: { readonly pending: Pending; timer: ReturnType<typeof setTimeout> | undefined } | undefined;
  private readonly stopped = new Map<string, StoppedLines>();
  private disposed = false;
  restarts = 0;

  constructor(private readonly options: EvaluationClientOptions) {}

  warmUp(): void {
    void this.ensureWorker();
  }

  evaluate(doc: NoteDocument, settings: Partial<EngineSettings> = {}, derivations = false): Promise<NoteResult> {
    return this.evaluateWithRestarts(doc, settings, derivations, 0);
  }

  derive(uri: string, index: number, version: number): Promise<Derivation | undefined> {
    return this.send({ id: this.nextId++, type: 'derive', uri, version, index }) as Promise<Derivation | undefined>;
  }

  texToSvg(formulas: readonly string[], display = true): Promise<(string | undefined)[]> {
    return this.send({ id: this.nextId++, type: 'texToSvg', formulas, display }) as Promise<(string | undefined)[]>;
  }

  forget(uri: string): void {
    this.stopped.delete(uri);
    void this.send({ id: this.nextId++, type: 'forget', uri }).catch(() => undefined);
  }

  dispose(): void {
    this.disposed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('dl-calc evaluation stopped'));
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.pending.reject(new Error('dl-calc evaluation stopped'));
      this.running = undefined;
    }
    void this.worker?.then((w) => w.terminate());
    this.worker = undefined;
  }

  private async evaluateWithRestarts(doc: NoteDocument, settings: Partial<EngineSettings>, derivations: boolean, attempt: number): Promise<NoteResult> {
    const stoppedHere = this.currentStopped(doc);
    const request: WorkerRequest = {
      id: this.nextId++,
      type: 'evaluate',
      doc,
      settings,
      derivations,
      stopped: [...stoppedHere].map(([key, s]) => [key, s.message] as const),
    };
    try {
      return (await this.send(request)) as NoteResult;
    } catch (e) {
      if (e instanceof StoppedError && attempt < MAX_RESTARTS) {
        const lines = this.stopped.get(doc.uri) ?? new Map();
        lines.set(`${e.line}:${e.character}`, { line: e.line, text: splitLines(doc.text)[e.line] ?? '', message: e.message });
        this.stopped.set(doc.uri, lines);
        return this.evaluateWithRestarts(doc, settings, derivations, attempt + 1);
      }
      throw e;
    }
  }

  private currentStopped(doc: NoteDocument): StoppedLines {
    const lines = this.stopped.get(doc.uri);
    if (!lines) return new Map();
    const text = splitLines(doc.text);
    for (const [key, s] of lines) if (text[s.line] !== s.text) lines.delete(key);
    return lines;
  }

  private send(request: WorkerRequest): Promise<unknown> {
    if (this.disposed) return Promise.reject(new Error('dl-calc evaluation stopped'));
    return new Promise((resolve, reject) => {
      if (request.type === 'evaluate') {
        const uri = request.doc.uri;
        for (let i = this.queue.length - 1; i >= 0; i--) {
          const queued = this.queue[i].request;
          if (queued.type === 'evaluate' && queued.doc.uri === uri) {
            const [old] = this.queue.splice(i, 1);
            old.reject(new SupersededError());
          }
        }
      }
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const pending = this.queue.shift();
    if (!pending) return;
    this.running = { pending, timer: undefined };
    const workerPromise = this.ensureWorker();
    void workerPromise.then(
      (worker) => {
        if (this.running?.pending !== pending) return;
        if (this.ready) this.startTimer();
        worker.postMessage(pending.request);
      },
      (error: Error) => {
        if (this.running?.pending !== pending) return;
        this.running = undefined;
        pending.reject(error);
        this.pump();
      },
    );
  }

  private startTimer(): void {
    const running = this.running;
    const limit = this.options.timeLimitMs();
    if (!running || running.pending.request.type !== 'evaluate' || limit <= 0 || running.timer) return;
    running.timer = setTimeout(() => this.stop(say('stopped.statement', { why: say('stopped.why.time', { limit: formatMs(limit), limitName: 'setting dlCalc.timeLimit' }) })), limit);
  }

  private ensureWorker(): Promise<Worker> {
    if (this.worker) return this.worker;
    this.ready = false;
    this.progress = [0, 0];
    const created = scriptUrl().then((url) => {
      const worker = new Worker(url);
      worker.onmessage = (e: MessageEvent<WorkerResponse | WebProgress>) => {
        if (this.worker !== created) return;
        const message = e.data;
        if ('progress' in message) {
          this.progress = message.progress;
          return;
        }
        if ('ready' in message) {
          this.ready = true;
          this.startTimer();
          return;
        }
        const running = this.running;
        if (!running || running.pending.request.id !== message.id) return;
        clearTimeout(running.timer);
        this.running = undefined;
        if (message.ok) running.pending.resolve(message.result);
        else running.pending.reject(new Error(message.error));
        this.pump();
      };
      worker.onerror = (e) => {
        if (this.worker === created) this.stop(say('worker.failed', { detail: e.message }));
      };
      worker.postMessage({ type: 'init', messages: currentBundle() } satisfies WebWorkerInit);
      return worker;
    });
    this.worker = created;
    return created;
  }

  private stop(message: string): void {
    const running = this.running;
    const [line, character] = this.progress;
    const worker = this.worker;
    this.worker = undefined;
    this.running = undefined;
    this.restarts++;
    void worker?.then((w) => w.terminate());
    if (running) {
      clearTimeout(running.timer);
      if (line > 0 && running.pending.request.type === 'evaluate') running.pending.reject(new StoppedError(line - 1, character, message));
      else running.pending.reject(new Error(message));
    }
    this.pump();
  }
}

export class StoppedError extends Error {
  constructor(
    readonly line: number,
    readonly character: number,
    message: string,
  ) {
    super(message);
  }
}

export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer edit');
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
