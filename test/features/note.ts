// Fixture notes for the feature tests: a note's text evaluated by the real engine, with
// its text as the features read it and positions found by the text at them.
import { createEngine } from '../../src/engine';
import type { EngineSettings, NoteResult, Position } from '../../src/engine/types';
import { noteText, type NoteText } from '../../src/features/text';

const engines = new Map<string, ReturnType<typeof createEngine>>();
let version = 0;

export interface Note {
  readonly source: string;
  readonly result: NoteResult;
  readonly text: NoteText;
  readonly lines: string[];
  readonly uri: string;
  /** The derivation of statement `index`, as the worker would give it. */
  derive(index: number): ReturnType<ReturnType<typeof createEngine>['derive']>;
}

export function note(source: string, settings: Partial<EngineSettings> = {}): Note {
  const key = JSON.stringify(settings);
  let engine = engines.get(key);
  if (!engine) {
    engine = createEngine();
    engine.configure(settings);
    engines.set(key, engine);
  }
  const uri = `file:///notes/n${++version}.md`;
  const result = engine.evaluate({ uri, version, text: source });
  const e = engine;
  return { source, result, text: noteText(source), lines: source.split('\n'), uri, derive: (index) => e.derive(uri, index, result.version) };
}

/** The position of the `nth` (0-based) occurrence of `needle`, moved `offset` characters into it. */
export function at(source: string, needle: string, offset = 0, nth = 0): Position {
  let from = -1;
  for (let i = 0; i <= nth; i++) {
    from = source.indexOf(needle, from + 1);
    if (from < 0) throw new Error(`"${needle}" (#${nth}) is not in the note`);
  }
  const before = source.slice(0, from + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
