// "Record results": the `#= value` comment after each statement, written or updated, so
// the note keeps its numbers readable on any Markdown viewer and a stale number fails
// loudly. Plain edits ({range, newText}) on the text the result was computed from.
import type { NoteResult, Range, StatementResult, ValueView } from '../engine/types';
import type { NoteText } from './text';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A value written back as dl-calc source that the engine reads as the same value. */
export function recordText(view: ValueView | undefined, actual?: string): string | undefined {
  const text = actual ?? view?.short;
  if (!text || !view) return undefined;
  switch (view.type) {
    case 'number': {
      const plain = text.replace(/,/g, '');
      return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain) ? plain : undefined;
    }
    case 'matrix': {
      const full = (actual ?? view.full).replace(/^\([^)]*\)\s*/, '');
      return full.includes('…') ? undefined : full.replace(/(\d),(\d{3})/g, '$1$2');
    }
    case 'unit':
    case 'boolean':
      return text;
    default:
      return undefined;
  }
}

/** Is `s` the last statement that ends on its line? (Only those get a record.) */
function lastOnLine(result: NoteResult, s: StatementResult): boolean {
  return !result.statements.some((o) => o !== s && !o.inline && o.range.start.line === s.range.end.line && o.range.start.character > s.range.start.character);
}

/** Edits that write each statement's record; `block` limits them to one block. */
export function recordEdits(text: NoteText, result: NoteResult, block?: number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const s of result.statements) {
    if (s.inline || (block !== undefined && s.block !== block) || s.kind === 'error') continue;
    if (!lastOnLine(result, s) || s.range.end.line >= text.lineCount) continue;
    const lineNo = s.range.end.line;
    const line = text.lineAt(lineNo);
    const tail = line.slice(s.range.end.character);
    const hash = tail.indexOf('#');
    const hasRecord = hash >= 0 && tail.startsWith('#=', hash);
    if (hash >= 0 && !hasRecord) continue; // a plain comment: leave the line alone
    let value: string | undefined;
    if (s.kind === 'value') value = recordText(s.value);
    else if (hasRecord && s.check) value = recordText(s.value, s.value?.short ?? s.check.actual);
    if (!value) continue;
    const span = (from: number): Range => ({ start: { line: lineNo, character: from }, end: { line: lineNo, character: line.length } });
    if (hasRecord) {
      const at = s.range.end.character + hash;
      const wanted = `#= ${value}`;
      if (line.slice(at).trimEnd() !== wanted) edits.push({ range: span(at), newText: wanted });
    } else edits.push({ range: span(line.trimEnd().length), newText: ` #= ${value}` });
  }
  return edits;
}
