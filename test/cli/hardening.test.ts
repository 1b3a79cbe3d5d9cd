// The CLI given hostile or mistaken input, as a user or CI runs it: every case ends with a
// one-line message in words, in bounded time, with the documented exit code (1 for a note
// with problems, 2 only for bad usage or a file that cannot be read), and every other note
// is still reported.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..', '..');
const bin = path.join(root, 'dist', 'cli.js');
/** A hard bound: far above what any case needs on a loaded machine, far below a hang. */
const BOUND_MS = 240_000;

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: BOUND_MS });
  assert.equal(r.signal, null, `dl-calc ${args.join(' ')} was killed (hung past the bound)`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-hard-'));
}

const good = '# ok\n\n```dl-calc\nx = 1 + 1\nx ≈ 2\n```\n';

test('an empty or mistyped directory exits 2 with a message, not a green run', () => {
  const dir = tmpDir();
  fs.mkdirSync(path.join(dir, 'empty'));
  const empty = cli(['check', path.join(dir, 'empty')]);
  assert.equal(empty.code, 2);
  assert.equal(empty.err.trim(), `dl-calc: no notes in ${path.join(dir, 'empty')}: it holds no *.md or *.markdown files`);
  const typo = cli(['check', path.join(dir, 'notse')]);
  assert.equal(typo.code, 2);
  assert.equal(typo.err.trim().split('\n')[0], `dl-calc: cannot read ${path.join(dir, 'notse')}: no such file or directory`);
});

test('a FIFO and /dev/zero are refused at once, in words; the other notes are still checked', { skip: process.platform === 'win32' }, () => {
  const dir = tmpDir();
  const fifo = path.join(dir, 'pipe.md');
  spawnSync('mkfifo', [fifo]);
  fs.writeFileSync(path.join(dir, 'ok.md'), good);
  const r = cli(['check', fifo, '/dev/zero', path.join(dir, 'ok.md')]);
  assert.equal(r.code, 2);
  assert.match(r.err, new RegExp(`^dl-calc: cannot read ${fifo}: it is not a regular file \\(a named pipe\\)$`, 'm'));
  assert.match(r.err, /^dl-calc: cannot read \/dev\/zero: it is not a regular file \(a device\)$/m);
  assert.match(r.out, /^1 note: 2 statements, ✓ 1 passed, ✗ 0 failed, 0 errors$/m);
});

test('a UTF-16 note with a byte-order mark is read; without one it is refused in words', () => {
  const dir = tmpDir();
  const withBom = path.join(dir, 'u16.md');
  fs.writeFileSync(withBom, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('```dl-calc\n1 + 1 ≈ 3\n```\n', 'utf16le')]));
  const r = cli(['check', withBom]);
  assert.equal(r.code, 1);
  assert.match(r.out, /u16\.md:2:1: check failed: expected 3, got 2/);
  const noBom = path.join(dir, 'nobom.md');
  fs.writeFileSync(noBom, Buffer.from('```dl-calc\n1 + 1\n```\n', 'utf16le'));
  const n = cli(['check', noBom]);
  assert.equal(n.code, 2);
  assert.match(n.err, /cannot read .*nobom\.md: it is not UTF-8 text \(it holds NUL bytes: UTF-16 without a byte-order mark, or not text\); save it as UTF-8/);
});

test('a symbolic link loop reads as a loop, not as a missing file', { skip: process.platform === 'win32' }, () => {
  const dir = tmpDir();
  fs.symlinkSync(path.join(dir, 'b.md'), path.join(dir, 'a.md'));
  fs.symlinkSync(path.join(dir, 'a.md'), path.join(dir, 'b.md'));
  const r = cli(['check', path.join(dir, 'a.md')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot read .*a\.md: too many symbolic links \(a link points back to itself\)/);
});

test('-- ends the options, so a note named -x.md can be checked', () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, '-x.md'), good);
  const r = cli(['check', '--', '-x.md'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^1 note: 2 statements, ✓ 1 passed/m);
  const without = cli(['check', '-x.md'], dir);
  assert.equal(without.code, 2);
  assert.match(without.err, /Unknown option -x\.md \(a file whose name starts with "-" goes after --\)/);
});

