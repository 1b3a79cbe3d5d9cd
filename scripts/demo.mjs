// npm run demo: builds the extension, installs the real VS Code (code-server) if needed,
// starts it with the extension in development mode on examples/, prints the URL, and
// stays up until Ctrl+C.
//
//   node scripts/demo.mjs [--folder DIR] [--open NOTE.md] [--port N is chosen freely]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);

function run(cmd, args, what) {
  console.log(`[demo] ${what}…`);
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[demo] ${what} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

run(process.execPath, ['scripts/build.mjs'], 'building dist/');
run(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'test/tsconfig.json'], 'compiling the real-VS-Code harness');

const require = createRequire(import.meta.url);
const rv = require(path.join(repo, 'out', 'test', 'realVscode', 'codeServer.js'));
if (!rv.isRealVscodeAvailable()) {
  run('bash', ['scripts/real-vscode/install.sh'], 'installing code-server (once; ~1–5 min)');
  if (!rv.isRealVscodeAvailable()) {
    console.error(`[demo] code-server is still not available: ${rv.realVscodeUnavailableReason()}`);
    process.exit(1);
  }
}

const hasNotes = (dir) => fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith('.md'));
let folder = path.resolve(repo, arg('--folder') ?? 'examples');
if (!hasNotes(folder)) {
  console.log(`[demo] ${folder} has no notes yet; showing the test fixtures instead`);
  folder = path.join(repo, 'test', 'integration', 'workspace');
}
const openFile = arg('--open') ?? fs.readdirSync(folder).filter((f) => f.endsWith('.md')).sort()[0];

const server = await rv.startCodeServer({
  workspace: folder,
  lifetimeMs: 12 * 60 * 60 * 1000,
  settings: { 'editor.codeLens': true, 'workbench.colorTheme': 'Default Light Modern' },
});
const url = rv.workbenchUrl(server, { folder, extensionDevelopmentPath: repo, openFile });
console.log('');
console.log('  dl-calc demo: a real VS Code (code-server) with the extension loaded from this folder');
console.log(`  open: ${url}`);
console.log(`  (plain workbench: ${server.url}/?folder=${encodeURIComponent(folder)} — without the extension)`);
console.log('  Ctrl+C stops it.');
console.log('');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\n[demo] stopping code-server…');
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
