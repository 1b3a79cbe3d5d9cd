// The CLI in Chinese: --lang zh-cn or a Chinese locale; --json keeps its English machine
// fields and translates only `message`; severity words and positions stay parseable.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..', '..');
const bin = path.join(root, 'dist', 'cli.js');

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const clean: Record<string, string | undefined> = { ...process.env, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: undefined, ...env };
  for (const k of Object.keys(clean)) if (clean[k] === undefined) delete clean[k];
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: clean as NodeJS.ProcessEnv });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function noteFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-lang-'));
  const file = path.join(dir, 'n.md');
  fs.writeFileSync(file, '# N\n\n```dl-calc\na = 2 * 3\na ≈ 7\nb = nope + 1\n```\n\n$2 \\times 3 = 7$\n');
  return file;
}

test('--lang zh-cn: problems and the summary in Chinese, positions and severity words as in English', () => {
  const file = noteFile();
  const r = cli(['check', '--lang', 'zh-cn', file]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:1: 校验未通过: 应为 7，实际为 6（相差 1，容差 0\\.5）$`, 'm'));
  assert.match(r.out, /:6:5: error: 未知的名称“nope”$/m);
  assert.match(r.out, /:9:\d+: 手算有误: 2 × 3 = 6，但这里写的是 7$/m);
  assert.match(r.out, /^1 篇笔记：3 条语句，✓ 0 项通过，✗ 2 项未通过，1 个错误$/m);
});

test('a Chinese locale (LANG=zh_CN.UTF-8) picks Chinese; LC_ALL=C overrides it; --lang en overrides both', () => {
  const file = noteFile();
  assert.match(cli(['check', file], { LANG: 'zh_CN.UTF-8' }).out, /1 篇笔记/);
  assert.match(cli(['check', file], { LANG: 'zh_CN.UTF-8', LC_ALL: 'C' }).out, /^1 note: 3 statements/m);
  assert.match(cli(['--lang=en', 'check', file], { LC_ALL: 'zh_CN.UTF-8' }).out, /Unknown name "nope"/);
  assert.match(cli(['check', file], { LANG: 'zh_TW.UTF-8' }).out, /^1 note:/m, 'no Traditional Chinese bundle: English');
});

test('--json in Chinese: the same fields and kinds as in English, message translated, code stable', () => {
  const file = noteFile();
  const en = JSON.parse(cli(['check', '--json', file]).out);
  const zh = JSON.parse(cli(['check', '--json', '--lang', 'zh-cn', file]).out);
  const strip = (report: typeof en) => JSON.stringify(report, (k, v) => (k === 'message' ? undefined : v));
  assert.equal(strip(zh), strip(en));
  const error = zh.files[0].items.find((i: { kind: string }) => i.kind === 'error');
  assert.equal(error.code, 'name.unknown');
  assert.equal(error.message, '未知的名称“nope”');
});

test('--lang with another value is a usage error (exit 2)', () => {
  const r = cli(['check', '--lang', 'fr', noteFile()]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--lang takes en or zh-cn/);
});

test('in a Chinese locale every CLI message is Chinese: file errors, usage, the help, an export', () => {
  const zh = { LANG: 'zh_CN.UTF-8' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-lang-'));
  const missing = cli(['check', path.join(dir, 'nope.md')], zh);
  assert.equal(missing.code, 2);
  assert.equal(missing.err.trim(), `dl-calc: 无法读取 ${path.join(dir, 'nope.md')}：没有这个文件或目录`);
  fs.mkdirSync(path.join(dir, 'empty'));
  assert.equal(cli(['check', path.join(dir, 'empty')], zh).err.trim(), `dl-calc: ${path.join(dir, 'empty')} 中没有笔记：其中没有 *.md 或 *.markdown 文件`);
  const usage = cli(['check', '--frobnicate', dir], zh);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /^dl-calc: 未知的选项 --frobnicate（以“-”开头的文件名请放在 -- 之后）$/m);
  assert.match(usage.err, /^两个命令共用的选项（括号中是对应的编辑器设置）：$/m);
  assert.match(usage.err, /^ {2}--no-latex {14}不校验 LaTeX 和正文中的手算（dlCalc\.latexChecks\.enabled）$/m);
  assert.match(cli(['check', '--jobs', '0', dir], zh).err, /--jobs 只接受 1 到 256 的整数（收到的是“0”）/);
  const help = cli(['help'], zh);
  assert.equal(help.code, 0);
  assert.match(help.out, /^退出码：0 所有校验通过/m);
  // No English sentence is left in the help: every description line holds Chinese.
  for (const line of help.out.split('\n').filter((l) => /^ {2}-/.test(l))) assert.match(line, /[\u4e00-\u9fff]/, line);
  const note = noteFile();
  const out = path.join(dir, 'n.html');
  const render = cli(['render', note, '-o', out], zh);
  assert.equal(render.code, 0, render.err);
  assert.equal(render.out.trim(), `已写入 ${out}`);
  assert.equal(cli(['render', note, '-o', note], zh).err.split('\n')[0], `dl-calc: 拒绝用 HTML 覆盖笔记本身（${note}）；请用 -o 指定另一个文件`);
});
