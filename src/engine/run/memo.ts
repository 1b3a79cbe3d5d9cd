// The memo: a statement's last outcome with the values it read. When the same statement
// reads the very same values (identity) again, its outcome is reused: an edit re-evaluates
// only the statements downstream of it, which keeps typing cheap on long notes.
import type { CompareSides } from '../derivation';
import type { CheckOutcome, ValueView } from '../types';

export interface MemoEntry {
  /** The isolated block group the statement ran in (undefined: the note's scope). */
  readonly group: number | undefined;
  readonly precision: number;
  /** The `#= value` recorded beside the statement. */
  readonly record: string | undefined;
  readonly inputs: readonly unknown[];
  readonly value: unknown;
  readonly shown?: ValueView;
  readonly check?: CheckOutcome;
  readonly relation?: CompareSides;
}

/** By statement text, then by occurrence of that text in the note. */
export type Memo = Map<string, MemoEntry[]>;

/** What must be the same for an outcome to be reused. */
export type MemoKey = Pick<MemoEntry, 'group' | 'precision' | 'record' | 'inputs'>;

/** The earlier outcome of occurrence `occurrence` of `text`, when it read exactly `key`'s inputs. */
export function reusable(memo: ReadonlyMap<string, readonly MemoEntry[]>, text: string, occurrence: number, key: MemoKey): MemoEntry | undefined {
  const entry = memo.get(text)?.[occurrence];
  if (
    entry &&
    entry.group === key.group &&
    entry.precision === key.precision &&
    entry.record === key.record &&
    entry.inputs.length === key.inputs.length &&
    entry.inputs.every((v, i) => Object.is(v, key.inputs[i]))
  ) {
    return entry;
  }
  return undefined;
}

export function remember(memo: Memo, text: string, occurrence: number, entry: MemoEntry): void {
  let list = memo.get(text);
  if (!list) memo.set(text, (list = []));
  list[occurrence] = entry;
}
