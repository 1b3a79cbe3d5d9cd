// Which lines are inside a ```dl-calc fence of the text as it is now.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inDlCalcFence } from '../../src/features/fences';

const inside = (text: string) => {
  const lines = text.split('\n');
  return lines.map((_, i) => (inDlCalcFence((l) => lines[l], i) ? 1 : 0)).join('');
};

test('content lines of dl-calc fences, not their fences, not other languages', () => {
  assert.equal(inside('a\n```dl-calc\nx = 1\n```\nb\n```python\nx = 1\n```'), '00100000');
  assert.equal(inside('~~~~ dl-calc isolated\nx\n~~~\ny\n~~~~\nz'), '011100');
  assert.equal(inside('> ```dl-calc\n> x = 1\n> ```\nafter'), '0100');
});

test('a block being typed (no closing fence yet) counts to the end', () => {
  assert.equal(inside('# n\n```dl-calc\nsoft'), '001');
});

test('an inline code span with back-ticks is not a fence; dl-calcx is another language', () => {
  assert.equal(inside('```dl-calc``` text\nx\n```dl-calcx\ny\n```'), '00000');
});
