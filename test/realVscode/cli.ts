/**
 * Command line for runIntegrationTests (see README.md next to this file):
 *
 *   node out/test/realVscode/cli.js --extensionDevelopmentPath . \
 *     --extensionTestsPath out/test/integration/index.js --workspace examples \
 *     [--openFile note.md] [--timeout 180000] [--settings '{"editor.fontSize":14}']
 *
 * Exit code: the one the workbench reports (0 = run() resolved). When code-server or Chromium is
 * missing it prints why and exits 0 (skipped), unless REAL_VSCODE_REQUIRED=1 (then 1).
 */
import * as path from 'path';
import { isRealVscodeAvailable, runIntegrationTests } from './codeServer';

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument: ${argv[i]}`);
    out[m[1]] = m[2] ?? argv[++i];
  }
  return out;
}

async function main(): Promise<number> {
  const a = parseArgs(process.argv.slice(2));
  for (const k of ['extensionDevelopmentPath', 'extensionTestsPath', 'workspace']) {
    if (!a[k]) { console.error(`missing --${k}`); return 2; }
  }
  if (!isRealVscodeAvailable()) return process.env.REAL_VSCODE_REQUIRED === '1' ? 1 : 0;
  return runIntegrationTests({
    extensionDevelopmentPath: path.resolve(a.extensionDevelopmentPath),
    extensionTestsPath: path.resolve(a.extensionTestsPath),
    workspace: path.resolve(a.workspace),
    openFile: a.openFile,
    settings: a.settings ? JSON.parse(a.settings) : undefined,
    timeoutMs: a.timeout ? Number(a.timeout) : undefined,
  });
}

if (require.main === module) {
  main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
}
