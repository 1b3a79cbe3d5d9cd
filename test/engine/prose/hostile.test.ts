// Prose and other-delimiter scanning read every paragraph of a stranger's note: they must
// stay linear whatever the text. Each case would take hours if any step were quadratic;
// the time bound only catches a hang, it measures nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanProse } from '../../../src/engine/prose/scan';
import { findOtherMath } from '../../../src/engine/parse/otherMath';
import { htmlMasks } from '../../../src/engine/prose/html';
import { scanConvSizes } from '../../../src/engine/prose/convSize';
import { checkOutsideMath } from '../../../src/engine/prose/check';
import { envWith } from '../latex/helpers';

const MB = 1 << 20;
const bound = { timeout: 120_000 };
const line = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));

test('a 1 MB line of one endless expression is skipped unread', bound, () => {
  for (const unit of ['1+', '(', ')', '1 = ', '−1×', '\\*2', '9', '1,000', '2^', '=']) {
    assert.deepEqual(scanProse(line(unit)), [], unit);
  }
});

test('a 1 MB line of many short claims is read claim by claim', bound, () => {
  const claims = scanProse(line('so 2*3 = 6 and '));
  assert.equal(claims.length, Math.ceil(MB / 'so 2*3 = 6 and '.length));
  assert.equal(claims[0].latex, '2 \\times 3 = 6');
});

test('1 MB lines of near-claims: names, dates, versions, times, masks', bound, () => {
  for (const unit of ['x1 = 2+3 ', '2020-01-01 = 1+1 ', '1.2.3 + 1 = 2 ', '10:30 + 1 = 2 ', 'f(3) = 9 ', '3! = 6 ']) {
    assert.deepEqual(scanProse(line(unit)), [], unit);
  }
  const text = line('a `b` 1+1=2 ');
  const masked = [];
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i + 3)) masked.push({ start: i, end: i + 3 });
  assert.equal(scanProse(text, masked).length, Math.ceil(MB / 'a `b` 1+1=2 '.length));
});

test('convolution sizes: 1 MB of sentences, keywords, sizes and masks stays linear', bound, () => {
  for (const unit of ['output. ', '7x7 input 3x3 filter stride 1 pad 0 output ', 'output 1 ', '输出。', '9x9x9x9 ']) {
    scanConvSizes(line(unit));
  }
  const unit = 'A 7x7 input, a 3x3 filter, stride 1, pad 0 give a 5x5 output. ';
  const text = line(unit);
  assert.equal(scanConvSizes(text).length, Math.ceil(MB / unit.length));
  // A mask in every sentence: each is skipped, with one pass over the masks.
  const masked = [];
  for (let i = text.indexOf('pad'); i >= 0; i = text.indexOf('pad', i + 3)) masked.push({ start: i, end: i + 3 });
  assert.deepEqual(scanConvSizes(text, masked), []);
  // Sentences without a size, then sizes only at the very end.
  assert.equal(scanConvSizes(`${line('the output. ')}A 7x7 input, a 3x3 filter, stride 1, pad 0 give a 5x5 output.`).length, 1);
});

test('deep brackets are refused, not recursed into', bound, () => {
  assert.deepEqual(scanProse(`${'('.repeat(100)}1${')'.repeat(100)} = 1`), []);
  assert.deepEqual(scanProse(`${'-'.repeat(200)}1 = 1`), []);
});

test('other delimiters: a 1 MB line of openings without a closing', bound, () => {
  for (const unit of ['\\(', '\\\\(', '\\[', '\\begin{align}', '\\', '\\\\']) {
    assert.deepEqual(findOtherMath(line(unit), []), [], unit);
  }
  const found = findOtherMath(line('\\(1+1=2\\) '), []);
  assert.equal(found.length, Math.ceil(MB / '\\(1+1=2\\) '.length));
});

test('HTML blocks: a 1 MB line of unclosed tags and code elements', bound, () => {
  for (const unit of ['<', '<code>', '<b', '&amp;', '<pre>x']) htmlMasks(line(unit));
  assert.equal(htmlMasks('<p>1</p>').length, 2);
});

test('100,000 lines: a note of claims, names and dates is checked through', bound, () => {
  const text = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? `- ${i}+1 = ${i + 1}` : i % 3 === 1 ? `x${i} = 2020-01-05` : '')).join('\n');
  const results = checkOutsideMath(text, envWith(), { prose: true, otherDelimiters: true });
  assert.equal(results.length, Math.ceil(100_000 / 3));
  assert.ok(results.every((r) => r.status === 'verified'));
});
