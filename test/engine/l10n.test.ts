// Chinese end to end, in plain Node: every message key has a translation that keeps the
// English placeholders; the engine's catalogue speaks the bundle it is given (as the worker
// does with VS Code's), keeps stable codes, and recognises mathjs's own errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, test } from 'node:test';
import { createEngine } from '../../src/engine';
import { catalogue, say, useBundle } from '../../src/engine/messages';
import { sayErrorMessage, sayMathjsError } from '../../src/engine/messages/mathjsErrors';
import { missingPlaceholders, tokensOf } from './l10nCheck';

const root = path.join(__dirname, '..', '..', '..');
const bundle = (lang: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(root, 'l10n', `bundle.l10n.${lang}.json`), 'utf8'));
const english: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'));
const zh = bundle('zh-cn');

function keys(): string[] {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'l10n-keys.mjs'), '--json'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

afterEach(() => useBundle(undefined));

test('every message (vscode.l10n.t in the extension, the engine catalogue) has a Chinese translation; no stale ones', () => {
  const used = keys();
  assert.ok(used.length > 50);
  const missing = used.filter((k) => !(k in zh));
  assert.deepEqual(missing, [], 'add these to l10n/bundle.l10n.zh-cn.json');
  const stale = Object.keys(zh).filter((k) => !used.includes(k));
  assert.deepEqual(stale, [], 'no longer used: remove from l10n/bundle.l10n.zh-cn.json');
  assert.deepEqual(Object.keys(english).sort(), used, 'l10n/bundle.l10n.json is out of date: node scripts/l10n-keys.mjs --write');
});

test('each translation keeps every placeholder of the English and adds none', () => {
  for (const [key, text] of Object.entries(zh)) {
    assert.deepEqual(missingPlaceholders(key, text), [], `${key} → ${text}`);
    const placeholders = (s: string) => tokensOf(s).filter((t) => t.startsWith('{'));
    assert.deepEqual(placeholders(text), placeholders(key), `${key} → ${text}`);
    assert.notEqual(text, key, `${key} is not translated`);
  }
});

const note = [
  '# Note',
  '',
  '```dl-calc',
  'a = 2 * 3',
  'a ≈ 7',
  'b = nope + 1',
  'c = b * 2',
  'd = later + 1',
  'later = 1',
  'e = (1 +',
  'M = [1, 2; 3, 4] * [1, 2, 3]',
  '```',
].join('\n');

function messagesOf(text: string) {
  const engine = createEngine();
  const result = engine.evaluate({ uri: 'file:///n.md', version: 1, text });
  return result.statements.map((s) => ({ code: s.error?.code, message: s.error?.message ?? s.check?.message }));
}

test('the engine speaks Chinese with the Chinese bundle, English without, with the same codes', () => {
  const en = messagesOf(note);
  useBundle(zh);
  const cn = messagesOf(note);
  assert.deepEqual(cn.map((m) => m.code), en.map((m) => m.code));
  const byCode = (list: typeof en, code: string) => list.find((m) => m.code === code)?.message;
  assert.equal(byCode(en, 'name.unknown'), 'Unknown name "nope"');
  assert.equal(byCode(cn, 'name.unknown'), '未知的名称“nope”');
  assert.equal(byCode(cn, 'name.dependsOnFailed'), '依赖的 b（第 6 行）出错了');
  assert.equal(byCode(cn, 'name.definedLater'), '未知的名称“later”：它在后面第 9 行才定义');
  assert.match(byCode(cn, 'syntax.error') ?? '', /^语法错误：/);
  assert.match(byCode(cn, 'eval.shapesMatmul') ?? '', /形状不匹配：.*左矩阵的列数必须等于右矩阵的行数/);
  // The failed check: values stay numbers, the sentence is Chinese.
  assert.match(cn[1].message ?? '', /^应为 7，实际为 6（相差 1，容差 0\.5）$/);
  assert.match(en[1].message ?? '', /^expected 7, got 6 \(off by 1, tolerance 0\.5\)$/);
});

test('mathjs errors are recognised by their text, a technical tail kept; unknown ones pass unchanged', () => {
  useBundle(zh);
  assert.equal(sayMathjsError('Undefined symbol x')?.message, '未定义的符号 x');
  assert.equal(sayMathjsError('Too few arguments in function sin (expected: number, index: 0)')?.message, '函数 sin 的参数太少 (expected: number, index: 0)');
  assert.equal(sayMathjsError('Dimension mismatch (3 != 2)')?.code, 'mathjs.dimensionMismatch');
  assert.equal(sayMathjsError('Something new from mathjs'), undefined);
});

