// `npm test` entry (node:test) of the multi-root suite: a second real VS Code run, because
// a multi-root workspace is opened from a .code-workspace file (skips without code-server).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import * as rv from '../realVscode/codeServer';
import { launchMultiRoot } from './multiRoot';

test('per-folder settings in a real multi-root workspace', { timeout: 240_000 }, async (t) => {
  const reason = rv.realVscodeUnavailableReason();
  if (reason && process.env.REAL_VSCODE_REQUIRED !== '1') {
    t.skip(`code-server not installed: ${reason}`);
    return;
  }
  assert.equal(await launchMultiRoot(), 0, 'multi-root tests failed (see the log above)');
});
