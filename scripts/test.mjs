// `npm test`: every compiled `*.test.js` under out/test, with Node's own test runner.
// Unit tests of the pure engine run in plain Node; the integration and E2E suites are
// node tests too: they start a real VS Code (code-server + Chromium, see
// test/realVscode/README.md) and skip, saying why, where it is not installed.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = 'out/test';
const only = process.argv.slice(2); // optional folder filters: `npm test -- engine cli`

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return find(full);
    return name.endsWith('.test.js') ? [full] : [];
  });
}

const files = find(root)
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(join(root, o))))
  .sort();
// One file at a time: the real-VS-Code suites each start a code-server and a browser.
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
