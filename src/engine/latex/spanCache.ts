// Checks of a formula from the last run, reused while nothing the formula read has changed.
// A formula's chains read the note's scope (names its math bound above, rounded results,
// formulas), the dl-calc bindings, and what the symbolic rows learned; they write to the
// scope. While a formula is checked its reads and writes are recorded (a trace); in the
// next run a formula with the same text at the same place whose every read gives the
// same answer gets its results and its writes replayed, so an edit re-checks only the
// formula edited and those that read what it changed. Soundness rests on every read
// going through TrackedMap or the traced env; test/engine/latex/spanCache.test.ts
// compares warm results with a fresh checker's after random edits.
import type { LatexChainResult } from './types';
import type { MathSpan } from './mathSpans';

/**
 * In the order they happened: a read of a scope map (`get`, or `has` with a `?` kind) or
 * of the env (`lookup`, `bindingLine`) with its answer as a signature; a write to a
 * scope map (`DELETED` removes the key).
 */
export type TraceOp =
  | { readonly read: 'get' | 'has'; readonly map: string; readonly key: string; readonly answer: string; readonly value?: unknown }
  | { readonly read: 'lookup' | 'bindingLine'; readonly name: string; readonly line: number; readonly answer: string; readonly value?: unknown }
  | { readonly write: string; readonly key: string; readonly value: unknown };

/** The scope a trace is checked against and replayed into: its maps by id. */
export interface TracedScope {
  map(id: string): TrackedMap<unknown>;
}

export const DELETED = Symbol('deleted');

/** What a formula's check read and wrote, and its results. */
export interface SpanTrace {
  readonly ops: TraceOp[];
  /** The symbolic rows' state before, and what the formula taught them. */
  rowsBefore?: string;
  rowsDelta?: unknown;
  results?: readonly LatexChainResult[];
}

/** Answers the env reads of a trace again. */
export interface EnvReads {
  lookup(name: string, line: number): number | undefined;
  bindingLine?(name: string, line: number): number | undefined;
}

/**
 * True when every read of the trace answers the same now, reading the trace's own writes
 * where it made them before reading (a formula reads what it just bound).
 */
export function stillHolds(trace: SpanTrace, scope: TracedScope, env: EnvReads): boolean {
  const own = new Map<string, Map<string, unknown>>();
  for (const op of trace.ops) {
    if ('write' in op) {
      let m = own.get(op.write);
      if (!m) own.set(op.write, (m = new Map()));
      m.set(op.key, op.value);
      continue;
    }
    let now: unknown;
    if (!('map' in op)) now = op.read === 'lookup' ? env.lookup(op.name, op.line) : env.bindingLine?.(op.name, op.line);
    else {
      const mine = own.get(op.map);
      const written = mine?.has(op.key);
      const map = scope.map(op.map);
      const value = written ? mine!.get(op.key) : map.peek(op.key);
      if (op.read === 'has') now = written ? value !== DELETED : map.peekHas(op.key);
      else now = value === DELETED ? undefined : value;
    }
    // Replayed writes put back the very objects read last time: most answers are the same object.
    if (Object.is(now, op.value)) continue;
    if (signature(now) !== op.answer) return false;
  }
  return true;
}

/** Applies a trace's writes, in order. */
export function replayWrites(trace: SpanTrace, scope: TracedScope): void {
  for (const op of trace.ops) if ('write' in op) scope.map(op.write).apply(op.key, op.value);
}

/** A plain-data signature of an answer: equal signatures, equal answers. */
export function signature(v: unknown): string {
  if (v === undefined) return 'u';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : `n${v}`;
  if (typeof v === 'boolean' || typeof v === 'string') return `${(typeof v)[0]}${String(v)}`;
  // A translation's tree only restates its expression (and positions into another formula).
  return JSON.stringify(v, (k, x) => (k === 'ast' ? undefined : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
}

/** A map of the note's scope whose reads and writes go to the trace being recorded. */
export class TrackedMap<V> {
  private readonly map = new Map<string, V>();
  constructor(
    readonly id: string,
    private readonly tracer: { trace?: SpanTrace },
  ) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    this.tracer.trace?.ops.push({ read: 'get', map: this.id, key, answer: signature(v), value: v });
    return v;
  }

  has(key: string): boolean {
    const v = this.map.has(key);
    this.tracer.trace?.ops.push({ read: 'has', map: this.id, key, answer: signature(v), value: v });
    return v;
  }

  set(key: string, value: V): this {
    this.map.set(key, value);
    this.tracer.trace?.ops.push({ write: this.id, key, value });
    return this;
  }

  delete(key: string): boolean {
    const had = this.map.delete(key);
    this.tracer.trace?.ops.push({ write: this.id, key, value: DELETED });
    return had;
  }

  /** Untraced: for what runs between formulas (a heading), and for checking a trace. */
  peek(key: string): V | undefined {
    return this.map.get(key);
  }

  peekHas(key: string): boolean {
    return this.map.has(key);
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  clear(): void {
    this.map.clear();
  }

  /** Applies a recorded write (replay). */
  apply(key: string, value: unknown): void {
    if (value === DELETED) this.map.delete(key);
    else this.map.set(key, value as V);
  }
}

/** The key of a formula: its text, where it stands, and how it is read. */
export function spanKey(span: MathSpan, symbolic: boolean): string {
  // Every content line's position, so a formula moved or re-indented is checked again.
  let lines = '';
  for (let i = span.content.indexOf('\n'); i >= 0; i = span.content.indexOf('\n', i + 1)) {
    const p = span.positionAt(i + 1);
    lines += `${p.line}:${p.character},`;
  }
  const r = span.range;
  return [
    span.content,
    span.expandedFrom ?? '',
    `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`,
    lines,
    span.display ? 'd' : 'i',
    span.adjacent ? 'a' : '',
    span.where ?? '',
    symbolic ? 's' : '',
  ].join('\u0000');
}

/**
 * The traces of one note's last run, by formula key. Each run keeps only the traces of
 * formulas it saw, so the cache never outgrows the note.
 */
export class SpanCache {
  private last = new Map<string, SpanTrace>();
  private next = new Map<string, SpanTrace>();
  private reusing = 0;
  /** How many formulas the last run reused (for tests and the bench). */
  reused = 0;

  find(key: string): SpanTrace | undefined {
    return this.last.get(key);
  }

  keep(key: string, trace: SpanTrace): void {
    this.next.set(key, trace);
  }

  /** Keeps a trace that this run reused. */
  reuse(key: string, trace: SpanTrace): void {
    this.reusing++;
    this.next.set(key, trace);
  }

  /** Ends a run: the traces it kept are the ones the next run can reuse. */
  finish(): void {
    this.last = this.next;
    this.next = new Map();
    this.reused = this.reusing;
    this.reusing = 0;
  }
}
