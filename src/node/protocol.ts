// Messages between the evaluation worker and its host (editor or CLI): one map from
// request type to what it carries and what it answers, so both sides are typed from it.
import type { Derivation, EngineSettings, NoteDocument, NoteResult } from '../engine/types';
import type { NoteOutput, OutputMode } from '../engine/report';
import type { WireResult } from './resultDelta';

export interface EvaluateRequest {
  readonly doc: NoteDocument;
  readonly settings: Partial<EngineSettings>;
  readonly derivations: boolean;
  /** ["line:character", message] pairs of statements that must not run again. */
  readonly stopped: readonly (readonly [string, string])[];
  /** The editor's first screen of a long note: only statements up to this line (EvaluateOptions.untilLine). */
  readonly untilLine?: number;
  /** Statements after this position are not run (too many were stopped). */
  readonly skipAfter?: { readonly line: number; readonly character: number; readonly message: string };
  /** The LaTeX checks were stopped before: evaluate without them and report this instead. */
  readonly latexStopped?: string;
  /** Building derivations was stopped before: evaluate without them and report this instead. */
  readonly derivationsStopped?: string;
}

export interface RequestMap {
  /** The result as a delta against the last one sent for the note (resultDelta.ts). */
  readonly evaluate: { readonly request: EvaluateRequest; readonly reply: WireResult };
  /**
   * `dl-calc check`'s request (Node worker only): the note evaluated, what it prints
   * (src/engine/report.ts) made in the worker and the note forgotten there, so only a few lines
   * cross to the host, never the note's whole results, and no `forget` follows.
   */
  readonly check: { readonly request: EvaluateRequest & { readonly path: string; readonly mode: OutputMode }; readonly reply: NoteOutput };
  /** The derivation of statement `index` of the run of `version` (undefined for another version). */
  readonly derive: { readonly request: { readonly uri: string; readonly version: number; readonly index: number }; readonly reply: Derivation | undefined };
  readonly forget: { readonly request: { readonly uri: string }; readonly reply: undefined };
  /** LaTeX formulas to SVG markup (MathJax, loaded on first use); undefined for one that fails. */
  readonly texToSvg: { readonly request: { readonly formulas: readonly string[]; readonly display: boolean }; readonly reply: (string | undefined)[] };
}

export type RequestType = keyof RequestMap;

/** What a request answers on the host's side: an evaluation's delta made whole (outcomeOf). */
export type Answer<K extends RequestType> = K extends 'evaluate' ? NoteResult : RequestMap[K]['reply'];

export type WorkerRequest<K extends RequestType = RequestType> = K extends RequestType
  ? { readonly id: number; readonly type: K } & RequestMap[K]['request']
  : never;

export type WorkerReply<K extends RequestType = RequestType> = K extends RequestType
  ?
      | { readonly id: number; readonly type: K; readonly ok: true; readonly result: RequestMap[K]['reply'] }
      | { readonly id: number; readonly type: K; readonly ok: false; readonly error: string }
  : never;

export type WorkerMessage =
  | WorkerReply
  /** Sent once, when the worker has loaded: time limits start counting from here. */
  | { readonly id: 0; readonly ready: true };

/**
 * What the worker is doing, in the shared progress slot, so the host can say where a stop
 * happened even though the worker cannot answer while it is busy.
 */
export const PHASES = ['idle', 'parse', 'statement', 'latex', 'derivations', 'transfer', 'svg', 'request'] as const;
export type Phase = (typeof PHASES)[number];

/** Int32 slots of the progress buffer. */
export const SLOT = { phase: 0, index: 1, line: 2, character: 3, step: 4 } as const;
export const PROGRESS_BYTES = 5 * 4;

export interface WorkerData {
  readonly progress: SharedArrayBuffer;
  /** 'engine' loads mathjs and answers evaluate/derive/forget; 'tex' only typesets SVG. */
  readonly role: 'engine' | 'tex';
  /** The host's translation bundle (vscode.l10n.bundle, or the CLI's), so the worker speaks the reader's language. */
  readonly messages?: Readonly<Record<string, string>>;
  /** For workerLoader.js: the worker bundle it starts, and the folder of its V8 code cache (none: no cache). */
  readonly bundle?: string;
  readonly codeCacheDir?: string;
}

/** Where the worker was, read from the progress slot. */
export interface Progress {
  readonly phase: Phase;
  readonly index: number;
  readonly line: number;
  readonly character: number;
  readonly step: number;
}

export function readProgress(buffer: SharedArrayBuffer): Progress {
  const slots = new Int32Array(buffer);
  return {
    phase: PHASES[Atomics.load(slots, SLOT.phase)] ?? 'idle',
    index: Atomics.load(slots, SLOT.index),
    line: Atomics.load(slots, SLOT.line),
    character: Atomics.load(slots, SLOT.character),
    step: Atomics.load(slots, SLOT.step),
  };
}

/** Records a step: the phase, and for statements where it starts. Each call counts as progress. */
export function writeProgress(slots: Int32Array, phase: Phase, index = 0, line = 0, character = 0): void {
  Atomics.store(slots, SLOT.index, index);
  Atomics.store(slots, SLOT.line, line);
  Atomics.store(slots, SLOT.character, character);
  Atomics.store(slots, SLOT.phase, PHASES.indexOf(phase));
  Atomics.add(slots, SLOT.step, 1);
}
