// The host side of the evaluation worker, shared by the editor and the CLI. mathjs
// cannot be interrupted, so a note that runs past the time limit has its worker
// terminated and restarted; the statement that was running is then reported as stopped
// and the note is evaluated again without it.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { splitLines } from '../engine/blocks';
import type { Derivation, EngineSettings, NoteDocument, NoteResult } from '../engine/types';
import type { WorkerData, WorkerRequest, WorkerResponse } from './protocol';
import { currentBundle, say } from '../engine/messages';

export interface EvaluationClientOptions {
  /** Per-note time limit in milliseconds. */
  readonly timeLimitMs: () => number;
  /** Heap limit of the worker, in MB. */
  readonly memoryLimitMb?: number;
  readonly workerPath?: string;
}

type Pending = {
  readonly request: WorkerRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
};

/** Statements stopped earlier ("line:character"), with their line's text so an edit retries them. */
type StoppedLines = Map<string, { line: number; text: string; message: string }>;

/** Tries per request: each one stops at most one more statement. */
const MAX_RESTARTS = 8;

export class EvaluationClient {
  private worker: Worker | undefined;
  private progress = new SharedArrayBuffer(8);
  private ready = false;
  private nextId = 1;
  private readonly queue: Pending[] = [];
  private running: { readonly pending: Pending; timer: NodeJS.Timeout | undefined } | undefined;
  private readonly stopped = new Map<string, StoppedLines>();
  private disposed = false;
  /** Restarts so far, for tests and the status bar. */
  restarts = 0;

  constructor(private readonly options: EvaluationClientOptions) {}

  /** Starts the worker now (it loads mathjs in the background). */
  warmUp(): void {
    this.ensureWorker();
  }

  evaluate(doc: NoteDocument, settings: Partial<EngineSettings> = {}, derivations = false): Promise<NoteResult> {
    return this.evaluateWithRestarts(doc, settings, derivations, 0);
  }

  derive(uri: string, index: number): Promise<Derivation | undefined> {
    return this.send({ id: this.nextId++, type: 'derive', uri, index }) as Promise<Derivation | undefined>;
  }

  /**
   * Renders LaTeX to SVG markup in the worker (MathJax loads there on first use, never on
   * the caller's thread). An entry is undefined when its formula does not render.
   */
  texToSvg(formulas: readonly string[], display = true): Promise<(string | undefined)[]> {
    return this.send({ id: this.nextId++, type: 'texToSvg', formulas, display }) as Promise<(string | undefined)[]>;
  }

  forget(uri: string): void {
    this.stopped.delete(uri);
    // Drop queued work for the note; tell the worker to free its caches.
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
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private async evaluateWithRestarts(
    doc: NoteDocument,
    settings: Partial<EngineSettings>,
    derivations: boolean,
    attempt: number,
  ): Promise<NoteResult> {
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

  /** Stopped statements still valid for this text (an edited line runs again). */
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
        // Latest edit wins: a queued evaluation of the same note is superseded.
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
    const worker = this.ensureWorker();
    this.running = { pending, timer: undefined };
    if (this.ready) this.startTimer();
    worker.postMessage(pending.request);
  }

  /** The limit counts evaluation only, not the worker's start (loading mathjs). */
  private startTimer(): void {
    const running = this.running;
    const limit = this.options.timeLimitMs();
    if (!running || running.pending.request.type !== 'evaluate' || limit <= 0) return;
    running.timer = setTimeout(
      () => this.stop(say('stopped.timeLimit', { limit: formatMs(limit) })),
      limit,
    );
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    this.progress = new SharedArrayBuffer(8);
    this.ready = false;
    const worker = new Worker(this.options.workerPath ?? path.join(__dirname, 'evaluationWorker.js'), {
      workerData: { progress: this.progress, messages: currentBundle() } satisfies WorkerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryLimitMb ?? 1536 },
    });
    worker.on('message', (response: WorkerResponse) => {
      if ('ready' in response) {
        this.ready = true;
        this.startTimer();
        return;
      }
      const running = this.running;
      if (!running || running.pending.request.id !== response.id) return;
      clearTimeout(running.timer);
      this.running = undefined;
      if (response.ok) running.pending.resolve(response.result);
      else running.pending.reject(new Error(response.error));
      this.pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.stop(memory ? say('stopped.memory') : say('worker.failed', { detail: error.message }));
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  /** Terminates the worker and fails the running request with the line it was on. */
  private stop(message: string): void {
    const running = this.running;
    const slots = new Int32Array(this.progress);
    const progress = Atomics.load(slots, 0);
    const character = Atomics.load(slots, 1);
    const worker = this.worker;
    this.worker = undefined;
    this.running = undefined;
    this.restarts++;
    void worker?.terminate();
    if (running) {
      clearTimeout(running.timer);
      if (progress > 0 && running.pending.request.type === 'evaluate') running.pending.reject(new StoppedError(progress - 1, character, message));
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
