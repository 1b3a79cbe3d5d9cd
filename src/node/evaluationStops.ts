// The part of the evaluation client that does not depend on how its worker is started,
// shared by the Node client (worker threads, a shared progress slot) and the web client
// (Web Workers, progress messages): the stop signals, the watchdog that stops a step which
// stays current past the time limit, the latest-edit-wins queue rule, the stopped-lines
// book, and the evaluate loop that reports each stop where it happened and evaluates the
// note again without it. Pure: no `vscode`, no Node-only import.
import { splitLines } from '../engine/parse/lines';
import type { EngineSettings, NoteDocument, NoteResult } from '../engine/types';
import { say } from '../engine/messages';
import type { EvaluateRequest, Progress, WorkerReply, WorkerRequest } from './protocol';
import type { DeltaReceiver } from './resultDelta';
import { stoppedResult } from './stops';

/** Statements of one note stopped in one evaluation before the rest is given up. */
export const MAX_STATEMENT_STOPS = 8;

/** Why a worker was stopped while it ran a request, and where it was. */
export class StopSignal extends Error {
  constructor(
    readonly kind: 'time' | 'memory' | 'crash',
    readonly progress: Progress,
    detail: string,
  ) {
    super(detail);
  }
}

export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer edit');
  }
}

export class DisposedError extends Error {
  constructor() {
    super('dl-calc evaluation stopped');
  }
}

/** A request waiting for its worker, with its promise's ends. */
export interface Pending {
  readonly request: WorkerRequest;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The request a worker is running, with its watchdog once the worker is ready. */
export interface Running {
  readonly pending: Pending;
  unwatch?: () => void;
}

/** Ends the running request: its watchdog off, its promise settled with `outcome`. */
export function settle(running: Running, outcome: Outcome): void {
  running.unwatch?.();
  if (outcome.ok) running.pending.resolve(outcome.result);
  else running.pending.reject(outcome.error);
}

export type Outcome = { ok: true; result: unknown } | { ok: false; error: Error };

/**
 * A worker's reply as this side answers it: an evaluation's delta made whole against the
 * last result received (called for every reply, answered or not, so the next delta finds its base).
 */
export function outcomeOf(reply: WorkerReply, received: DeltaReceiver): Outcome {
  if (!reply.ok) return { ok: false, error: new Error(reply.error) };
  try {
    return { ok: true, result: reply.type === 'evaluate' ? received.result(reply.result) : reply.result };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e : new Error(String(e)) };
  }
}

/** The client is disposed: every queued request and the running one fail. */
export function rejectAll(queue: Pending[], running: Running | undefined): void {
  for (const p of queue.splice(0)) p.reject(new DisposedError());
  if (running) settle(running, { ok: false, error: new DisposedError() });
}

/** Latest edit wins: queuing an evaluation supersedes a queued evaluation of the same note. */
export function enqueue(queue: Pending[], pending: Pending): void {
  const request = pending.request;
  if (request.type === 'evaluate') {
    for (let i = queue.length - 1; i >= 0; i--) {
      const queued = queue[i].request;
      if (queued.type === 'evaluate' && queued.doc.uri === request.doc.uri) {
        const [old] = queue.splice(i, 1);
        old.reject(new SupersededError());
      }
    }
  }
  queue.push(pending);
}

/** Does this request count against the time limit? (Forgetting a note's caches never runs long.) */
export function isTimed(request: WorkerRequest): boolean {
  return request.type !== 'forget';
}

/**
 * Watches a running request: the worker counts its steps (a statement, the LaTeX checks,
 * ...), and a step that stays current past the limit calls `onStop` once. The limit counts
 * each step, not the worker's start. Returns the function that ends the watch.
 */
export function watchSteps(limitMs: number, currentStep: () => number, onStop: () => void): () => void {
  if (!(limitMs > 0)) return () => undefined;
  let step = currentStep();
  let since = performance.now();
  const every = Math.max(5, Math.min(250, limitMs / 4));
  const timer = setInterval(() => {
    const now = performance.now();
    const latest = currentStep();
    if (latest !== step) {
      step = latest;
      since = now;
    } else if (now - since >= limitMs) {
      clearInterval(timer);
      onStop();
    }
  }, every);
  return () => clearInterval(timer);
}

/** The detail a stop of a time limit carries. */
export function timeDetail(limitMs: number): string {
  return `ran past the time limit of ${formatMs(limitMs)}`;
}

interface StoppedLine {
  readonly line: number;
  readonly text: string;
  readonly message: string;
  /** The time limit it ran past; undefined for a stop the time limit did not make (memory, crash). */
  readonly timeLimitMs?: number;
}

/**
 * Statements stopped earlier, per note, with their line's text so an edit retries them, and
 * the time limit they ran past so a longer limit (or none) retries them too.
 */
export class StoppedBook {
  private readonly notes = new Map<string, Map<string, StoppedLine>>();

