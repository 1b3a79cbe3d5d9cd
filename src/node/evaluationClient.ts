// The host side of the evaluation worker, shared by the editor and the CLI. mathjs
// cannot be interrupted, so a step (a statement, the LaTeX checks, the derivations) that
// runs past the time limit has its worker terminated and restarted; the step is reported
// where it happened and the note is evaluated again without it. SVG typesetting has a
// worker of its own, so a hover's formula never waits behind a long evaluation.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Derivation, EngineSettings, NoteDocument, NoteResult } from '../engine/types';
import { PROGRESS_BYTES, SLOT, readProgress, type Answer, type RequestType, type WorkerData, type WorkerMessage, type WorkerRequest } from './protocol';
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
} from './evaluationStops';
import { currentBundle } from '../engine/messages';
import { DeltaReceiver } from './resultDelta';
import { stoppedResult } from './stops';
import { noteOutput, type NoteOutput, type OutputMode } from '../engine/report';

export { StopSignal, SupersededError };

export interface EvaluationClientOptions {
  /** Time limit of each step (a statement, the LaTeX checks, ...) in milliseconds; 0 for none. */
  readonly timeLimitMs: () => number;
  /** How a stop names the limit: the editor's setting, or the CLI's option. */
  readonly limitName?: string;
  /** Heap limit of the worker, in MB. */
  readonly memoryLimitMb?: number;
  readonly workerPath?: string;
  /**
   * Folder of the engine worker's V8 code cache (see workerLoader.ts); default a dl-calc
   * folder in the user's cache folder, null for none.
   */
  readonly codeCacheDir?: string | null;
}

/** A worker, its progress slot, and the last result it sent per note (results come as deltas). */
interface Slot {
  readonly worker: Worker;
  readonly progress: SharedArrayBuffer;
  readonly received: DeltaReceiver;
  ready: boolean;
}

/**
 * One worker with its queue, progress slot and watchdog. After a first stop a spare
 * worker is kept loaded, so a note with several runaway statements does not wait for
 * mathjs to load again after each one.
 */
class Lane {
  private current: Slot | undefined;
  private spare: Slot | undefined;
  private readonly queue: Pending[] = [];
  private running: Running | undefined;
  private disposed = false;
  restarts = 0;

  constructor(
    private readonly role: WorkerData['role'],
    private readonly options: EvaluationClientOptions,
  ) {}

  warmUp(): void {
    this.ensureWorker();
  }

  send<K extends RequestType>(request: WorkerRequest<K>): Promise<Answer<K>> {
    if (this.disposed) return Promise.reject(new DisposedError());
    return new Promise((resolve, reject) => {
      enqueue(this.queue, { request, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  dispose(): void {
    this.disposed = true;
    rejectAll(this.queue, this.running);
    this.running = undefined;
    void this.current?.worker.terminate();
    void this.spare?.worker.terminate();
    this.current = this.spare = undefined;
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const pending = this.queue.shift();
    if (!pending) return;
    const slot = this.ensureWorker();
    this.running = { pending };
    if (slot.ready) this.watch();
    // Every earlier request is answered by now (one at a time), so no delta still in flight refers to it.
    if (pending.request.type === 'forget') slot.received.forget(pending.request.uri);
    slot.worker.postMessage(pending.request);
  }

  /**
   * The limit counts each step, not the worker's start (loading mathjs): the worker counts
   * steps in the shared slot and a step that stays current past the limit is stopped.
   */
  private watch(): void {
    const running = this.running;
    const slot = this.current;
    if (!running || !slot || !isTimed(running.pending.request)) return;
    const slots = new Int32Array(slot.progress);
    const limit = this.options.timeLimitMs();
    running.unwatch?.();
    running.unwatch = watchSteps(limit, () => Atomics.load(slots, SLOT.step), () => this.stop('time', timeDetail(limit)));
  }

  private ensureWorker(): Slot {
    if (!this.current) this.current = this.spawn();
    return this.current;
  }

  private spawn(): Slot {
    const progress = new SharedArrayBuffer(PROGRESS_BYTES);
    const bundle = this.options.workerPath ?? path.join(__dirname, 'evaluationWorker.js');
    // The engine worker starts through its loader (V8 code cache) when one is beside it.
    const codeCacheDir = this.role === 'engine' ? (this.options.codeCacheDir === undefined ? userCacheDir() : this.options.codeCacheDir) : null;
    const loader = path.join(path.dirname(bundle), 'workerLoader.js');
    const viaLoader = !!codeCacheDir && fs.existsSync(loader);
    const worker = new Worker(viaLoader ? loader : bundle, {
      workerData: { progress, role: this.role, messages: currentBundle(), ...(viaLoader ? { bundle, codeCacheDir } : {}) } satisfies WorkerData,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryLimitMb ?? 1536 },
    });
    const slot: Slot = { worker, progress, received: new DeltaReceiver(), ready: false };
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        slot.ready = true;
        if (this.current === slot && this.running) this.watch();
        return;
      }
      if (this.current !== slot) return;
      const outcome = outcomeOf(message, slot.received);
      const running = this.running;
      if (!running || running.pending.request.id !== message.id) return;
      this.running = undefined;
      settle(running, outcome);
      this.pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.spare === slot) this.spare = undefined;
      if (this.current !== slot) return;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.stop('memory', 'ran out of memory');
      else this.stop('crash', error.message);
    });
    worker.on('exit', (code) => {
      if (this.spare === slot) this.spare = undefined;
      if (this.current !== slot) return;
      if (this.running) this.stop('crash', `the worker exited with code ${code}`);
      else this.current = undefined;
    });
    return slot;
  }

