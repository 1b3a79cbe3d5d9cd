// After an edit: a quick note runs at once, a slow one waits for the delay setting. On a
// first showing, a long note's first screen runs before the whole note.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluationWait, firstScreenEnd, FIRST_SCREEN_LINES } from '../../src/features/schedule';

test('a note whose last run was quicker than the delay is evaluated at once', () => {
  assert.equal(evaluationWait(150, 4), 0);
  assert.equal(evaluationWait(150, 149.9), 0);
});

test('a note whose last run took the delay or longer waits the delay after the last keystroke', () => {
  assert.equal(evaluationWait(150, 150), 150);
  assert.equal(evaluationWait(150, 2400), 150);
});

test('no run yet, or a delay of 0, never waits', () => {
  assert.equal(evaluationWait(150, undefined), 0);
  assert.equal(evaluationWait(0, 5000), 0);
});

test('a long note in no visible editor yet: its first 150 lines; one visible: up to its last visible line', () => {
  assert.equal(firstScreenEnd(2 * FIRST_SCREEN_LINES + 1, []), FIRST_SCREEN_LINES);
  assert.equal(firstScreenEnd(5000, [40, 95]), 95);
  assert.equal(firstScreenEnd(5000, [2000]), 2000);
});

test('no first screen for a note not twice the screen long', () => {
  assert.equal(firstScreenEnd(2 * FIRST_SCREEN_LINES, []), undefined);
  assert.equal(firstScreenEnd(40, []), undefined);
  // Scrolled past the middle: the screen would be most of the note.
  assert.equal(firstScreenEnd(3000, [1600]), undefined);
});
