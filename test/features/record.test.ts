// "Record results" as plain edits on fixture notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordEdits, recordText, type TextEdit } from '../../src/features/record';
import { at, note } from './note';

function apply(source: string, edits: readonly TextEdit[]): string {
  const lines = source.split('\n');
  for (const e of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
    const l = lines[e.range.start.line];
    lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
  }
  return lines.join('\n');
}

test('a record after each value; a stale record updated; comments and errors left alone', () => {
  const source = ['```dl-calc', 'x = 3   ', 'y = x * 2 #= 5', 'z = y # note', 'bad = nosuch', 'a = 1; b = 2', 'x ≈ 3 #= 4', '```', '', '```dl-calc', 'w = 7', '```'].join('\n');
  const n = note(source);
  const edited = apply(source, recordEdits(n.text, n.result));
  assert.equal(
    edited,
    ['```dl-calc', 'x = 3 #= 3', 'y = x * 2 #= 6', 'z = y # note', 'bad = nosuch', 'a = 1; b = 2 #= 2', 'x ≈ 3 #= 3', '```', '', '```dl-calc', 'w = 7 #= 7', '```'].join('\n'),
  );
  // Once recorded, nothing more to do.
  const again = note(edited);
  assert.deepEqual(recordEdits(again.text, again.result), []);
});

test('one block only when asked', () => {
  const source = '```dl-calc\nx = 3\n```\n\n```dl-calc\ny = 4\n```\n';
  const n = note(source);
  const edits = recordEdits(n.text, n.result, 1);
  assert.equal(edits.length, 1);
  assert.deepEqual(edits[0], { range: { start: at(source, 'y = 4', 5), end: at(source, 'y = 4', 5) }, newText: ' #= 4' });
});

test('a recorded value reads back as the same value (grouping removed, cut matrices skipped)', () => {
  assert.equal(recordText({ type: 'number', short: '1,234,567', full: '1,234,567' } as never), '1234567');
  assert.equal(recordText({ type: 'number', short: 'NaN', full: 'NaN' } as never), undefined);
  assert.equal(recordText({ type: 'matrix', short: '[1, 2]', full: '(2) [1,000, 2]' } as never), '[1000, 2]');
  assert.equal(recordText({ type: 'matrix', short: '[1, …]', full: '[1, …, 9]' } as never), undefined);
  assert.equal(recordText({ type: 'unit', short: '3 cm', full: '3 cm' } as never), '3 cm');
});
