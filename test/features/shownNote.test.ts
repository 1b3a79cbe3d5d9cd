// The note as shown while it is edited: marks, diagnostics and operators of the last run
// mapped through the edits since, errors of the line being typed held back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TextChange } from '../../src/features/editMap';
import { diagnosticsToday, heldBack, lineToday, marksToday, operatorsToday, type ShownNote } from '../../src/features/shownNote';
import { noteText } from '../../src/features/text';
import { note } from './note';

const SOURCE = ['```dl-calc', 'x = 3', 'x ≈ 3', 'q = nosuch', '```'].join('\n');
/** Enter at the start of line 1: a blank line above the block's first statement. */
const insertLine: TextChange = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' };

function shown(edits: TextChange[][] = []): ShownNote {
  const n = note(SOURCE);
  return { result: n.result, lines: n.lines, edits };
}

test('marks move with the lines they belong to and sit at the end of today’s line', () => {
  const today = noteText(['```dl-calc', '', 'x = 3  ', 'x ≈ 3', 'q = nosuch', '```'].join('\n'));
  const marks = marksToday(shown([[insertLine]]), today, 60, () => false);
  assert.deepEqual(
    marks.map((m) => [m.line, m.character, m.kind]),
    [
      [2, 7, 'value'],
      [3, 5, 'pass'],
      [4, 10, 'error'],
    ],
  );
  assert.equal(lineToday(shown([[insertLine]]), 0), 0);
  assert.equal(lineToday(shown([[insertLine]]), 1), 2);
});

test('the error on the line being typed is held back, in marks and in Problems', () => {
  const note = shown();
  const typing = heldBack(note, 3);
  assert.deepEqual(marksToday(note, noteText(SOURCE), 60, typing).map((m) => m.kind), ['value', 'pass']);
  assert.ok(!diagnosticsToday(note, typing).some((d) => d.severity === 'error'));
  assert.ok(diagnosticsToday(note, heldBack(note, undefined)).some((d) => d.severity === 'error' && d.range.start.line === 3));
  // Typing elsewhere holds nothing back.
  assert.equal(marksToday(note, noteText(SOURCE), 60, heldBack(note, 1)).length, 3);
});

test('diagnostics follow edits; one whose text was replaced is dropped', () => {
  const moved = diagnosticsToday(shown([[insertLine]]), () => false);
  assert.ok(moved.some((d) => d.range.start.line === 4));
  const replaced: TextChange = { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 10 } }, text: 'q = 1' };
  assert.ok(!diagnosticsToday(shown([[replaced]]), () => false).some((d) => d.severity === 'error'));
});

test('the operator of each check, by outcome', () => {
  const n = note('```dl-calc\nx = 3\nx ≈ 3\nx > 4\n```');
  const ops = operatorsToday({ result: n.result, lines: n.lines, edits: [] });
  assert.deepEqual(ops.pass, [{ start: { line: 2, character: 2 }, end: { line: 2, character: 3 } }]);
  assert.deepEqual(ops.fail, [{ start: { line: 3, character: 2 }, end: { line: 3, character: 3 } }]);
});
