// The note as every editor feature shows it: the last run, mapped through the edits made
// since it was computed (so a value stays on its statement while the next run is under
// way), with the errors of the statement being typed held back (a half-typed `soft` is not
// flagged as an unknown name). Inline results, Problems and CodeLens all read through here,
// so they always show the same run. The VS Code side (extension/view.ts) says when the
// user is typing and where the cursor is.
import type { EngineDiagnostic, NoteResult, Range, StatementResult } from '../engine/types';
import { mapLine, mapPosition, mapRange, rangeEdited, type TextChange } from './editMap';
import { checkOperatorRange, layout, type InlineMark } from './inlineResults';
import type { NoteText } from './text';

/** Typing has paused this long after the last keystroke: held-back errors show. */
export const TYPING_PAUSE_MS = 1000;

export interface ShownNote {
  readonly result: NoteResult;
  /** The text the result was computed from, as lines. */
  readonly lines: readonly string[];
  /** Edits since (one list of changes per edit, oldest first). */
  readonly edits: readonly (readonly TextChange[])[];
}

/**
 * Which statements' outcomes are held back: errors on the line the cursor is typing in.
 * `typingLine` is the cursor's line while the user types in this note, else undefined.
 */
export function heldBack(note: ShownNote, typingLine: number | undefined): (s: StatementResult) => boolean {
  // An error of a statement edited since the run is about text that is gone (a half-typed
  // `sof` completed to `softmax(z)`): held back until the next run, which after a stopped
  // statement can be a whole time limit away.
  const edited = (s: StatementResult) => s.kind === 'error' && note.edits.length > 0 && rangeEdited(s.range, note.edits);
  if (typingLine === undefined) return edited;
  return (s) => {
    if (s.kind !== 'error') return false;
    const r = mapRange(s.range, note.edits);
    return !r || (r.start.line <= typingLine && typingLine <= r.end.line) || edited(s);
  };
}

/** Inline marks on today's text (lines and columns of the document as it is now). */
export function marksToday(note: ShownNote, today: NoteText, maxLength: number, hidden: (s: StatementResult) => boolean): InlineMark[] {
  const out: InlineMark[] = [];
  for (const m of layout(note.lines, note.result, maxLength, hidden)) {
    const at = mapPosition({ line: m.line, character: m.character }, note.edits);
    if (!at || at.line >= today.lineCount) continue;
    const character = m.atLineEnd ? today.lineAt(at.line).length : at.character;
    out.push({ line: at.line, character, atLineEnd: m.atLineEnd, kind: m.kind, text: m.text, statements: m.statements });
  }
  return out;
}

const inside = (r: Range, outer: Range) =>
  (r.start.line > outer.start.line || (r.start.line === outer.start.line && r.start.character >= outer.start.character)) &&
  (r.end.line < outer.end.line || (r.end.line === outer.end.line && r.end.character <= outer.end.character));

/** The run's diagnostics on today's text, without the errors of held-back statements. */
export function diagnosticsToday(note: ShownNote, hidden: (s: StatementResult) => boolean): EngineDiagnostic[] {
  const heldRanges: Range[] = note.result.statements.filter(hidden).map((s) => s.range);
  const out: EngineDiagnostic[] = [];
  for (const d of note.result.diagnostics) {
    if (d.severity === 'error' && heldRanges.some((h) => inside(d.range, h))) continue;
    const range = mapRange(d.range, note.edits);
    if (range) out.push({ ...d, range });
  }
  return out;
}

/** The comparison operators of checks on today's text, by outcome (they carry its colour). */
export function operatorsToday(note: ShownNote): { pass: Range[]; fail: Range[] } {
  const out: { pass: Range[]; fail: Range[] } = { pass: [], fail: [] };
  for (const s of note.result.statements) {
    const r = checkOperatorRange(note.lines, s);
    const mapped = r && mapRange(r, note.edits);
    if (mapped) out[s.check!.ok ? 'pass' : 'fail'].push(mapped);
  }
  return out;
}

/** Where a line of the run's text is today (undefined when it was replaced). */
export function lineToday(note: ShownNote, line: number): number | undefined {
  return mapLine(line, note.lines[line]?.length ?? 0, note.edits);
}
