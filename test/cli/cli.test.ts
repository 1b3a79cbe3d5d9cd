// The dl-calc command line as a user runs it: the built bin, real files, exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { sharedNotesDir } from '../shared';

const root = path.join(__dirname, '..', '..', '..');
const bin = path.join(root, 'dist', 'cli.js');
const examples = path.join(root, 'examples');
const shared = sharedNotesDir;

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-cli-'));
}

test('check examples: every check passes, exit 0, a summary line', () => {
  const r = cli(['check', 'examples']);
  assert.equal(r.code, 0, r.out + r.err);
  const notes = fs.readdirSync(examples).filter((f) => f.endsWith('.md')).length;
  assert.match(r.out, new RegExp(`^${notes} notes: \\d+ statements, ✓ \\d+ passed, ✗ 0 failed, 0 errors$`, 'm'));
});

test('a copy of an example with one hand-calculated number made wrong exits 1 at the right line and column', () => {
  const dir = tmpDir();
  const source = fs.readFileSync(path.join(examples, 'backprop-by-hand.md'), 'utf8');
  const wrong = source.replace('w2_l2 ≈ -0.3556', 'w2_l2 ≈ -0.3565');
  assert.notEqual(wrong, source);
  const file = path.join(dir, 'wrong.md');
  fs.writeFileSync(file, wrong);
  const lineNo = wrong.split('\n').findIndex((l) => l.startsWith('w2_l2 ≈ -0.3565')) + 1;
  const r = cli(['check', file]);
  assert.equal(r.code, 1);
  assert.ok(
    r.out.includes(`${file}:${lineNo}:1: check failed: expected -0.3565, got -0.355603 (off by 0.000897, tolerance 5e-5)`),
    r.out,
  );
  assert.match(r.out, /1 note: \d+ statements, ✓ \d+ passed, ✗ 1 failed, 0 errors/);
});

test('an error exits 1 and prints path:line:col: error', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'e.md');
  fs.writeFileSync(file, '# e\n\n```dl-calc\nx = 1\ny = x + * 2\n```\n');
  const r = cli(['check', file]);
  assert.equal(r.code, 1);
  assert.ok(r.out.includes(`${file}:5:9: error: Syntax error: Value expected`), r.out);
});

test('bad usage and unreadable files exit 2', () => {
  assert.equal(cli([]).code, 2);
  assert.equal(cli(['check']).code, 2);
  assert.equal(cli(['check', '--frobnicate', 'examples']).code, 2);
  assert.equal(cli(['launch']).code, 2);
  const missing = cli(['check', path.join(tmpDir(), 'nope.md')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /cannot read .*nope\.md/);
});

test('--json prints one object of the documented shape, 1-based positions', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'j.md');
  fs.writeFileSync(file, '# j\n\n```dl-calc\na = 2 #= 2\nb = a * 3\nb ≈ 7\nc = nope\n```\n');
  const r = cli(['check', '--json', file]);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.out);
  assert.deepEqual(report.totals, { statements: 4, passed: 1, failed: 1, errors: 1 });
  const [f] = report.files;
  assert.deepEqual(Object.keys(f).sort(), ['checks', 'errors', 'items', 'path', 'statements']);
  assert.deepEqual(f.checks, { passed: 1, failed: 1 });
  assert.deepEqual(f.items, [
    { line: 4, column: 1, kind: 'check', source: 'a = 2', display: '2', ok: true },
    { line: 5, column: 1, kind: 'value', source: 'b = a * 3', display: '6' },
    { line: 6, column: 1, kind: 'check', source: 'b ≈ 7', display: '6', ok: false, message: 'expected 7, got 6 (off by 1, tolerance 0.5)' },
    { line: 7, column: 5, kind: 'error', source: 'c = nope', display: '', message: 'Unknown name "nope"', code: 'name.unknown' },
  ]);
});

test('--verbose prints every statement with its value, like a transcript', () => {
  const r = cli(['check', '--verbose', path.join('examples', 'small-cnn-shapes.md')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^\s+21 │ n1 = conv_out\(n0, 3, 1, 1\)\s+✓ 32$/m);
  assert.match(r.out, /^\s+40 │ total = P1 \+ P2 \+ P3\s+→ 25,578  \(≈ 25.58 k\)$/m);
});

test('--derivations prints formula, values and result', () => {
  const r = cli(['check', '--derivations', path.join('examples', 'backprop-by-hand.md')]);
  assert.equal(r.code, 0);
  assert.match(r.out, /w2_l2 = \(1 - lambda \* eta\) \* w2 - eta \* g2\n\s+│\s+= \(1 - 0.1 \* 0.1\) \* \(-0.4\) - 0.1 \* \(-0.403966\)\n\s+│\s+= -0.355603/);
});

test('a directory is searched recursively for Markdown notes', () => {
  const dir = tmpDir();
  fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'a', 'b', 'deep.md'), '```dl-calc\n1 + 1 ≈ 2\n```\n');
  fs.writeFileSync(path.join(dir, 'a', 'skip.txt'), '```dl-calc\n1 + 1 ≈ 3\n```\n');
  const r = cli(['check', dir]);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /^1 note: 1 statements, ✓ 1 passed/m);
});

