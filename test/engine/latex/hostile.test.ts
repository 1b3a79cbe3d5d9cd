// Notes are untrusted: the LaTeX checker must end, with a skip, on any nesting or length,
// and never overflow the stack. Each case runs under a generous timeout (a hang guard,
// not a speed test: figures are in `npm run bench`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLatexChains } from '../../../src/engine/latex';
import { envWith } from './helpers';

const guard = { timeout: 60_000 };

function reasons(text: string): string[] {
  return checkLatexChains(text, envWith()).map((r) => `${r.status}${r.reason ? `: ${r.reason}` : ''}`);
}

const nested = (open: string, inner: string, close: string, n: number): string => open.repeat(n) + inner + close.repeat(n);

test('a fraction nested 10 deep is checked; 40 deep too; 10,000 deep is skipped', guard, () => {
  // 1/(1/(…/2)) is 2 with an even number of levels, 1/2 with an odd one.
  assert.deepEqual(reasons(`$${nested('\\frac{1}{', '2', '}', 10)} = 2$`), ['verified']);
  assert.deepEqual(reasons(`$${nested('\\frac{1}{', '2', '}', 41)} = 0.5$`), ['verified']);
  assert.deepEqual(reasons(`$${nested('\\frac{1}{', '2', '}', 40)} = 0.5$`), ['failed']);
  assert.deepEqual(reasons(`$${nested('\\frac{1}{', '2', '}', 10_000)} = 1$`), ['skipped: too long to check']);
});

test('nesting deeper than the parser reads is "too deeply nested"', guard, () => {
  assert.deepEqual(reasons(`$${nested('{', '1', '}', 150)} = 1$`), ['skipped: too deeply nested']);
  assert.deepEqual(reasons(`$${nested('\\sqrt{', '1', '}', 150)} = 1$`), ['skipped: too deeply nested']);
  assert.deepEqual(reasons(`$${nested('\\color{red}', '1', '', 150)} = 1$`), ['skipped: too deeply nested']);
  assert.deepEqual(reasons(`$1 = ${nested('\\begin{bmatrix}', '1', '\\end{bmatrix}', 150)}$`), ['skipped: too deeply nested']);
});

test('a 20,000-term sum and a 1 MB line end with a skip', guard, () => {
  assert.deepEqual(reasons(`$${Array(20_000).fill('1').join(' + ')} = 20000$`), ['skipped: too long to check']);
  assert.deepEqual(reasons(`$${'1 + '.repeat(250_000)}1 = 2$`), ['skipped: too long to check']);
  // A long sum a person could write is still checked.
  assert.deepEqual(reasons(`$${Array(100).fill('1').join(' + ')} = 100$`), ['verified']);
});

test('1 MB of unbalanced or repeated constructs ends', guard, () => {
  const junk = ['{', '(', '\\left(', '|', '\\|', '\\begin{', '\\begin{bmatrix}', '\\\\[', '\\text{', "'", '^', '_', '\\frac', '&', '\\end{cases}', '1, '];
  for (const j of junk) {
    const out = reasons(`$x = ${j.repeat(Math.ceil(1_000_000 / j.length))}$`);
    assert.ok(out.every((r) => !r.startsWith('verified') && !r.startsWith('failed')), `${j}: ${out.join(', ')}`);
  }
});
