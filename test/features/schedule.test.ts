// After an edit: a quick note runs at once, a slow one waits for the delay setting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluationWait } from '../../src/features/schedule';

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