test('a wrong hand calculation in LaTeX fails the check, with the written number located', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'l.md');
  fs.writeFileSync(file, '# l\n\n权重更新：$0.5 - 0.0123 = 0.4887$。\n');
  const r = cli(['check', '--json', file]);
  assert.equal(r.code, 1);
  const [item] = JSON.parse(r.out).files[0].items;
  assert.deepEqual(
    { line: item.line, column: item.column, kind: item.kind, ok: item.ok, message: item.message },
    { line: 3, column: 22, kind: 'latex', ok: false, message: '0.5 − 0.0123 = 0.4877, but 0.4887 is written' },
  );
});

test('arithmetic in prose is its own kind; math in other delimiters is checked with --other-delimiters', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'p.md');
  fs.writeFileSync(file, '# p\n\nA 6\\*6\\*8 = 298 volume, and \\\\(2 \\times 3 = 7\\\\).\n');
  const plain = cli(['check', '--json', file]);
  assert.equal(plain.code, 1);
  assert.deepEqual(
    JSON.parse(plain.out).files[0].items.map((i: { line: number; column: number; kind: string; source: string; ok: boolean; message: string }) => [i.line, i.column, i.kind, i.source, i.ok, i.message]),
    [[3, 13, 'prose', '6\\*6\\*8 = 298', false, '6 × 6 × 8 = 288, but 298 is written']],
  );
  const text = cli(['check', file]);
  assert.match(text.out, /p\.md:3:13: hand calculation: 6 × 6 × 8 = 288, but 298 is written/);
  const other = cli(['check', '--json', '--other-delimiters', file]);
  const kinds = JSON.parse(other.out).files[0].items.map((i: { kind: string; ok: boolean }) => [i.kind, i.ok]);
  assert.deepEqual(kinds, [
    ['prose', false],
    ['latex', false],
  ]);
  const off = cli(['check', '--json', '--no-prose', file]);
  assert.equal(off.code, 0);
  assert.deepEqual(JSON.parse(off.out).files[0].items, []);
});

test('every real course note is checked without a crash or a false alarm', { skip: !fs.existsSync(shared) && 'no ../shared/notes' }, () => {
  const r = cli(['check', '--json', shared]);
  const report = JSON.parse(r.out);
  assert.equal(report.files.length, fs.readdirSync(shared).filter((f) => f.endsWith('.md')).length);
  assert.equal(report.totals.errors, 0);
  // A failed item is a catch only where the reader's claims file marks that line an error.
  const alarms: string[] = [];
  for (const f of report.files as { path: string; items: { line: number; ok?: boolean; message: string }[] }[]) {
    const claims = f.path.replace(/\.md$/, '.claims.tsv');
    const errorLines = new Set(
      (fs.existsSync(claims) ? fs.readFileSync(claims, 'utf8').split('\n').slice(1) : [])
        .map((row) => row.split('\t'))
        .filter((c) => c[2] === 'error')
        .map((c) => Number(c[0])),
    );
    for (const i of f.items) if (i.ok === false && !errorLines.has(i.line)) alarms.push(`${path.basename(f.path)}:${i.line}: ${i.message}`);
  }
  assert.deepEqual(alarms, []);
  // Exit code 1 exactly when a real mistake was caught.
  assert.equal(r.code, report.totals.failed > 0 ? 1 : 0, r.err);
});

test('render writes one self-contained HTML file', () => {
  const dir = tmpDir();
  const out = path.join(dir, 'cnn.html');
  const r = cli(['render', path.join('examples', 'small-cnn-shapes.md'), '-o', out]);
  assert.equal(r.code, 0, r.err);
  const html = fs.readFileSync(out, 'utf8');
  assert.match(html, /<title>Shapes, parameters and multiply-adds of a small CNN<\/title>/);
  assert.match(html, /class="dl-calc-table"/);
  assert.match(html, /font\/woff2;base64,/);
  assert.doesNotMatch(html, /<script/i);
});
