import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMathSpans } from '../../../src/engine/latex';

function spans(text: string): [string, number, number, boolean][] {
  return findMathSpans(text).map((s) => [s.content, s.range.start.line, s.range.start.character, s.display]);
}

test('inline math with CJK around it keeps UTF-16 columns', () => {
  assert.deepEqual(spans('激活 $a = 1$，然后 $b$'), [
    ['a = 1', 0, 4, false],
    ['b', 0, 15, false],
  ]);
});

test('surrogate pairs before the math count as two columns', () => {
  assert.deepEqual(spans('𝑦 $x = 1$'), [['x = 1', 0, 4, false]]);
});

test('display math over several lines maps each line', () => {
  const text = 'text\n\n$$\nx = 1 \\\\\n  y = 2\n$$\n';
  const s = findMathSpans(text);
  assert.equal(s.length, 1);
  assert.equal(s[0].display, true);
  const y = s[0].content.indexOf('y');
  assert.deepEqual(s[0].positionAt(y), { line: 4, character: 2 });
});

test('single-line $$…$$ and $$ in a paragraph', () => {
  assert.deepEqual(spans('$$ a = 1 $$'), [['a = 1 \n', 0, 3, true]]);
  assert.deepEqual(spans('so $$b = 2$$ here'), [['b = 2', 0, 5, true]]);
});

test('code spans and fences are never math; math fences are', () => {
  assert.deepEqual(spans('`$a = 1$` and\n\n```\n$b = 2$\n```\n'), []);
  assert.deepEqual(spans('```math\nc = 3\n```\n'), [['c = 3', 1, 0, true]]);
});

test('escaped dollars and prices are not math', () => {
  assert.deepEqual(spans('costs \\$5 and \\$6'), []);
  assert.deepEqual(spans('costs $5 and$6'), []);
});

test('$a$$b$ back to back: two inline formulas, as Typora shows them', () => {
  const s = findMathSpans('值 $a=1$$b=2$ 完');
  assert.deepEqual(
    s.map((x) => [x.content, x.range.start.character, x.adjacent]),
    [
      ['a=1', 3, true],
      ['b=2', 8, true],
    ],
  );
});

test('math in block quotes, lists and tables', () => {
  assert.deepEqual(spans('> 引用 $q = 1$'), [['q = 1', 0, 6, false]]);
  assert.deepEqual(spans('- item\n  $l = 2$ more'), [['l = 2', 1, 3, false]]);
  assert.deepEqual(spans('| a | b |\n|---|---|\n| $x$ | $x$ |\n'), [
    ['x', 2, 3, false],
    ['x', 2, 9, false],
  ]);
  assert.deepEqual(spans('> $$\n> d = 4\n> $$\n'), [['d = 4\n', 1, 2, true]]);
});

test('front matter is not parsed', () => {
  assert.deepEqual(spans('---\ntitle: $x$\n---\n$y$'), [['y', 3, 1, false]]);
});

test('CRLF and BOM', () => {
  assert.deepEqual(spans('\uFEFFa\r\n$x = 1$\r\n'), [['x = 1', 1, 1, false]]);
});
