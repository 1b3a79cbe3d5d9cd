// `dl-calc check --cache FILE`: a note is replayed only when its text, the options and the
// dl-calc build are what they were; a damaged cache is ignored with a warning; FILE is the
// only file written, and never a file that is not a dl-calc cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..', '..');
const bin = path.join(root, 'dist', 'cli.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.signal, null, 'dl-calc hung past the bound');
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A project: notes/ with a passing and a failing note, and a folder for the cache. */
function project(): { dir: string; cache: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-cache-'));
  fs.mkdirSync(path.join(dir, 'notes'));
  fs.mkdirSync(path.join(dir, 'cache'));
  fs.writeFileSync(path.join(dir, 'notes', 'a.md'), '# a\n\n```dl-calc\nx = 2 + 2\nx ≈ 4\n```\n');
  fs.writeFileSync(path.join(dir, 'notes', 'b.md'), '# b\n\n```dl-calc\ny = 1 / 3\ny ≈ 0.5\n```\n');
  return { dir, cache: path.join(dir, 'cache', 'dl-calc.cache') };
}

type CacheData = { build: string; notes: Record<string, { key: string; output: { lines: string[] } }> };
const read = (file: string): CacheData => JSON.parse(fs.readFileSync(file, 'utf8'));

/**
 * Marks each cached note's stored output, so a replayed note shows the mark and a note
 * checked again shows its real result.
 */
function markReplays(file: string): void {
  const data = read(file);
  for (const entry of Object.values(data.notes)) entry.output.lines = [...entry.output.lines, `REPLAYED ${entry.output.lines.length}`];
  fs.writeFileSync(file, `{"dlCalcCache":1,${JSON.stringify(data).slice(1)}`);
}

const replayed = (out: string) => out.split('\n').filter((l) => l.startsWith('REPLAYED')).length;

test('a second run replays every unchanged note, with the same output and exit code', () => {
  const { dir, cache } = project();
  const first = cli(['check', '--cache', cache, 'notes'], dir);
  assert.equal(first.code, 1, first.err);
  assert.deepEqual(Object.keys(read(cache).notes).map((p) => path.basename(p)).sort(), ['a.md', 'b.md']);
  const second = cli(['check', '--cache', cache, 'notes'], dir);
  assert.equal(second.out, first.out);
  assert.equal(second.code, 1);
  markReplays(cache);
  assert.equal(replayed(cli(['check', '--cache', cache, 'notes'], dir).out), 2);
});

test('a changed note is checked again; the unchanged one is replayed', () => {
  const { dir, cache } = project();
  cli(['check', '--cache', cache, 'notes'], dir);
  markReplays(cache);
  fs.writeFileSync(path.join(dir, 'notes', 'b.md'), '# b\n\n```dl-calc\ny = 1 / 2\ny ≈ 0.5\n```\n');
  const r = cli(['check', '--cache', cache, 'notes'], dir);
  assert.equal(replayed(r.out), 1);
  assert.match(r.out, /^2 notes: 4 statements, ✓ 2 passed, ✗ 0 failed, 0 errors$/m);
  assert.equal(r.code, 0);
});

test('other options, another language or another dl-calc build check every note again', () => {
  const { dir, cache } = project();
  cli(['check', '--cache', cache, 'notes'], dir);
  for (const args of [['--precision', '3'], ['--no-latex'], ['--verbose'], ['--json'], ['--lang', 'zh-cn']]) {
    markReplays(cache);
    const r = cli(['check', '--cache', cache, ...args, 'notes'], dir);
    assert.equal(replayed(r.out), 0, args.join(' '));
    // The cache now holds this run's options; put the default ones back.
    cli(['check', '--cache', cache, 'notes'], dir);
  }
  markReplays(cache);
  const data = read(cache);
  fs.writeFileSync(cache, `{"dlCalcCache":1,${JSON.stringify({ ...data, build: '0.0.1 an older dl-calc' }).slice(1)}`);
  const r = cli(['check', '--cache', cache, 'notes'], dir);
  assert.equal(replayed(r.out), 0);
  assert.equal(r.code, 1);
  assert.notEqual(read(cache).build, '0.0.1 an older dl-calc', 'rewritten by this build');
});

test('a damaged cache is ignored with a warning, every note checked, and the cache rewritten', () => {
  const { dir, cache } = project();
  const clean = cli(['check', 'notes'], dir);
  cli(['check', '--cache', cache, 'notes'], dir);
  const whole = fs.readFileSync(cache, 'utf8');
  fs.writeFileSync(cache, whole.slice(0, Math.floor(whole.length / 2)));
  const r = cli(['check', '--cache', cache, 'notes'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.out, clean.out);
  assert.equal(r.err.trim(), `dl-calc: the cache ${cache} could not be read (damaged); every note is checked again and the cache rewritten`);
  assert.doesNotThrow(() => read(cache));
});

test('the cache is the only file written: nothing beside the notes or in the working folder, no temporary file left', () => {
  const { dir, cache } = project();
  const before = (d: string) => fs.readdirSync(d).sort();
  const notes = before(path.join(dir, 'notes'));
  const top = before(dir);
  cli(['check', '--cache', cache, 'notes'], dir);
  cli(['check', '--cache', cache, 'notes'], dir);
  assert.deepEqual(before(path.join(dir, 'notes')), notes);
  assert.deepEqual(before(dir), top);
  assert.deepEqual(before(path.join(dir, 'cache')), ['dl-calc.cache']);
});

test('a file that is not a dl-calc cache is never overwritten; a directory is bad usage', () => {
  const { dir } = project();
  const note = path.join(dir, 'notes', 'a.md');
  const text = fs.readFileSync(note, 'utf8');
  const r = cli(['check', '--cache', note, 'notes'], dir);
  assert.equal(r.code, 1, r.err);
  assert.equal(fs.readFileSync(note, 'utf8'), text);
  assert.equal(r.err.trim(), `dl-calc: --cache ${note} is not a dl-calc cache file; it is left as it is and nothing is cached`);
  const d = cli(['check', '--cache', path.join(dir, 'cache'), 'notes'], dir);
  assert.equal(d.code, 2);
  assert.match(d.err, /--cache .*cache: it is a directory; name a file/);
});

test('a note stopped by the time limit is not cached (the next run may finish it)', () => {
  const { dir, cache } = project();
  fs.writeFileSync(path.join(dir, 'notes', 'slow.md'), '# s\n\n```dl-calc\nfib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(200)\n```\n');
  const r = cli(['check', '--time-limit', '1000', '--cache', cache, 'notes'], dir);
  assert.match(r.out, /slow\.md:5:1: error: Stopped/);
  assert.deepEqual(Object.keys(read(cache).notes).map((p) => path.basename(p)).sort(), ['a.md', 'b.md']);
});
