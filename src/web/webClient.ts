// The web evaluation client without the part that needs `vscode` (reading the worker's
// script): one Web Worker under the same protocol and watchdog as the Node client
// (src/node/evaluationStops.ts). mathjs cannot be interrupted, so a step (a statement, the
// LaTeX checks, the derivations) that stays current past the time limit has its worker
// terminated and restarted; the stop is reported where the last progress message says the
// worker was, and the note is evaluated again without that step.
import { currentBundle } from '../engine/messages';
import type { Derivation, EngineSettings, NoteDocument, NoteResult } from '../engine/types';
import type { Answer, Progress, RequestType, WorkerMessage as WorkerResponse, WorkerRequest } from '../node/protocol';
import { DeltaReceiver } from '../node/resultDelta';
import {
  DisposedError,
  StopSignal,
  StoppedBook,
  SupersededError,
  enqueue,
  evaluateWithStops,
  isTimed,
  outcomeOf,
  rejectAll,
  settle,
  timeDetail,
  watchSteps,
  type Pending,
  type Running,
} from '../node/evaluationStops';
import type { EvaluationClientOptions } from '../node/evaluationClient';
import type { WebProgress, WebWorkerInit } from './evaluationWorker';

export { StopSignal, SupersededError };
// The Node client's options; on the web `memoryLimitMb` and `codeCacheDir` are unused (a Web
// Worker has no heap option and no code cache).
export type { EvaluationClientOptions };


/** What the client needs of a Web Worker. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
}

const IDLE: Progress = { phase: 'idle', index: 0, line: 0, character: 0, step: 0 };

interface Started {
  readonly worker: Promise<WorkerLike>;
  /** The last result it sent per note (results come as deltas). */
  readonly received: DeltaReceiver;
  ready: boolean;
  progress: Progress;
}

export class WebEvaluationClient {
  private current: Started | undefined;
  private nextId = 1;
  private readonly queue: Pending[] = [];
  private running: Running | undefined;
  private readonly stopped = new StoppedBook();
  private disposed = false;
  restarts = 0;

  constructor(
    private readonly options: EvaluationClientOptions,
    private readonly startWorker: () => Promise<WorkerLike>,
  ) {}

  warmUp(): void {
    this.ensureWorker();
  }

  /**
   * Evaluates a note. Never fails for anything the note does: a stop is reported in the
   * result; it rejects only when superseded by a newer edit or when the client is disposed.
   */
  evaluate(doc: NoteDocument, settings: Partial<EngineSettings> = {}, derivations = false, untilLine?: number): Promise<NoteResult> {
    return evaluateWithStops({
      doc,
      settings,
      derivations,
      untilLine,
      book: this.stopped,
      send: (request) => this.send({ ...request, type: 'evaluate', id: this.nextId++ }),
      timeLimitMs: this.options.timeLimitMs(),
      limitName: this.options.limitName ?? 'setting dlCalc.timeLimit',
    });
  }

  /** The derivation of statement `index` of the run of `version`; undefined when that run is gone. */
  async derive(uri: string, index: number, version: number): Promise<Derivation | undefined> {
    try {
      return await this.send({ id: this.nextId++, type: 'derive', uri, version, index });
    } catch (e) {
      if (e instanceof StopSignal) return undefined;
      throw e;
    }
  }

  /**
   * MathJax's SVG output needs Node's liteDOM, so on the web a hover shows its formula as
   * text: answered here, never queued behind an evaluation.
   */
  texToSvg(formulas: readonly string[], _display = true): Promise<(string | undefined)[]> {
    if (this.disposed) return Promise.reject(new DisposedError());
    return Promise.resolve(formulas.map(() => undefined));
  }

  forget(uri: string): void {
    this.stopped.forget(uri);
    void this.send({ id: this.nextId++, type: 'forget', uri }).catch(() => undefined);
  }

  dispose(): void {
    this.disposed = true;
    rejectAll(this.queue, this.running);
    this.running = undefined;
    void this.current?.worker.then((w) => w.terminate(), () => undefined);
    this.current = undefined;
  }

  private send<K extends RequestType>(request: WorkerRequest<K>): Promise<Answer<K>> {
    if (this.disposed) return Promise.reject(new DisposedError());
    return new Promise((resolve, reject) => {
      enqueue(this.queue, { request, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const pending = this.queue.shift();
    if (!pending) return;
    this.running = { pending };
    const started = this.ensureWorker();
    if (started.ready) this.watch();
    // Every earlier request is answered by now (one at a time), so no delta still in flight refers to it.
    if (pending.request.type === 'forget') started.received.forget(pending.request.uri);
    void started.worker.then(
      (worker) => {
        if (this.running?.pending === pending) worker.postMessage(pending.request);
      },
      (error: Error) => {
        if (this.running?.pending !== pending) return;
        this.running = undefined;
        if (this.current === started) this.current = undefined;
        pending.reject(error);
        this.pump();
      },
    );
  }

  /** The limit counts each step, not the worker's start (loading mathjs). */
  private watch(): void {
    const running = this.running;
    const started = this.current;
    if (!running || !started || !isTimed(running.pending.request)) return;
    const limit = this.options.timeLimitMs();
    running.unwatch?.();
    running.unwatch = watchSteps(limit, () => started.progress.step, () => this.stop('time', timeDetail(limit)));
  }

  private ensureWorker(): Started {
    if (this.current) return this.current;
    const started: Started = {
      ready: false,
      progress: IDLE,
      received: new DeltaReceiver(),
      worker: this.startWorker().then((worker) => {
        worker.onmessage = (e) => this.onMessage(started, e.data as WorkerResponse | WebProgress);
        worker.onerror = (e) => {
          if (this.current === started) this.stop('crash', e.message ?? 'the worker failed');
        };
        worker.postMessage({ type: 'init', messages: currentBundle() } satisfies WebWorkerInit);
        return worker;
      }),
    };
    this.current = started;
    return started;
  }

  private onMessage(started: Started, message: WorkerResponse | WebProgress): void {
    if (this.current !== started) return;
    if ('progress' in message) {
      started.progress = message.progress;
      return;
    }
    if ('ready' in message) {
      started.ready = true;
      if (this.running) this.watch();
      return;
    }
    const outcome = outcomeOf(message, started.received);
    const running = this.running;
    if (!running || running.pending.request.id !== message.id) return;
    this.running = undefined;
    settle(running, outcome);
    this.pump();
  }

  /** Terminates the worker and fails the running request with where it was. */
  private stop(kind: StopSignal['kind'], detail: string): void {
    const running = this.running;
    const started = this.current;
    const progress = started?.progress ?? IDLE;
    this.current = undefined;
    this.running = undefined;
    this.restarts++;
    void started?.worker.then((w) => w.terminate(), () => undefined);
    if (running) {
      settle(running, { ok: false, error: new StopSignal(kind, progress, detail) });
    }
    this.pump();
  }
}