test('every catalogue message has arguments named like its placeholders (say fills them all)', () => {
  for (const [code, text] of Object.entries(catalogue)) {
    const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const args = Object.fromEntries(names.map((n) => [n, `<${n}>`]));
    const out = say(code as keyof typeof catalogue, args);
    assert.doesNotMatch(out, /\{\w+\}/, code);
  }
});

test('the common mathjs errors, as real statements raise them, are said from the catalogue in Chinese; others marked as English', () => {
  // Each statement below makes mathjs (this version) raise one of its own messages.
  const cases: [string, string, RegExp][] = [
    ['inv([1, 2; 2, 4])', 'mathjs.singularInverse', /^无法求逆矩阵：行列式为零$/],
    ['det([1, 2, 3])', 'mathjs.notSquare', /^矩阵必须是方阵（形状：\[3\]）$/],
    ['unit("foo")', 'mathjs.unitNotFound', /^找不到单位“foo”$/],
    ['"abc" + 1', 'mathjs.notANumber', /^无法把“abc”转换为数值$/],
    ['number("abc")', 'mathjs.invalidNumber', /^字符串“abc”不是有效的数值$/],
    ['cross([1, 2], [3, 4])', 'mathjs.vectorLength', /^需要长度为 3 的向量/],
    ['dot([1, 2], [1, 2, 3])', 'mathjs.vectorsEqualLength', /^向量的长度必须相同（2 != 3）$/],
    ['factorial(-1)', 'mathjs.nonNegative', /^值必须是非负数$/],
    ['zeros(-1)', 'mathjs.positiveIntegers', /^函数 zeros 的参数必须是正整数$/],
    ['gcd(1.5, 2)', 'mathjs.integerParameters', /^函数 gcd 的参数必须是整数$/],
    ['[1, 2; 3, 4] ^ 0.5', 'mathjs.power.integer', /^计算矩阵幂 A\^b 时 b 必须是整数（实际为 0\.5）$/],
    ['[1, 2, 3] ^ 2', 'mathjs.power.twoDimensional', /^计算矩阵幂 A\^b 时 A 必须是二维矩阵（A 有 1 个维度）$/],
    ['mean([])', 'mathjs.emptyArray', /^无法对空数组计算 mean$/],
    ['max([])', 'mathjs.emptyArray', /^无法对空数组计算 max$/],
    ['round(1.5, 1.5)', 'mathjs.decimals', /^函数 round 的小数位数必须是 0 到 15 之间的整数$/],
    ['1 kg > 2 m', 'mathjs.compareUnits', /^无法比较基本单位不同的量$/],
    ['range(1, 2, 0)', 'mathjs.stepZero', /^步长不能为零$/],
    ['nthRoot(-8, 2)', 'mathjs.rootOdd', /^a 为负数时，根指数必须是奇数$/],
    ['norm([1, 2; 3, 4], 7)', 'mathjs.unsupportedParameter', /^不支持的参数值 7$/],
  ];
  const text = `# n\n\n\`\`\`dl-calc\n${cases.map((c) => c[0]).join('\n')}\n\`\`\`\n`;
  const en = messagesOf(text);
  useBundle(zh);
  const cn = messagesOf(text);
  cases.forEach(([source, code, chinese], i) => {
    assert.equal(en[i].code, code, `${source}: ${en[i].message}`);
    assert.equal(cn[i].code, code, source);
    assert.match(cn[i].message ?? '', chinese, source);
    assert.doesNotMatch(en[i].message ?? '', /[\u4e00-\u9fff]/, source);
  });
  // Syntax errors: the part mathjs did not expect, and rows of unequal length.
  const syntax = messagesOf('# n\n\n```dl-calc\nones(2, 2) \\ 3\n[1, 2; 3]\n```\n');
  assert.match(syntax[0].message ?? '', /^语法错误：此处不应出现“\\ 3”$/);
  assert.match(syntax[1].message ?? '', /^语法错误：矩阵各行的长度不一致（1 !== 2）$/);
  // A message with no entry is shown as written and, in Chinese, said to be English.
  useBundle(undefined);
  assert.deepEqual(sayErrorMessage('Something new from mathjs'), { message: 'Something new from mathjs', code: 'error.untranslated', args: { message: 'Something new from mathjs' } });
  useBundle(zh);
  assert.equal(sayErrorMessage('Something new from mathjs').message, 'Something new from mathjs（原文为英文）');
});
