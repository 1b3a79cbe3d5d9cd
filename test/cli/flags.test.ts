// The settings as flags: each does in the CLI what its dlCalc.* setting does in the editor.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..', '..');
const bin = path.join(root, 'dist', 'cli.js');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function note(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-flags-')), 'n.md');
  fs.writeFileSync(file, text);
  return file;
}

test('--no-latex leaves a wrong hand calculation unchecked; the blocks still run', () => {
  const file = note('# n\n\nBy hand: $2 \\times 3 = 7$.\n\n```dl-calc\nx = 2 * 3\nx ≈ 7\n```\n');
  const on = cli(['check', file]);
  assert.equal(on.code, 1);
  assert.match(on.out, /n\.md:3:\d+: hand calculation: 2 × 3 = 6, but 7 is written/);
  const off = cli(['check', '--no-latex', file]);
  assert.equal(off.code, 1);
  assert.doesNotMatch(off.out, /hand calculation/);
  assert.match(off.out, /n\.md:7:1: check failed: expected 7, got 6/);
  assert.match(off.out, /^1 note: 2 statements, ✓ 0 passed, ✗ 1 failed, 0 errors$/m);
});

test('--symbolic checks an identity with free symbols, which is skipped without it', () => {
  const file = note('# n\n\nThe two terms: $18C^2 = 2 \\times 8C^2$.\n');
  const without = cli(['check', '--json', file]);
  assert.equal(without.code, 0, without.out);
  const withIt = cli(['check', '--json', '--symbolic', file]);
  assert.equal(withIt.code, 1, withIt.out);
  const [item] = JSON.parse(withIt.out).files[0].items;
  assert.equal(item.kind, 'latex');
  assert.equal(item.ok, false);
});

test('--no-grouping, --no-scale-hints and --precision change the values shown, as their settings do', () => {
  const file = note('# n\n\n```dl-calc\nn = 138400000\nr = 1 / 3\n```\n');
  const shown = (args: string[]) => cli(['check', '--verbose', ...args, file]).out;
  assert.match(shown([]), /→ 138,400,000 {2}\(≈ 138\.4 M\)/);
  assert.match(shown(['--no-grouping']), /→ 138400000/);
  assert.doesNotMatch(shown(['--no-scale-hints']), /≈ 138\.4 M/);
  assert.match(shown(['--precision', '3']), /→ 0\.333$/m);
  assert.equal(cli(['check', '--precision', '16', file]).code, 2);
});

test('--max-matrix-elements refuses a matrix larger than it allows', () => {
  const file = note('# n\n\n```dl-calc\nM = zeros(100, 100)\n```\n');
  assert.equal(cli(['check', file]).code, 0);
  const r = cli(['check', '--max-matrix-elements', '1000', file]);
  assert.equal(r.code, 1);
  assert.match(r.out, /n\.md:4:\d+: error: .*10,?000/);
});
