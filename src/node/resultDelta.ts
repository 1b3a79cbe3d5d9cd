// A result crosses from the worker to its host as a delta against the last result the
// worker sent for the same note: an element of its lists equal to the element at the same
// index last time travels as null, and the host puts its own copy back. A keystroke changes
// a few of a note's thousands of statements, and copying all of them between threads was
// most of the round trip (docs/performance.md, Typing). Both ends keep one result per note
// and drop it when the note is forgotten; a new worker starts with none and sends in full
// (a reply that cannot be posted throws out of the worker's handler, and the host replaces
// that worker, so no delta is ever sent against a result the host never got).
// Pure: shared by the Node worker and the web worker.
import type { NoteResult } from '../engine/types';

/** The lists of a result that travel as deltas. */
const LISTS = ['statements', 'latex', 'diagnostics', 'blocks'] as const;
type ListKey = (typeof LISTS)[number];

export type WireResult = Omit<NoteResult, ListKey> & { readonly [K in ListKey]: readonly (NoteResult[K][number] | null)[] } & {
  /** The version of the result the nulls refer to; absent when sent in full. */
  readonly base?: number;
};

/**
 * Plain data compared by value, identity first (the engine reuses the values of statements
 * an edit did not reach). Deeper than `depth` counts as different: a delta may only ever
 * send more than it must.
 */
export function sameData(a: unknown, b: unknown, depth = 6): boolean {
  if (a === b) return true;
  if (depth === 0 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i], depth - 1)) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth - 1)) return false;
  }
  return true;
}

/** The worker's end: what to send for `result`, given what was sent for its note before. */
export class DeltaSender {
  private readonly sent = new Map<string, NoteResult>();

  wire(result: NoteResult): WireResult {
    const before = this.sent.get(result.uri);
    this.sent.set(result.uri, result);
    if (!before) return result;
    const lists = {} as Record<ListKey, unknown[]>;
    let reused = 0;
    for (const key of LISTS) {
      const now = result[key] as readonly unknown[];
      const then = before[key] as readonly unknown[];
      lists[key] = now.map((item, i) => {
        if (i < then.length && sameData(item, then[i])) {
          reused++;
          return null;
        }
        return item;
      });
    }
    return reused ? { ...result, ...lists, base: before.version } as WireResult : result;
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}

/** The host's end: the whole result back from a delta, against the last result received for its note. */
export class DeltaReceiver {
  private readonly received = new Map<string, NoteResult>();

  result(wire: WireResult): NoteResult {
    let result: NoteResult;
    if (wire.base === undefined) result = wire as NoteResult;
    else {
      const before = this.received.get(wire.uri);
      // The channel is ordered and both ends forget together: a missing base is a bug here.
      if (!before || before.version !== wire.base) throw new Error(`dl-calc: the result of ${wire.uri} came as a delta against a result this side does not have`);
      const lists = {} as Record<ListKey, unknown[]>;
      for (const key of LISTS) {
        const then = before[key] as readonly unknown[];
        lists[key] = (wire[key] as readonly unknown[]).map((item, i) => (item === null ? then[i] : item));
      }
      const { base: _base, ...rest } = wire;
      result = { ...rest, ...lists } as NoteResult;
    }
    this.received.set(result.uri, result);
    return result;
  }

  forget(uri: string): void {
    this.received.delete(uri);
  }
}
