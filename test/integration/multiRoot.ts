// Runs the multi-root suite (multiRoot.suite.ts) in a real VS Code: a .code-workspace with
// two course folders, each setting its own dlCalc.precision in .vscode/settings.json (a
// "resource" setting: VS Code gives each folder's files that folder's value).
//
//   npm run build && npx tsc -p test/tsconfig.json && node out/test/integration/multiRoot.js
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as rv from '../realVscode/codeServer';
import { FOLDER_PRECISION, NOTE } from './multiRootFixture';

export async function launchMultiRoot(): Promise<number> {
  if (!rv.isRealVscodeAvailable()) {
    console.log(`[multi-root] 0 tests ran: skipped (${rv.realVscodeUnavailableReason()})`);
    return process.env.REAL_VSCODE_REQUIRED === '1' ? 1 : 0;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-multi-root-'));
  try {
    for (const [name, precision] of Object.entries(FOLDER_PRECISION)) {
      fs.mkdirSync(path.join(root, name, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(root, name, '.vscode', 'settings.json'), JSON.stringify({ 'dlCalc.precision': precision }, null, 2));
      fs.writeFileSync(path.join(root, name, 'note.md'), NOTE);
    }
    const workspaceFile = path.join(root, 'courses.code-workspace');
    fs.writeFileSync(workspaceFile, JSON.stringify({ folders: Object.keys(FOLDER_PRECISION).map((name) => ({ path: name })) }, null, 2));
    return await rv.runIntegrationTests({
      extensionDevelopmentPath: rv.REPO_ROOT,
      extensionTestsPath: path.join(__dirname, 'multiRootIndex.js'),
      workspace: root,
      workspaceFile,
      timeoutMs: 180_000,
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  launchMultiRoot().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
