// The preview as a pure consumer: what it rendered, when a result makes it stale, which
// notes preview tabs show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lacksDerivations, notesInPreviews, PreviewRenders, refreshRetryDelay, resultSignature } from '../../src/features/preview';
import { note } from './note';

const SOURCE = '```dl-calc\nx = 2\ny = x * 3\n```\n';

test('a render is stale once a result for its very text shows something else', () => {
  const first = note(SOURCE);
  const renders = new PreviewRenders();
  renders.record('a', SOURCE, undefined);
  assert.ok(renders.isStale('a', SOURCE, first.result), 'placeholder, then a result');
  renders.record('a', SOURCE, first.result);
  assert.ok(!renders.isStale('a', SOURCE, first.result));
  assert.ok(!renders.isStale('a', SOURCE, note(SOURCE).result), 'same values: no refresh');
  const other = SOURCE.replace('x = 2', 'x = 5');
  assert.ok(!renders.isStale('a', other, note(other).result), 'a result of other text is not shown there');
  assert.ok(!renders.isStale('b', SOURCE, first.result), 'never rendered');
  renders.forget('a');
  assert.deepEqual(renders.uris(), []);
});

test('the signature follows what the table shows, derivations included', () => {
  const a = note(SOURCE).result;
  assert.equal(resultSignature(a), resultSignature(note(SOURCE).result));
  assert.notEqual(resultSignature(a), resultSignature(note(SOURCE.replace('* 3', '* 4')).result));
  assert.ok(lacksDerivations(a));
  const withDerivations = { ...a, statements: a.statements.map((s, i) => ({ ...s, derivation: note(SOURCE).derive(i) })) };
  assert.ok(!lacksDerivations(withDerivations));
  assert.notEqual(resultSignature(withDerivations), resultSignature(a));
  assert.ok(!lacksDerivations(note('```dl-calc\nq = nosuch\n```\n').result), 'only errors: nothing to derive');
});

test('preview tabs name their notes by file name, in any language', () => {
  const notes = [
    { uri: 'file:///c/a.md', fileName: 'a.md' },
    { uri: 'file:///c/lesson-a.md', fileName: 'lesson-a.md' },
    { uri: 'file:///d/a.md', fileName: 'a.md' },
    { uri: 'untitled:Untitled-1', fileName: 'Untitled-1' },
  ];
  assert.deepEqual([...notesInPreviews(['Preview lesson-a.md'], notes)], ['file:///c/lesson-a.md']);
  assert.deepEqual([...notesInPreviews(['[Preview] a.md'], notes)].sort(), ['file:///c/a.md', 'file:///d/a.md']);
  assert.deepEqual([...notesInPreviews(['预览 Untitled-1'], notes)], ['untitled:Untitled-1']);
  assert.deepEqual([...notesInPreviews([], notes)], []);
});

test('a preview still showing an older result is asked again, less and less often, for about 20 s', () => {
  const delays: number[] = [];
  for (let attempt = 0; refreshRetryDelay(attempt) !== undefined; attempt++) delays.push(refreshRetryDelay(attempt)!);
  assert.deepEqual(delays.slice(0, 4), [400, 800, 1600, 3200]);
  assert.ok(delays.every((d, i) => i === 0 || d >= delays[i - 1]), 'never more often');
  const total = delays.reduce((a, b) => a + b, 0);
  assert.ok(total >= 15_000 && total <= 25_000, `asks for ${total} ms`);
});
