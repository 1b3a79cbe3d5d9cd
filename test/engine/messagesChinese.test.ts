// The messages that used to be English in every language: size limits, the sandbox's
// refusals, integer-only functions, and why an export left an image as a link. Each is
// raised the way a note raises it and must read in Chinese with the Chinese bundle; and
// no catalogue message may come out English when the Chinese bundle is in use.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, test } from 'node:test';
import * as mathjs from 'mathjs';
import { createEngine } from '../../src/engine';
import { RAW_ARGS_TRANSFORMS } from '../../src/engine/mathInstance';
import { catalogue, say, useBundle, type MessageCode } from '../../src/engine/messages';
import { embedImage } from '../../src/engine/render/images';
import { folderImageReader } from '../../src/node/imageReader';

const root = path.join(__dirname, '..', '..', '..');
const zh: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
const HAN = /[\u4e00-\u9fff]/;

afterEach(() => useBundle(undefined));

let version = 0;
function run(lines: string[], engine = createEngine()) {
  const text = '```dl-calc\n' + lines.join('\n') + '\n```\n';
  return engine.evaluate({ uri: `zh${++version}.md`, version, text }).statements;
}

/** The English words of a message outside its placeholders. */
const words = (text: string) => text.replace(/\{\w+\}/g, '').match(/[A-Za-z]{3,}/g) ?? [];

test('no catalogue message is English with the Chinese bundle: each one that has words reads in Chinese', () => {
  useBundle(zh);
  const english: string[] = [];
  for (const [code, text] of Object.entries(catalogue)) {
    if (words(text).length === 0) continue; // '±', '{message}': nothing to translate
    const args = Object.fromEntries([...text.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], '1']));
    const out = say(code as MessageCode, args);
    if (!HAN.test(out)) english.push(`${code}: ${out}`);
  }
  assert.deepEqual(english, []);
});

test('size limits say, in Chinese, what would be too large, with the code and the numbers', () => {
  const lines = ['zeros(1e5, 1e5)', 'r = ones(1, 50)', 'c = ones(50, 1)', 'r + c', 'A = [1]; A[1e9] = 1'];
  const small = () => createEngine({ maxMatrixElements: 100 });
  const en = run(lines, small());
  useBundle(zh);
  const cn = run(lines, small());
  assert.equal(en[0].error?.code, 'limit.elements');
  assert.deepEqual(en[0].error?.args, { operation: 'zeros(...)', count: '10,000,000,000', limit: '100' });
  assert.equal(en[0].error?.message, 'zeros(...) would hold 10,000,000,000 elements, more than the limit of 100 (setting dlCalc.maxMatrixElements)');
  assert.equal(cn[0].error?.message, 'zeros(...) 会产生 10,000,000,000 个元素，超过了 100 个的上限（设置 dlCalc.maxMatrixElements）');
  assert.equal(cn[3].error?.code, 'limit.elements');
  assert.match(cn[3].error?.message ?? '', /^add\(\.\.\.\) 会产生 2,500 个元素/);
  assert.equal(cn[cn.length - 1].error?.code, 'limit.index');
  assert.match(cn[cn.length - 1].error?.message ?? '', HAN);
});

test('a result over the limit (not a call) is said as "the result", in Chinese too', () => {
  // A matrix written out element by element is checked as the statement's result.
  const lines = ['w = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]'];
  const en = run(lines, createEngine({ maxMatrixElements: 10 }));
  assert.equal(en[0].error?.code, 'limit.resultElements');
  assert.equal(en[0].error?.message, 'The result would hold 12 elements, more than the limit of 10 (setting dlCalc.maxMatrixElements)');
  useBundle(zh);
  const cn = run(lines, createEngine({ maxMatrixElements: 10 }));
  assert.equal(cn[0].error?.message, '结果会有 12 个元素，超过了 10 个的上限（设置 dlCalc.maxMatrixElements）');
});

