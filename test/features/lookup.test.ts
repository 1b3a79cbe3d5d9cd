// Statement lookup, dl-calc code detection and names in scope, on fixture notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockAt, inDlCalcCode, namesInScope, statementAt } from '../../src/features/lookup';
import { nameAt, noteText } from '../../src/features/text';
import { at, note } from './note';

const SOURCE = [
  '# Forward pass',
  '',
  '```dl-calc',
  'x = 2; y = x * 3 # a comment',
  'z = y + 1',
  '```',
  '',
  'Prose with `= z * 2` inline and `code`.',
  '',
  '```dl-calc isolated',
  'w = 5',
  '```',
  '',
  '```dl-calc',
  'after = z',
  '```',
].join('\n');

test('the statement at a position: the one containing it, else the last one started on its line', () => {
  const n = note(SOURCE);
  assert.equal(statementAt(n.result, at(SOURCE, 'x = 2'))?.source, 'x = 2');
  assert.equal(statementAt(n.result, at(SOURCE, 'y = x'))?.source, 'y = x * 3');
  // On the comment after the last statement of the line.
  assert.equal(statementAt(n.result, at(SOURCE, 'a comment'))?.source, 'y = x * 3');
  assert.equal(statementAt(n.result, at(SOURCE, 'z * 2', 2))?.source, 'z * 2');
  assert.equal(statementAt(n.result, at(SOURCE, '# Forward')), undefined);
});

test('dl-calc code: block content and inline spans, not fences, prose or other code spans', () => {
  const n = note(SOURCE);
  assert.ok(inDlCalcCode(n.result, at(SOURCE, 'z = y'), n.text));
  assert.ok(inDlCalcCode(n.result, at(SOURCE, 'z * 2', 1), n.text));
  assert.ok(!inDlCalcCode(n.result, at(SOURCE, '```dl-calc', 3), n.text), 'opening fence');
  assert.ok(!inDlCalcCode(n.result, at(SOURCE, 'Prose'), n.text));
  assert.ok(!inDlCalcCode(n.result, at(SOURCE, 'code`', 2), n.text));
  assert.equal(blockAt(n.result, at(SOURCE, 'w = 5'))?.options.isolated, true);
});

test('names in scope: defined before the position, isolated blocks apart', () => {
  const n = note(SOURCE);
  assert.deepEqual([...namesInScope(n.result, at(SOURCE, 'z = y')).keys()], ['x', 'y']);
  assert.deepEqual([...namesInScope(n.result, at(SOURCE, 'after')).keys()].sort(), ['x', 'y', 'z']);
  // Inside the isolated block only its own names, and none before its first statement.
  assert.deepEqual([...namesInScope(n.result, at(SOURCE, 'w = 5')).keys()], []);
  assert.equal(namesInScope(n.result, at(SOURCE, 'after'))?.get('z')?.value?.short, '7');
});

test('the name at a position, touching either end, letters of any script', () => {
  const text = noteText('α_1 = 3; 学习率 = 0.1');
  assert.deepEqual(nameAt(text, { line: 0, character: 0 })?.name, 'α_1');
  assert.deepEqual(nameAt(text, { line: 0, character: 3 })?.name, 'α_1');
  assert.deepEqual(nameAt(text, { line: 0, character: 10 })?.name, '学习率');
  assert.equal(nameAt(text, { line: 0, character: 5 }), undefined);
  assert.equal(nameAt(text, { line: 4, character: 0 }), undefined);
});