  /**
   * Stopped statements ("line:character" → message) still valid for this text (an edited line
   * runs again) and this time limit (a statement stopped by a shorter limit than `timeLimitMs`,
   * or any limit when `timeLimitMs` is 0, runs again).
   */
  current(doc: NoteDocument, timeLimitMs?: number): Map<string, string> {
    const lines = this.notes.get(doc.uri);
    if (!lines) return new Map();
    const text = splitLines(doc.text);
    const outgrown = (s: StoppedLine) => s.timeLimitMs !== undefined && timeLimitMs !== undefined && (!(timeLimitMs > 0) || timeLimitMs > s.timeLimitMs);
    for (const [key, s] of lines) if (text[s.line] !== s.text || outgrown(s)) lines.delete(key);
    return new Map([...lines].map(([key, s]) => [key, s.message]));
  }

  add(doc: NoteDocument, line: number, character: number, message: string, timeLimitMs?: number): void {
    const lines = this.notes.get(doc.uri) ?? new Map<string, StoppedLine>();
    lines.set(`${line}:${character}`, { line, text: splitLines(doc.text)[line] ?? '', message, timeLimitMs });
    this.notes.set(doc.uri, lines);
  }

  forget(uri: string): void {
    this.notes.delete(uri);
  }
}

export interface EvaluateWithStops<T = NoteResult> {
  readonly doc: NoteDocument;
  readonly settings: Partial<EngineSettings>;
  readonly derivations: boolean;
  /** Only the first screen's statements (EvaluateRequest.untilLine). */
  readonly untilLine?: number;
  readonly book: StoppedBook;
  /** Sends one request to the worker (an evaluation, or the CLI's check); rejects with a StopSignal when the worker was stopped. */
  send(request: EvaluateRequest): Promise<T>;
  /** What a note stopped as a whole answers (by default its result with the stop as a problem of the note). */
  stopped?(doc: NoteDocument, message: string): T;
  readonly timeLimitMs: number;
  /** How a stop names the limit: the editor's setting, or the CLI's option. */
  readonly limitName: string;
}

/**
 * Evaluates a note. Never fails for anything the note does: a stop is reported in the
 * result (at its statement, or as a problem of the note); it rejects only when superseded
 * by a newer edit or when the client is disposed.
 */
export async function evaluateWithStops<T = NoteResult>(run: EvaluateWithStops<T>): Promise<T> {
  const { doc, limitName } = run;
  const stopped = run.stopped ?? ((d: NoteDocument, message: string) => stoppedResult(d, message) as T);
  let latexStopped: string | undefined;
  let derivationsStopped: string | undefined;
  let skipAfter: EvaluateRequest['skipAfter'];
  let statementStops = 0;
  let otherStops = 0;
  // Each try removes one step (a statement, the LaTeX checks, the derivations), so this ends.
  for (let attempt = 0; attempt < MAX_STATEMENT_STOPS + 4; attempt++) {
    const stoppedHere = run.book.current(doc, run.timeLimitMs);
    try {
      return await run.send({
        doc,
        settings: run.settings,
        derivations: run.derivations,
        untilLine: run.untilLine,
        stopped: [...stoppedHere],
        skipAfter,
        latexStopped,
        derivationsStopped,
      });
    } catch (e) {
      if (e instanceof SupersededError || e instanceof DisposedError) throw e;
      if (!(e instanceof StopSignal)) return stopped(doc, say('stopped.failed', { detail: (e as Error).message }));
      const why = stopText(e, run.timeLimitMs, limitName);
      const { phase, line, character } = e.progress;
      if (phase === 'statement' && !stoppedHere.has(`${line}:${character}`)) {
        run.book.add(doc, line, character, say('stopped.statement', { why }), e.kind === 'time' ? run.timeLimitMs : undefined);
        if (++statementStops >= MAX_STATEMENT_STOPS) {
          skipAfter = { line, character, message: say('stopped.notEvaluated', { count: statementStops, limitName }) };
        }
      } else if (phase === 'latex' && latexStopped === undefined) {
        latexStopped = say('stopped.latex', { why });
      } else if (phase === 'derivations' && derivationsStopped === undefined) {
        derivationsStopped = say('stopped.derivations', { why });
      } else if (++otherStops > 2) {
        // Reading the note or sending its results: a note too large for the limit (tried three times,
        // as a busy machine can stall one try).
        return stopped(doc, say(phase === 'transfer' ? 'stopped.noteSending' : 'stopped.noteReading', { why }));
      }
    }
  }
  return stopped(doc, say('stopped.tooOften', { count: MAX_STATEMENT_STOPS + 4, limitName }));
}

function stopText(stop: StopSignal, limitMs: number, limitName: string): string {
  if (stop.kind === 'time') return say('stopped.why.time', { limit: formatMs(limitMs), limitName });
  if (stop.kind === 'memory') return say('stopped.why.memory');
  return say('stopped.why.crash', { detail: stop.message });
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