test('and, or, & and | work in a note (their lazy transforms get their operands), and are still size-checked', () => {
  const s = run(['a = 3 & 2', 'b = 1 | 2', 'c = 1 and 0', 'd = true or false', 'e = and(1, 0)', 'f = bitAnd(6, 3)', 'g = [1, 2] & [3, 3]', 'h = 0 & (1/0)', 'i = bitOr(4, 1)']);
  assert.deepEqual(
    s.map((x) => x.error?.message ?? x.value?.short),
    ['2', '3', 'false', 'true', 'false', '2', '(2) [1, 2]', '0', '5'],
  );
  const small = run(['r = ones(1, 50)', 'c = ones(50, 1)', 'r & c', 'r | c', 'r and c', 'bitAnd(r, c)'], createEngine({ maxMatrixElements: 100 }));
  for (const [i, name] of [[2, 'bitAnd'], [3, 'bitOr'], [4, 'and'], [5, 'bitAnd']] as const) {
    assert.equal(small[i].error?.code, 'limit.elements', `${name}: ${small[i].error?.message ?? small[i].value?.short}`);
    assert.equal(small[i].error?.args?.operation, `${name}(...)`);
  }
});

test('the guarded functions whose transforms take raw operands are exactly those mathjs marks rawArgs', () => {
  const math = mathjs.create(mathjs.all);
  const transforms = (math as any).expression.transform as Record<string, { rawArgs?: boolean }>;
  const guarded = ['add', 'subtract', 'dotMultiply', 'dotDivide', 'dotPow', 'mod', 'and', 'or', 'xor', 'bitAnd', 'bitOr', 'bitXor', 'equal', 'format', 'print', 'multiply', 'kron', 'index', 'range', 'diag'];
  const raw = guarded.filter((name) => transforms[name]?.rawArgs === true).sort();
  assert.deepEqual(raw, [...RAW_ARGS_TRANSFORMS].sort());
});

test('bitwise functions of a non-integer give a clear error in words, in Chinese too', () => {
  const lines = ['bitAnd(1.5, 2)', '1.5 | 2', 'bitXor(1.5, 2)', 'leftShift(1.5, 2)', 'bitNot(1.5)'];
  const en = run(lines);
  assert.deepEqual(en.map((s) => s.error?.code), ['mathjs.integersExpected', 'mathjs.integersExpected', 'mathjs.integersExpected', 'mathjs.integersExpected', 'mathjs.integerExpected']);
  assert.equal(en[0].error?.message, 'bitAnd() works on integers (whole numbers) only; round the arguments first');
  assert.doesNotMatch(en.map((s) => s.error?.message).join('\n'), /Cannot read properties|compile/);
  useBundle(zh);
  const cn = run(lines);
  assert.equal(cn[0].error?.message, 'bitAnd() 只接受整数参数；请先把参数取整');
  assert.equal(cn[4].error?.message, 'bitNot() 只接受整数参数；请先把参数取整');
});

test('the sandbox refusals read in Chinese', () => {
  useBundle(zh);
  const s = run(['evaluate("1")', 'derivative(1, 2)']);
  assert.deepEqual(s.map((x) => x.error?.code), ['sandbox.disabled', 'sandbox.derivativeStrings']);
  assert.equal(s[0].error?.message, '笔记中不能使用 evaluate()');
  assert.match(s[1].error?.message ?? '', /^derivative 需要两个字符串参数/);
});

test('a ≈ check between values it cannot compare says why, in Chinese too, with the shapes named', () => {
  const lines = ['[1, 2] ≈ [1, 2, 3]', '[1, 2] ≈ 1', '"a" ≈ 1'];
  const en = run(lines);
  assert.deepEqual(en.map((x) => x.error?.code), ['check.approxShapes', 'check.approxShapes', 'check.approxNotNumbers']);
  assert.equal(en[1].error?.message, '≈ needs the same shape on both sides: 2 and a scalar');
  useBundle(zh);
  const cn = run(lines);
  assert.equal(cn[0].error?.message, '≈ 两边的形状必须相同：2 和 3');
  assert.equal(cn[1].error?.message, '≈ 两边的形状必须相同：2 和 标量');
  assert.equal(cn[2].error?.message, '≈ 只能比较数值或数值矩阵');
});

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

