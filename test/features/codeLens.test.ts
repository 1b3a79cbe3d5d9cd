// CodeLens and status bar text on fixture notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockLenses, blockSummary } from '../../src/features/codeLens';
import { statusBarState } from '../../src/features/statusBar';
import { note } from './note';

const SOURCE = ['```dl-calc', 'x = 2', 'x ≈ 2', 'x ≈ 3', 'y = nosuch', '```', '', '```dl-calc', 'z = 1', '```'].join('\n');

test('each block: its summary, then Record results and Copy derivations with the note and block', () => {
  const n = note(SOURCE);
  assert.equal(blockSummary(n.result, 0), '1 value · ✓ 1 · ✗ 1 · ⚠ 1 error');
  assert.equal(blockSummary(n.result, 1), '1 value · ✓ 0 · ✗ 0');
  const lenses = blockLenses(n.result, n.uri, (l) => l, 10);
  assert.deepEqual(
    lenses.map((l) => [l.line, l.title, l.command?.id, l.command?.arguments]),
    [
      [0, '1 value · ✓ 1 · ✗ 1 · ⚠ 1 error', undefined, undefined],
      [0, 'Record results', 'dlCalc.recordBlockResults', [n.uri, 0]],
      [0, 'Copy derivations', 'dlCalc.copyDerivations', [n.uri, 0]],
      [7, '1 value · ✓ 0 · ✗ 0', undefined, undefined],
      [7, 'Record results', 'dlCalc.recordBlockResults', [n.uri, 1]],
      [7, 'Copy derivations', 'dlCalc.copyDerivations', [n.uri, 1]],
    ],
  );
  // The fence's line today; a replaced fence or one past the end gets none.
  assert.deepEqual([...new Set(blockLenses(n.result, n.uri, (l) => (l === 0 ? undefined : l + 2), 20).map((l) => l.line))], [9]);
  assert.deepEqual(blockLenses(n.result, n.uri, (l) => l, 5).map((l) => l.line), [0, 0, 0]);
});

test('the status bar: checks and errors, LaTeX chains, warning colour; hidden with nothing to report', () => {
  const n = note(SOURCE);
  const state = statusBarState(n.result.summary)!;
  assert.equal(state.text, 'dl-calc ✓ 1 ✗ 1 ⚠ 1');
  assert.ok(state.warning);
  assert.match(state.tooltip, /5 statements · 1 checks passed · 1 failed · 1 errors\nClick to open Problems/);
  const clean = statusBarState(note('```dl-calc\nx = 1\nx ≈ 1\n```\n\n$1 + 1 = 2$\n', { latexChecks: true }).result.summary)!;
  assert.equal(clean.text, 'dl-calc ✓ 1 ✗ 0 · LaTeX ✓ 1');
  assert.equal(clean.warning, false);
  assert.equal(statusBarState(note('# nothing\n').result.summary), undefined);
  assert.equal(statusBarState(undefined), undefined);
});
