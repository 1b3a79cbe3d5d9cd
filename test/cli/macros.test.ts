// `--macros FILE`: the user's LaTeX macros in the CLI's checks and export, as the preview has them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..', '..');
const bin = path.join(root, 'dist', 'cli.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args, '--lang', 'en'], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-macros-'));
  fs.writeFileSync(path.join(dir, 'note.md'), 'For $x \\in \\R$: half of six, $\\half \\times 6 = 4$.\n');
  fs.writeFileSync(path.join(dir, 'macros.json'), JSON.stringify({ '\\R': '\\mathbb{R}', '\\half': '\\frac{1}{2}' }));
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ 'markdown.math.macros': { '\\half': '\\frac{1}{2}' }, 'editor.tabSize': 2 }));
  return dir;
}

test('check --macros: a formula written with a macro is checked, and a wrong one fails at the written number', () => {
  const dir = folder();
  const without = cli(['check', 'note.md'], dir);
  assert.equal(without.code, 0, without.out + without.err);
  for (const file of ['macros.json', 'settings.json']) {
    const r = cli(['check', '--macros', file, 'note.md'], dir);
    assert.equal(r.code, 1, r.out + r.err);
    const col = 'For $x \\in \\R$: half of six, $\\half \\times 6 = '.length + 1;
    assert.match(r.out, new RegExp(`^note\\.md:1:${col}: .*= 3, but 4 is written$`, 'm'));
  }
});

test('render --macros: the export typesets the macro as KaTeX does', () => {
  const dir = folder();
  assert.equal(cli(['render', 'note.md', '-o', 'plain.html'], dir).code, 0);
  assert.equal(cli(['render', 'note.md', '--macros', 'macros.json', '-o', 'macros.html'], dir).code, 0);
  const plain = fs.readFileSync(path.join(dir, 'plain.html'), 'utf8');
  const withMacros = fs.readFileSync(path.join(dir, 'macros.html'), 'utf8');
  // KaTeX knows \R itself; \half is the user's.
  // KaTeX knows \R itself; \half is the user's (unknown: KaTeX shows it in red as text).
  assert.match(plain, /<mtext>\\half<\/mtext>/);
  assert.doesNotMatch(plain, /<mfrac>/);
  assert.match(withMacros, /<mfrac><mn>1<\/mn><mn>2<\/mn><\/mfrac>/);
  assert.doesNotMatch(withMacros, /<mtext>\\half<\/mtext>/);
});

test('--macros with a missing or malformed file is a usage error naming the file', () => {
  const dir = folder();
  fs.writeFileSync(path.join(dir, 'bad.json'), '{"\\\\R": ');
  fs.writeFileSync(path.join(dir, 'list.json'), '["\\\\R"]');
  for (const [file, code, message] of [
    ['bad.json', 2, /--macros bad\.json: not JSON/],
    ['list.json', 2, /--macros list\.json: expected an object/],
    ['absent.json', 2, /cannot read absent\.json/],
  ] as const) {
    const r = cli(['check', '--macros', file, 'note.md'], dir);
    assert.equal(r.code, code, r.out + r.err);
    assert.match(r.err + r.out, message);
  }
  assert.equal(cli(['check', 'note.md', '--macros'], dir).code, 2);
});