test('--time-limit takes whole milliseconds; 1e309, -1 and 1.5 are bad usage', () => {
  for (const bad of ['1e309', '-1', '1.5', 'abc', '']) {
    const r = cli(['check', '--time-limit', bad, 'examples']);
    assert.equal(r.code, 2, bad);
    assert.match(r.err, /--time-limit takes whole milliseconds from 1 to 2147483647, or 0 for no limit/, bad);
  }
});

test('a runaway statement is stopped in place, naming --time-limit; the rest of the note and the next note are reported', () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'a.md'), '# a\n\n```dl-calc\nfib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(200)\nafter = 2\nafter ≈ 3\n```\n');
  fs.writeFileSync(path.join(dir, 'b.md'), good);
  const r = cli(['check', '--time-limit', '1500', dir]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /a\.md:5:1: error: Stopped: this statement ran past the time limit of 1\.5 s \(option --time-limit\)/);
  assert.match(r.out, /a\.md:7:1: check failed: expected 3, got 2/);
  assert.match(r.out, /^2 notes: 6 statements, ✓ 1 passed, ✗ 1 failed, 1 error$/m);
  assert.equal(r.err, '');
});

test('--time-limit 1 ends every note with a message and exit 1, never a stack trace', () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'a.md'), good);
  fs.writeFileSync(path.join(dir, 'b.md'), good);
  const r = cli(['check', '--time-limit', '1', dir]);
  assert.ok(r.code === 0 || r.code === 1, `${r.code}: ${r.err}`);
  assert.doesNotMatch(r.err + r.out, /\n\s+at /);
  assert.match(r.out, /^2 notes: /m);
});

test('a note nested past markdown-it\'s limit says so and fails instead of passing with 0 statements', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'deep.md');
  const list = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
  fs.writeFileSync(file, `# deep\n\n${list}\n\n\`\`\`dl-calc\n1 + 1 ≈ 3\n\`\`\`\n`);
  const r = cli(['check', file]);
  assert.equal(r.code, 1);
  assert.match(r.out, /deep\.md:\d+:1: error: The note is nested too deeply \(lists or block quotes\) for Markdown to read past this line: nothing after it was checked/);
});

