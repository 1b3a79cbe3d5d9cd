// The full-width quick fix and the activation test, on fixture notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasContent, mayHaveContent } from '../../src/features/detect';
import { fullWidthFix } from '../../src/features/fullWidthFix';
import { levelHolding } from '../../src/features/settingTarget';
import { noteText } from '../../src/features/text';
import { note } from './note';

test('a full-width mark the engine flags is replaced by its ASCII twin', () => {
  const n = note('```dl-calc\nx = 3\nx ＜ 4\n```\n');
  const d = n.result.diagnostics.find((x) => /^full-width/.test(x.message));
  assert.ok(d, JSON.stringify(n.result.diagnostics));
  const fix = fullWidthFix(n.text, d)!;
  assert.equal(fix.title, 'Replace ＜ with <');
  assert.deepEqual(fix.edit, { range: d.range, newText: '<' });
  // Not once the text there changed, nor for another message.
  assert.equal(fullWidthFix(noteText('```dl-calc\nx = 3\nx < 4\n```\n'), d), undefined);
  assert.equal(fullWidthFix(n.text, { ...d, message: 'Unknown name' }), undefined);
});

test('which notes start dl-calc: blocks and spans; math chains only with LaTeX checks on', () => {
  assert.ok(hasContent('```dl-calc\nx = 1\n```\n', false));
  assert.ok(hasContent('It is `= 2 * 3`.', false));
  assert.ok(!hasContent('Text `code` only.', true));
  assert.ok(!hasContent('$0.5 - 0.03 = 0.47$', false));
  assert.ok(hasContent('$0.5 - 0.03 = 0.47$', true));
  assert.ok(!mayHaveContent('# Title\n\nplain words', true));
});

test('a toggle writes where the effective value is set', () => {
  assert.equal(levelHolding(undefined), 'global');
  assert.equal(levelHolding({ globalValue: true, workspaceValue: false }), 'workspace');
  assert.equal(levelHolding({ workspaceValue: false, workspaceFolderValue: true }), 'workspaceFolder');
});
