// What the editor shows after each statement, and where (computed from a run and its text).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../../src/engine';
import { checkOperatorRange, layout } from '../../src/features/inlineResults';

const engine = createEngine();

function run(text: string) {
  const result = engine.evaluate({ uri: 'i.md', version: Math.random(), text });
  return { result, lines: text.split('\n') };
}

test('values, checks and errors at the end of their lines; an inline span right after its back-tick', () => {
  const { result, lines } = run('# n\n\n```dl-calc\nx = 3\nx ≈ 3\nx < 2\nq = nosuch\n```\n\nIt is `= x * 2` and the loss.\n');
  const marks = layout(lines, result, 60);
  const at = (line: number) => marks.filter((m) => m.line === line).map((m) => `${m.character}:${m.kind}:${m.text}`);
  assert.deepEqual(at(3), ['5:value:→ 3']);
  assert.deepEqual(at(4), ['5:pass:✓']);
  assert.equal(at(5)[0].split(':')[1], 'fail');
  assert.match(at(6)[0], /^10:error:⚠ Unknown name "nosuch"/);
  // After `= x * 2` and its back-tick, before " and the loss": not at the line's end.
  const span = marks.find((m) => m.line === 9)!;
  assert.equal(lines[9].slice(span.character), ' and the loss.');
  assert.equal(span.atLineEnd, false);
  assert.equal(span.text, '→ 6');
});

test('a held-back statement is left out; several statements on a line share it', () => {
  const { result, lines } = run('```dl-calc\na = 1; b = nosuch\n```\n');
  assert.equal(layout(lines, result, 60).length, 1);
  assert.match(layout(lines, result, 60)[0].text, /→ 1 {3}⚠ Unknown name/);
  assert.equal(layout(lines, result, 60)[0].kind, 'error');
  const shown = layout(lines, result, 60, (s) => s.kind === 'error');
  assert.deepEqual(shown.map((m) => m.text), ['→ 1']);
});

test('the operator of a check is found for its colour', () => {
  const { result, lines } = run('```dl-calc\nx = 3\nx ≈ 3\nx <= 4\nx == 3\n```\n');
  const ops = result.statements.map((s) => checkOperatorRange(lines, s)).map((r) => (r ? lines[r.start.line].slice(r.start.character, r.end.character) : undefined));
  assert.deepEqual(ops, [undefined, '≈', '<=', '==']);
});
