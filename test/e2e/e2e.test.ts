// `npm test` entry (node:test): the Playwright E2E scenes in a real VS Code, or a skip with
// the reason when code-server is not installed.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import * as rv from '../realVscode/codeServer';
import { runE2E } from './run';

test('dl-calc E2E scenes in the real VS Code (code-server + Chromium)', { timeout: 600_000 }, async (t) => {
  const reason = rv.realVscodeUnavailableReason();
  if (reason && process.env.REAL_VSCODE_REQUIRED !== '1') {
    t.skip(`code-server not installed: ${reason}`);
    return;
  }
  assert.equal(await runE2E(), 0, 'E2E scenes failed (see the log above)');
});
