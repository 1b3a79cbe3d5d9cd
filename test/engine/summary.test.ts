// One count behind every summary: the note's (status bar, CLI), a block's (CodeLens) and the
// preview's block footer agree on what is a value, a passed or failed check and an error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allChecks, countStatements, createEngine } from '../../src/engine';

const text = [
  '```dl-calc',
  'a = 2',
  'a ≈ 2',
  'a ≈ 3',
  'a < 1',
  'b = nosuch + 1',
  'c = a * 3 #= 6',
  '```',
  '',
  'Hand: $2 + 2 = 4$ and $2 + 2 = 5$.',
  '',
  '```dl-calc',
  'd = 1',
  '```',
].join('\n');

test('values, checks and errors are counted the same for the note, a block and CI', () => {
  const r = createEngine().evaluate({ uri: 'file:///n.md', version: 1, text });
  assert.deepEqual(countStatements(r.statements.filter((s) => s.block === 0)), { statements: 6, values: 1, passed: 2, failed: 2, errors: 1 });
  assert.deepEqual(countStatements(r.statements.filter((s) => s.block === 1)), { statements: 1, values: 1, passed: 0, failed: 0, errors: 0 });
  assert.deepEqual(r.summary, { statements: 7, passed: 2, failed: 2, errors: 1, chainsVerified: 1, chainsFailed: 1 });
  assert.deepEqual(allChecks(r.summary), { passed: 3, failed: 3 });
});
