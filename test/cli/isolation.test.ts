// `dl-calc check` evaluates notes in child processes: a note that crashes its process (a
// V8 fatal error, an exhausted heap) or blocks it is reported as that note's error, exit 1,
// and every other note is still checked and reported, in the order given. The faults come
// from the test hook DL_CALC_TEST_FAULT (docs/cli.md), which makes the process checking a
// note marked `dl-calc-test-fault` abort, exhaust its heap for real, or block its thread.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { bounded } from '../node/bounded';

const root = path.join(__dirname, '..', '..', '..');
const bin = path.join(root, 'dist', 'cli.js');
/** Far above what a case needs on a loaded machine, far below a hang. */
const BOUND_MS = 240_000;

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  return bounded(`dl-calc ${args.join(' ')}`, done, BOUND_MS).finally(() => child.kill('SIGKILL'));
}

/** a.md passes, b.md carries the fault marker, c.md has a failed check: all three must be reported. */
function course(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-iso-'));
  fs.writeFileSync(path.join(dir, 'a.md'), '# a\n\n```dl-calc\nx = 2 + 2\nx ≈ 4\n```\n');
  fs.writeFileSync(path.join(dir, 'b.md'), '# b <!-- dl-calc-test-fault -->\n\n```dl-calc\ny = 1\n```\n');
  fs.writeFileSync(path.join(dir, 'c.md'), '# c\n\n```dl-calc\nz = 3 * 3\nz ≈ 10\n```\n');
  return dir;
}

function assertOthersReported(dir: string, out: string): void {
  const lines = out.trim().split('\n');
  assert.match(lines[0], new RegExp(`^${path.join(dir, 'b.md')}:1:1: error: This note could not be checked: its process `));
  assert.equal(lines[1], `${path.join(dir, 'c.md')}:5:1: check failed: expected 10, got 9 (off by 1, tolerance 0.5)`);
  assert.equal(lines[2], '3 notes: 4 statements, ✓ 1 passed, ✗ 1 failed, 1 error');
}

test('a note whose process aborts (as on a V8 fatal error) is that note\'s error; the CLI goes on with a new process', async () => {
  const dir = course();
  // One process: the note after the crash needs the replacement.
  const r = await cli(['check', '--jobs', '1', dir], { DL_CALC_TEST_FAULT: 'crash' });
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /b\.md:1:1: error: This note could not be checked: its process crashed \(signal SIGABRT\); the other notes were still checked/);
  assertOthersReported(dir, r.out);
  assert.equal(r.err, '');
});

test('a note that really exhausts its process\'s heap is reported as out of memory; the other notes are checked', async () => {
  const dir = course();
  // No time limit: filling a 1 GB heap on a loaded machine takes a while, and must end as memory, not as silence.
  const r = await cli(['check', '--jobs', '2', '--time-limit', '0', dir], { DL_CALC_TEST_FAULT: 'oom' });
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /b\.md:1:1: error: This note could not be checked: its process ran out of memory and was ended/);
  assertOthersReported(dir, r.out);
});

test('a process that stops answering is killed past the time limit; the note says so, the rest is reported', async () => {
  const dir = course();
  const r = await cli(['check', '--jobs', '1', '--time-limit', '1000', dir], { DL_CALC_TEST_FAULT: 'hang' });
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /b\.md:1:1: error: This note could not be checked: its process stopped answering for longer than the time limit of 1 s \(option --time-limit\) and was ended/);
  assertOthersReported(dir, r.out);
});

test('in Chinese, the crashed note is reported in Chinese', async () => {
  const dir = course();
  const r = await cli(['check', '--lang', 'zh-cn', '--jobs', '1', dir], { DL_CALC_TEST_FAULT: 'crash' });
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /b\.md:1:1: error: 无法检查这篇笔记：检查它的进程崩溃了（signal SIGABRT）；其他笔记仍已检查/);
  assert.match(r.out, /^3 篇笔记：/m);
});

test('with every core at work, notes are reported in the order given, whatever order they finish in', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-order-'));
  const names: string[] = [];
  for (let i = 0; i < 12; i++) {
    const name = `n${String(i).padStart(2, '0')}.md`;
    names.push(name);
    // Every third note is slow (a recursive function), so later notes finish first.
    const slow = i % 3 === 0 ? 'fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(17)\n' : '';
    fs.writeFileSync(path.join(dir, name), `# ${i}\n\n\`\`\`dl-calc\n${slow}v = ${i}\nv ≈ ${i + 1}\n\`\`\`\n`);
  }
  const r = await cli(['check', '--jobs', '3', dir]);
  assert.equal(r.code, 1, r.err);
  const reported = r.out
    .trim()
    .split('\n')
    .filter((l) => l.includes('check failed'))
    .map((l) => path.basename(l.split(':')[0]));
  assert.deepEqual(reported, names);
  const json = await cli(['check', '--json', '--jobs', '3', dir]);
  assert.deepEqual(
    JSON.parse(json.out).files.map((f: { path: string }) => path.basename(f.path)),
    names,
  );
});
