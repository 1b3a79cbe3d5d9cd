// Where blocks and inline spans are, in the original text's coordinates (0-based line,
// UTF-16 column), exactly as markdown-it (and so the preview) finds them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNote } from '../../src/engine/blocks';

const lineTexts = (text: string) => parseNote(text).blocks.map((b) => b.lines.map((l) => [l.line, l.column, l.text]));

test('a plain fence: content lines start at column 0', () => {
  assert.deepEqual(lineTexts('```dl-calc\na = 1\nb = 2\n```\n'), [[[1, 0, 'a = 1'], [2, 0, 'b = 2']]]);
});

test('a fence in a list item keeps the item indent as the column', () => {
  assert.deepEqual(lineTexts('- item\n\n  ```dl-calc\n  a = 1\n  ```\n'), [[[3, 2, 'a = 1']]]);
});

test('a fence in a block quote: the "> " prefix is not content', () => {
  assert.deepEqual(lineTexts('> ```dl-calc\n> a = 1\n>   b = 2\n> ```\n'), [[[1, 2, 'a = 1'], [2, 2, '  b = 2']]]);
});

test('tilde fences and longer fences are blocks; a shorter fence inside is content', () => {
  assert.deepEqual(lineTexts('~~~dl-calc\na = 1\n~~~\n\n````dl-calc\n```\nb = 2\n````\n'), [
    [[1, 0, 'a = 1']],
    [[5, 0, '```'], [6, 0, 'b = 2']],
  ]);
});

test('an unclosed fence runs to the end of the file', () => {
  const note = parseNote('text\n\n```dl-calc\na = 1\nb = 2');
  assert.equal(note.blocks.length, 1);
  assert.deepEqual(note.blocks[0].lines.map((l) => l.text), ['a = 1', 'b = 2']);
  assert.deepEqual(note.blocks[0].range.end, { line: 4, character: 5 });
});

test('other languages, indented code and inline code are not blocks', () => {
  const note = parseNote('```python\na = 1\n```\n\n    ```dl-calc\n    a = 1\n\n`dl-calc`\n');
  assert.equal(note.blocks.length, 0);
});

test('the info string: first word dl-calc, then options; unknown options warn', () => {
  const [block] = parseNote('```dl-calc isolated precision=3 hide wat\nx = 1\n```\n').blocks;
  assert.deepEqual(block.options, { isolated: true, precision: 3, hide: true });
  assert.equal(block.optionWarnings.length, 1);
  assert.match(block.optionWarnings[0].message, /Unknown block option "wat"/);
  assert.equal(parseNote('```dl-calcx\nx\n```').blocks.length, 0);
});

test('CRLF line ends and a BOM do not shift lines or columns', () => {
  const note = parseNote('\uFEFF```dl-calc\r\na = 1\r\n```\r\n');
  assert.deepEqual(note.blocks[0].lines.map((l) => [l.line, l.column, l.text]), [[1, 0, 'a = 1']]);
});

test('tabs in a list item indent map back to the original column', () => {
  const [block] = parseNote('-\t```dl-calc\n\ta = 1\n\t```\n').blocks;
  assert.equal(block.lines[0].line, 1);
  // markdown-it strips the tab that makes up the list indent; the content starts after it.
  assert.equal(block.lines[0].column, 1);
  assert.equal(block.lines[0].text, 'a = 1');
});

test('inline `= expr` spans: the expression range is exact, CJK counts as UTF-16 units', () => {
  const note = parseNote('学习率是 `= lr * 2` 和 ``= a`b``，`not = this`.\n> quoted `=x`\n');
  assert.deepEqual(
    note.inlines.map((s) => [s.source, s.range.start.line, s.range.start.character, s.range.end.character]),
    [
      ['lr * 2', 0, 8, 14],
      ['a`b', 0, 22, 25],
      ['x', 1, 11, 12],
    ],
  );
  assert.deepEqual(note.inlines[0].spanRange, { start: { line: 0, character: 5 }, end: { line: 0, character: 15 } });
});

test('an astral character before a span counts as two UTF-16 units', () => {
  const [span] = parseNote('𝑥 `= 1 + 1`\n').inlines;
  assert.equal(span.range.start.character, 6); // 𝑥 is two units, then " `= "
});

test('inline code inside a dl-calc block or a fenced block is not an inline span', () => {
  const note = parseNote('```\n`= 1`\n```\n\n```dl-calc\nx = 1 # `= 2`\n```\n');
  assert.equal(note.inlines.length, 0);
});
