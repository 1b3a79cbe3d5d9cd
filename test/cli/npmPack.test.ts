// The CLI as Node users get it: `npm pack`, install the tarball into a fresh folder,
// `npx dl-calc check notes/`. Offline: the package has no runtime dependencies.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}

test('npx dl-calc check notes/ works from the npm pack tarball in a fresh folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-pack-'));
  try {
    // dist/ is built already (npm test builds first); --ignore-scripts skips prepack's rebuild.
    const pack = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
    assert.equal(pack.code, 0, pack.err);
    const [info] = JSON.parse(pack.out) as { filename: string; files: { path: string }[] }[];
    assert.deepEqual(info.files.map((f) => f.path).filter((f) => f.startsWith('dist/')).sort(), ['dist/checkProcess.js', 'dist/cli.js', 'dist/evaluationWorker.js', 'dist/renderCommand.js']);
    const project = path.join(dir, 'project');
    fs.mkdirSync(path.join(project, 'notes'), { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"course","version":"1.0.0","private":true}\n');
    fs.writeFileSync(path.join(project, 'notes', 'ok.md'), '# Ok\n\n```dl-calc\nx = 3 * 4\nx ≈ 12\n```\n');
    fs.writeFileSync(path.join(project, 'notes', 'wrong.md'), '# Wrong\n\n```dl-calc\ny = 2 + 2\ny ≈ 5\n```\n');
    const install = run(npm, ['install', '--offline', '--no-audit', '--no-fund', path.join(dir, info.filename)], project);
    assert.equal(install.code, 0, install.out + install.err);
    const check = run(npx, ['--offline', 'dl-calc', 'check', 'notes/'], project);
    assert.equal(check.code, 1, check.out + check.err);
    assert.match(check.out, /wrong\.md:5:1/);
    assert.match(check.out, /^2 notes: 4 statements, ✓ 1 passed, ✗ 1 failed, 0 errors$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
