// Runs the integration suite (or the perf suite with --perf) inside a real VS Code:
// code-server + headless Chromium here (see test/realVscode/README.md). Skips with exit 0
// and a printed reason when code-server is not installed, unless REAL_VSCODE_REQUIRED=1.
//
//   npm run build && npx tsc -p test/tsconfig.json && node out/test/integration/launch.js [--perf]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as rv from '../realVscode/codeServer';

export interface LaunchOptions {
  readonly perf?: boolean;
  readonly timeoutMs?: number;
}

/** Exit code of the run: 0 passed (or skipped), 1 failed. */
export async function launchIntegration(opts: LaunchOptions = {}): Promise<number> {
  const label = opts.perf ? 'perf' : 'integration';
  if (!rv.isRealVscodeAvailable()) {
    console.log(`[${label}] 0 tests ran: skipped (${rv.realVscodeUnavailableReason()})`);
    return process.env.REAL_VSCODE_REQUIRED === '1' ? 1 : 0;
  }
  // The suites edit, record into and delete notes: give them a scratch copy of the fixtures.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), `dl-calc-${label}-`));
  const fixtures = path.join(rv.REPO_ROOT, 'test', 'integration', 'workspace');
  for (const f of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, f), path.join(workspace, f));
  try {
    return await rv.runIntegrationTests({
      extensionDevelopmentPath: rv.REPO_ROOT,
      extensionTestsPath: path.join(__dirname, opts.perf ? 'perf.js' : 'index.js'),
      workspace,
      settings: { 'editor.codeLens': true },
      timeoutMs: opts.timeoutMs ?? (opts.perf ? 300_000 : 240_000),
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  launchIntegration({ perf: process.argv.includes('--perf') }).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
