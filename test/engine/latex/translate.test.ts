import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEvaluate, translate } from '../../../src/engine/latex';
import { lex } from '../../../src/engine/latex/lexer';

function tr(src: string): ReturnType<typeof translate> {
  return translate(lex(src), src);
}

function value(src: string, vars: Record<string, number> = {}): number {
  const t = tr(src);
  assert.ok(t.ok, `${src}: ${t.ok ? '' : t.reason}`);
  return defaultEvaluate(t.expression, vars);
}

function close(a: number, b: number): void {
  assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
}

test('numbers, grouping and operators', () => {
  close(value('1{,}000'), 1000);
  close(value('12\\,345'), 12345);
  close(value('0.5 - 0.1 \\times 0.3'), 0.47);
  close(value('-0.4 \\cdot 0.622'), -0.2488);
  close(value('6 \\div 4 / 3'), 0.5);
  close(value('2(3 + 1)'), 8);
  close(value('-2^2'), -4);
  close(value('50\\%'), 0.5);
  close(value('3!'), 6);
});

test('fractions, roots, powers and brackets', () => {
  close(value('\\frac{1}{1+e^{-0.5}}'), 1 / (1 + Math.exp(-0.5)));
  close(value('\\dfrac{3}{4} + \\tfrac{1}{4}'), 1);
  close(value('\\sqrt{16}'), 4);
  close(value('\\sqrt[3]{27}'), 3);
  close(value('\\left[ (1 + 1) \\right]^{3}'), 8);
  close(value('\\bigl(2\\bigr)^2'), 4);
  close(value('|{-3}|'), 3);
  close(value('\\left| -3 \\right|'), 3);
});

test('functions', () => {
  close(value('\\exp(1)'), Math.E);
  close(value('\\ln(e^{2})'), 2);
  close(value('\\log_{10}(1000)'), 3);
  close(value('\\ln 2'), Math.log(2));
  close(value('\\tanh(0.5)'), Math.tanh(0.5));
  close(value('\\tanh^2(0.5)'), Math.tanh(0.5) ** 2);
  close(value('\\max(0, -1.5, 2)'), 2);
  close(value('\\min\\{1, 2\\}'), 1);
  close(value('\\text{sign}(-2)'), -1);
  close(value('\\operatorname{sign}(3)'), 1);
  close(value('\\sigma(0)'), 0.5);
  close(value("\\sigma'(0)"), 0.25);
  close(value('\\sigma^{\\prime}(0)'), 0.25);
});

test('styling and spacing are transparent', () => {
  close(value('\\mathbf{0.47}'), 0.47);
  close(value('\\boldsymbol{1} + \\bm{2} + \\textbf{3} + \\mathrm{4}'), 10);
  close(value('2 \\, \\cdot \\; 3 \\! + ~1'), 7);
  close(value('\\quad 2 \\qquad'), 2);
  close(value('\\boxed{5}'), 5);
});

test('names: subscripts and Greek letters', () => {
  const t = tr('w_1 + w_{new} + \\lambda \\eta + w_{2,\\mathrm{new}} + \\eta_{t}');
  assert.ok(t.ok);
  assert.deepEqual(t.names, ['w1', 'w_new', 'lambda', 'eta', 'w2_new', 'eta_t']);
  close(value('\\lambda\\eta', { lambda: 0.1, eta: 0.5 }), 0.05);
});

test('untranslatable constructs are refused, with a reason', () => {
  const cases: [string, RegExp][] = [
    ['\\sum_{i=1}^{3} i', /sum/],
    ['\\int_0^1 x', /int/],
    ['1 + \\cdots + 9', /ellipsis/],
    ['\\text{学习率}', /prose/],
    ['\\text{ if } x', /prose/],
    ['\\foo{1}', /unsupported/],
    ['x_{t-1}', /subscript/],
    ['r^{(n)}', /index/],
    ['1/2x', /ambiguous/],
    ['2\\frac{1}{2}', /side by side/],
    ['2 3', /side by side/],
    ['2^10', /superscript/],
    ['\\ln 2x', /ambiguous/],
    ['\\begin{bmatrix} 1 \\end{bmatrix}', /matrix/],
    ['(1, 2)', /comma/],
    ['0.5 \\quad 0.3', /quad/],
    ["f'(x)", /derivative/],
    ['\\sigma(\\cdot)', /unsupported/],
    ['x^T', /transpose/],
    ['0{,}5', /comma|unsupported|side by side/],
    ['\\frac12', /argument/],
  ];
  for (const [src, re] of cases) {
    const t = tr(src);
    assert.equal(t.ok, false, src);
    if (!t.ok) assert.match(t.reason, re, src);
  }
});

test('plain rendering for messages', () => {
  const t = tr('0.5 - 0.0123');
  assert.ok(t.ok);
  assert.equal(t.plain, '0.5 − 0.0123');
  const f = tr('\\frac{1}{1+e^{-0.5}}');
  assert.ok(f.ok);
  assert.equal(f.plain, '1/(1 + e^(−0.5))');
});
