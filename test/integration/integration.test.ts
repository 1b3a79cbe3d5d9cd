// `npm test` entry (node:test): runs the integration suite inside a real VS Code, or skips
// with the reason when code-server is not installed.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import * as rv from '../realVscode/codeServer';
import { launchIntegration } from './launch';

test('dl-calc integration suite in the real VS Code extension host', { timeout: 300_000 }, async (t) => {
  const reason = rv.realVscodeUnavailableReason();
  if (reason && process.env.REAL_VSCODE_REQUIRED !== '1') {
    t.skip(`code-server not installed: ${reason}`);
    return;
  }
  assert.equal(await launchIntegration(), 0, 'integration tests failed (see the log above)');
});
