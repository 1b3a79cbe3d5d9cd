// The names a run knows: a note's one scope, or an isolated block's own.
import type { ValueView } from '../types';

interface Definition {
  readonly line: number;
  readonly view: ValueView;
}

export class Scope {
  /** What mathjs reads and assigns. */
  readonly values = new Map<string, unknown>();
  /** Where each name was last defined, and its value as shown (for "depends on"). */
  readonly defined = new Map<string, Definition>();
  /** Names whose last assignment failed, by line: what reads them fails too. */
  readonly failed = new Map<string, number>();

  /** A statement assigning `name` succeeded at `line`. */
  define(name: string, line: number, view: ValueView): void {
    this.failed.delete(name);
    this.defined.set(name, { line, view });
  }

  /** A statement assigning `name` failed at `line`: the name holds nothing now. */
  fail(name: string, line: number): void {
    this.failed.set(name, line);
    this.defined.delete(name);
    this.values.delete(name);
  }
}