  /** Terminates the worker and fails the running request with where it was. */
  private stop(kind: StopSignal['kind'], detail: string): void {
    const running = this.running;
    const slot = this.current;
    const progress = slot ? readProgress(slot.progress) : readProgress(new SharedArrayBuffer(PROGRESS_BYTES));
    this.current = this.spare;
    this.current?.worker.ref();
    this.spare = this.disposed ? undefined : this.spawn();
    // A waiting spare must not keep the CLI's process alive.
    this.spare?.worker.unref();
    this.running = undefined;
    this.restarts++;
    void slot?.worker.terminate();
    if (running) {
      settle(running, { ok: false, error: new StopSignal(kind, progress, detail) });
    }
    this.pump();
  }
}

export class EvaluationClient {
  private readonly engine: Lane;
  private readonly tex: Lane;
  private nextId = 1;
  private readonly stopped = new StoppedBook();

  constructor(private readonly options: EvaluationClientOptions) {
    this.engine = new Lane('engine', options);
    this.tex = new Lane('tex', options);
  }

  /** Restarts so far, for tests and the status bar. */
  get restarts(): number {
    return this.engine.restarts;
  }

  /** Starts the worker now (it loads mathjs in the background). */
  warmUp(): void {
    this.engine.warmUp();
  }

  /** The limit a stop names: the current setting, and where the user changes it. */
  private limit(): { timeLimitMs: number; limitName: string } {
    return { timeLimitMs: this.options.timeLimitMs(), limitName: this.options.limitName ?? 'setting dlCalc.timeLimit' };
  }

  /**
   * Evaluates a note. Never fails for anything the note does: a stop is reported in the
   * result (at its statement, or as a problem of the note); it rejects only when superseded
   * by a newer edit or when the client is disposed.
   */
  evaluate(doc: NoteDocument, settings: Partial<EngineSettings> = {}, derivations = false, untilLine?: number): Promise<NoteResult> {
    return evaluateWithStops({
      doc,
      settings,
      derivations,
      untilLine,
      book: this.stopped,
      send: (request) => this.engine.send({ ...request, type: 'evaluate', id: this.nextId++ }),
      ...this.limit(),
    });
  }

  /**
   * `dl-calc check`'s evaluation: what the note prints, made in the worker (only those few
   * lines cross threads), and the note forgotten on both sides. Stops are handled as in
   * `evaluate`; a note stopped as a whole prints that.
   */
  async check(doc: NoteDocument, settings: Partial<EngineSettings>, path: string, mode: OutputMode): Promise<NoteOutput> {
    try {
      return await evaluateWithStops<NoteOutput>({
        doc,
        settings,
        derivations: mode.derivations,
        book: this.stopped,
        send: (request) => this.engine.send({ ...request, type: 'check', id: this.nextId++, path, mode }),
        stopped: (d, message) => noteOutput({ path, result: stoppedResult(d, message) }, mode),
        ...this.limit(),
      });
    } finally {
      this.stopped.forget(doc.uri);
    }
  }

  /** The derivation of statement `index` of the run of `version`; undefined when that run is gone. */
  async derive(uri: string, index: number, version: number): Promise<Derivation | undefined> {
    try {
      return await this.engine.send({ id: this.nextId++, type: 'derive', uri, version, index });
    } catch (e) {
      if (e instanceof StopSignal) return undefined;
      throw e;
    }
  }

  /**
   * Renders LaTeX to SVG markup in the SVG worker (MathJax loads there on first use, never
   * on the caller's thread). An entry is undefined when its formula does not render, or
   * when typesetting ran past the time limit.
   */
  async texToSvg(formulas: readonly string[], display = true): Promise<(string | undefined)[]> {
    try {
      return await this.tex.send({ id: this.nextId++, type: 'texToSvg', formulas, display });
    } catch (e) {
      if (e instanceof StopSignal) return formulas.map(() => undefined);
      throw e;
    }
  }

  forget(uri: string): void {
    this.stopped.forget(uri);
    // Tell the worker to free its caches.
    void this.engine.send({ id: this.nextId++, type: 'forget', uri }).catch(() => undefined);
  }

  dispose(): void {
    this.engine.dispose();
    this.tex.dispose();
  }
}

/** The user's own cache folder (never a shared one: V8 runs the code it finds there). */
function userCacheDir(): string | null {
  const home = os.homedir();
  const base =
    process.env.XDG_CACHE_HOME ||
    (process.platform === 'win32' ? process.env.LOCALAPPDATA : process.platform === 'darwin' ? home && path.join(home, 'Library', 'Caches') : home && path.join(home, '.cache'));
  return base ? path.join(base, 'dl-calc', 'v8') : null;
}