test('a closed pipe ends the output quietly, without an EPIPE stack trace', async () => {
  const child = spawn(process.execPath, [bin, 'check', '--derivations', 'examples'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  // Read the first chunk, then close the pipe, as `| head -1` does.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.doesNotMatch(err, /EPIPE|\n\s+at /);
  assert.ok(code === 0 || code === 141, `exit ${code}: ${err}`);
});

test('--help describes the LaTeX checks and every flag', () => {
  const r = cli(['--help']);
  assert.equal(r.code, 0);
  for (const flag of ['--json', '--verbose', '--derivations', '--time-limit', '--precision', '--', '-o, --output']) assert.ok(r.out.includes(flag), flag);
  assert.match(r.out, /hand calculations written in its LaTeX math/);
});

test('render refuses to write over the note itself, whatever the name says', () => {
  const dir = tmpDir();
  const note = path.join(dir, 'note.md');
  fs.writeFileSync(note, good);
  fs.symlinkSync(note, path.join(dir, 'alias.html'));
  for (const target of [note, path.join(dir, 'alias.html'), path.join(dir, '.', 'note.md')]) {
    const r = cli(['render', note, '-o', target]);
    assert.equal(r.code, 2, target);
    assert.match(r.err, /refusing to write the HTML over the note itself/);
    assert.equal(fs.readFileSync(note, 'utf8'), good);
  }
});

test('a failed export leaves the previous one whole (written to a temporary file, then renamed)', () => {
  const dir = tmpDir();
  const note = path.join(dir, 'note.md');
  fs.writeFileSync(note, good);
  const out = path.join(dir, 'note.html');
  assert.equal(cli(['render', note, '-o', out]).code, 0);
  const first = fs.readFileSync(out, 'utf8');
  assert.match(first, /<\/html>\s*$/);
  // The disk fills up half way through the next export: every write stops after half its bytes.
  const full = path.join(dir, 'disk-full.js');
  fs.writeFileSync(
    full,
    `const fs = require('node:fs');
     const write = fs.writeFileSync;
     fs.writeFileSync = (file, data, options) => {
       write(file, String(data).slice(0, String(data).length / 2), options);
       throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
     };`,
  );
  fs.writeFileSync(note, good.replace('x = 1 + 1', 'x = 40 + 2'));
  const r = spawnSync(process.execPath, ['-r', full, bin, 'render', note, '-o', out], { encoding: 'utf8', timeout: BOUND_MS });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim(), `dl-calc: cannot write ${out}: no space left on the device`);
  assert.equal(fs.readFileSync(out, 'utf8'), first);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  // A folder that does not exist is said in words too.
  const missing = cli(['render', note, '-o', path.join(dir, 'missing', 'note.html')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot write .*note\.html: no such file or directory/);
});

test('export embeds no file from outside the note folder: symlink, absolute, .., percent-encoded; it says which images it left as links', { skip: process.platform === 'win32' }, () => {
  const dir = tmpDir();
  const notes = path.join(dir, 'course', 'week1');
  fs.mkdirSync(notes, { recursive: true });
  const secret = path.join(dir, 'id_rsa');
  const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END OPENSSH PRIVATE KEY-----\n';
  fs.writeFileSync(secret, key);
  // A real PNG outside the folder too: being an image does not make it embeddable.
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  fs.writeFileSync(path.join(dir, 'outside.png'), png);
  fs.writeFileSync(path.join(notes, 'inside.png'), png);
  fs.symlinkSync(secret, path.join(notes, 'figure.png'));
  fs.symlinkSync(path.join(dir, 'outside.png'), path.join(notes, 'linked.png'));
  const note = path.join(notes, 'n.md');
  fs.writeFileSync(
    note,
    [
      '# n',
      '![key](figure.png)',
      '![linked](linked.png)',
      `![abs](${secret})`,
      '![up](../../id_rsa)',
      '![up2](../../outside.png)',
      '![enc](%2e%2e/%2e%2e/outside.png)',
      '![fine](inside.png)',
      '![gone](missing.png)',
    ].join('\n\n'),
  );
  const out = path.join(dir, 'n.html');
  const r = cli(['render', note, '-o', out]);
  assert.equal(r.code, 0, r.err);
  const html = fs.readFileSync(out, 'utf8');
  assert.ok(!html.includes(Buffer.from(key).toString('base64').slice(0, 24)), 'the key is not embedded');
  assert.ok(!html.includes('c2VjcmV0LWtleS1ieXRlcw'), 'the key is not embedded');
  // Exactly one image embedded: the one inside the folder.
  assert.equal(html.match(/src="data:image\/png;base64,/g)?.length, 1);
  const lines = r.err.trim().split('\n');
  assert.deepEqual(lines, [
    `dl-calc: ${note}: image figure.png not embedded: a link to a file outside the note's folder; only images inside it are embedded`,
    `dl-calc: ${note}: image linked.png not embedded: a link to a file outside the note's folder; only images inside it are embedded`,
    `dl-calc: ${note}: image ${secret} not embedded: an absolute path; only images inside the note's folder are embedded`,
    `dl-calc: ${note}: image ../../id_rsa not embedded: outside the note's folder; only images inside it are embedded`,
    `dl-calc: ${note}: image ../../outside.png not embedded: outside the note's folder; only images inside it are embedded`,
    `dl-calc: ${note}: image %2e%2e/%2e%2e/outside.png not embedded: outside the note's folder; only images inside it are embedded`,
    `dl-calc: ${note}: image missing.png not embedded: not found`,
  ]);
});
