// Go to Definition on fixture notes: the assignment a name refers to, where the cursor is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { definitionAt, definitionOf } from '../../src/features/definition';
import { at, note } from './note';

const SOURCE = ['```dl-calc', 'lr = 0.1', 'step = lr * 2', 'lr = 0.01', 'late = lr', '```', '', 'Inline `= lr * 10`.', ''].join('\n');

test('a use goes to the latest assignment before it; a redefinition goes to itself', () => {
  const n = note(SOURCE);
  assert.deepEqual(definitionAt(n.result, n.text, at(SOURCE, 'lr * 2', 1)), { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
  assert.deepEqual(definitionAt(n.result, n.text, at(SOURCE, 'lr\n```', 1))?.start.line, 3);
  assert.deepEqual(definitionAt(n.result, n.text, at(SOURCE, 'lr = 0.01', 1))?.start.line, 3, 'own name');
  assert.deepEqual(definitionAt(n.result, n.text, at(SOURCE, 'lr * 10', 1))?.start.line, 3, 'inline span');
});

test('no definition outside dl-calc code, for an unknown name or a function', () => {
  const n = note(SOURCE);
  assert.equal(definitionAt(n.result, n.text, at(SOURCE, 'Inline', 2)), undefined);
  assert.equal(definitionOf(n.result, 'nosuch', at(SOURCE, 'late')), undefined);
  const fn = note('```dl-calc\ny = sigmoid(0)\n```\n');
  assert.equal(definitionAt(fn.result, fn.text, at(fn.source, 'sigmoid', 2)), undefined);
});