test('why an image is left as a link reads in Chinese: the path rules and the Node reader', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlcalc-zh-images-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const note = path.join(dir, 'note');
  fs.mkdirSync(note);
  fs.writeFileSync(path.join(note, 'fake.png'), 'not an image');
  fs.mkdirSync(path.join(note, 'folder.png'));
  fs.writeFileSync(path.join(dir, 'secret.png'), PNG);
  let linked = true;
  try {
    fs.symlinkSync(path.join(dir, 'secret.png'), path.join(note, 'link.png'));
    fs.symlinkSync(path.join(note, 'loop.png'), path.join(note, 'loop.png'));
  } catch {
    linked = false; // no symbolic links here (Windows without the right)
  }
  const reasons = (lang: 'en' | 'zh') => {
    useBundle(lang === 'zh' ? zh : undefined);
    const out: Record<string, string> = {};
    const read = folderImageReader(note);
    for (const src of ['/etc/x.png', '../secret.png', 'missing.png', 'fake.png', 'folder.png', ...(linked ? ['link.png', 'loop.png'] : [])]) {
      const kept = embedImage(src, note, read, (s, reason) => (out[s] = reason));
      assert.equal(kept, src, `${src} is left as a link`);
    }
    return out;
  };
  const en = reasons('en');
  const cn = reasons('zh');
  assert.equal(en['../secret.png'], "outside the note's folder; only images inside it are embedded");
  assert.equal(en['fake.png'], 'not an image file (checked by its content)');
  assert.equal(en['folder.png'], 'not a regular file');
  assert.deepEqual(Object.keys(cn).sort(), Object.keys(en).sort());
  for (const [src, reason] of Object.entries(cn)) {
    assert.match(reason, HAN, `${src}: ${reason}`);
    assert.notEqual(reason, en[src], src);
  }
  assert.equal(cn['/etc/x.png'], '这是绝对路径；只有笔记所在文件夹中的图片才会嵌入');
  assert.equal(cn['missing.png'], '找不到该文件');
  if (linked) {
    assert.equal(en['link.png'], "a link to a file outside the note's folder; only images inside it are embedded");
    assert.equal(cn['link.png'], '这是指向笔记所在文件夹之外的链接；只有该文件夹中的图片才会嵌入');
    assert.equal(cn['loop.png'], '这个符号链接指回了自身');
  }
});

test('a LaTeX chain whose value is not a finite real number says why, in Chinese too (latex.value.*)', () => {
  const text = '$\\ln(0) + 1 = 2$\n\n$[1, 2] + [1/0, 1] = [1, 2]$\n\n$\\sqrt{-1} = 1$\n';
  const reasons = () => createEngine().evaluate({ uri: `zh${++version}.md`, version, text }).latex.map((c) => c.links[0].reason);
  assert.deepEqual(reasons(), ['evaluation failed: not a finite number', 'evaluation failed: not a finite real number: Infinity', 'evaluation failed: not a number']);
  useBundle(zh);
  assert.deepEqual(reasons(), ['求值失败：不是有限的数', '求值失败：不是有限的实数：Infinity', '求值失败：不是实数']);
});

test('the symbolic checks\' own skip reasons (argmax, sizes, pieces) read in Chinese', () => {
  useBundle(zh);
  const text = [
    '$$\\frac{\\partial}{\\partial w} \\arg\\max_i (w x_i) = 0$$',
    '$$L = \\sum_{i=1}^{n} \\sum_{j=1}^{m} x_{ij}$$',
    '$$\\frac{\\partial L}{\\partial x_1} = 1$$',
  ].join('\n');
  const links = createEngine().evaluate({ uri: `zh${++version}.md`, version, text }).latex.map((c) => c.links[0]);
  assert.equal(links[0].reason, 'argmax 后面没有用括号写出自变量（按下标取或对向量取）');
  assert.equal(links[2].reason, '下标写在更长的下标里（x_{ij}、x_{i-1}）：无法确定指的是哪个名字');
});
