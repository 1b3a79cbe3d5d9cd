// The same integration suite through @vscode/test-electron, for people with a desktop
// VS Code (or a machine that can download one). These offline machines use code-server
// instead (launch.ts); both load the same `run()` entry (index.ts) in the extension host.
//
//   npm run build && npx tsc -p test/tsconfig.json && node out/test/integration/electron.js
//   VSCODE_EXECUTABLE=/path/to/code node out/test/integration/electron.js   # no download
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.join(__dirname, '..', '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-electron-'));
  const fixtures = path.join(root, 'test', 'integration', 'workspace');
  for (const f of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, f), path.join(workspace, f));
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
