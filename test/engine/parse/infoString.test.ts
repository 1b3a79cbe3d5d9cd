import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readInfoString } from '../../../src/engine/parse/infoString';
import { parseFenceInfo } from '../../../src/engine/render/options';
import { isDlCalcInfo, parseNote } from '../../../src/engine/blocks';

test('info strings: dl-calc words, MPE braces and Pandoc attributes read alike', () => {
  assert.deepEqual(readInfoString('dl-calc precision=3 isolated'), { language: 'dl-calc', options: ['precision=3', 'isolated'] });
  assert.deepEqual(readInfoString('dl-calc {precision=3 isolated}'), { language: 'dl-calc', options: ['precision=3', 'isolated'] });
  assert.deepEqual(readInfoString('dl-calc{precision="3", hide}'), { language: 'dl-calc', options: ['precision=3', 'hide'] });
  assert.deepEqual(readInfoString('{.dl-calc precision=3 #id .x class="y" data-k=v}'), { language: 'dl-calc', options: ['precision=3'] });
  assert.deepEqual(readInfoString("{ .dl-calc precision='2' "), { language: 'dl-calc', options: ['precision=2'] });
  assert.equal(readInfoString('{#only-id}').language, '');
  assert.equal(readInfoString('python {.dl-calc}').language, 'python');
});

test('info strings: which fences are dl-calc blocks', () => {
  for (const info of ['dl-calc', ' dl-calc ', 'dl-calc {hide}', '{.dl-calc}', '{ .dl-calc isolated }']) assert.ok(isDlCalcInfo(info), info);
  for (const info of ['dl-calculator', 'python', '{.python .dl-calc}', '{dl-calc}', '', '{}', 'dl-calc2 {x}']) assert.ok(!isDlCalcInfo(info), info);
});

test('info strings: hide in any style hides the source in the preview', () => {
  assert.equal(parseFenceInfo('dl-calc {hide}').hide, true);
  assert.equal(parseFenceInfo('{.dl-calc hide=true}').hide, true);
  assert.equal(parseFenceInfo('dl-calc hide {hide=false}').hide, false);
  assert.equal(parseFenceInfo('dl-calc').hide, false);
});

test('info strings: a Pandoc block is found with its options and positions', () => {
  const { blocks } = parseNote('text\n\n```{.dl-calc precision=2 isolated}\nx = 1/3\n```\n');
  assert.equal(blocks.length, 1);
  assert.deepEqual(blocks[0].options, { isolated: true, hide: false, precision: 2 });
  assert.equal(blocks[0].range.start.line, 2);
});

test('info strings: hostile info strings end quickly and never throw', () => {
  const long = '{' + '.dl-calc '.repeat(20_000) + '="'.repeat(20_000) + ' a=b,'.repeat(20_000);
  const started = process.hrtime.bigint();
  for (const info of [long, 'dl-calc ' + '{'.repeat(50_000), 'dl-calc {' + "'".repeat(50_000), '{' + '}'.repeat(50_000)]) {
    readInfoString(info);
    parseFenceInfo(info);
  }
  // A bound far above any linear scan: a quadratic or backtracking read would take minutes.
  assert.ok(Number(process.hrtime.bigint() - started) / 1e9 < 30);
});
