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

test('restating a value over a wide tree of formulas, and many sections of updated names, stay linear', guard, () => {
  // Eight levels of formulas, each reading the level below 40 times: followed once per name.
  const lines: string[] = ['$a_0 = 1$'];
  for (let k = 1; k <= 8; k++) lines.push(`$a_{${k}} = (${Array.from({ length: 40 }, () => `a_{${k - 1}}`).join(' + ')}) / 40$`);
  lines.push('$a_{8} = 1$');
  // 500 sections, each updating the same names and reading them after the next heading.
  for (let i = 0; i < 500; i++) lines.push(`# S${i}`, '$u = 2$, $u = u + 1 = 3$, $v = u + 1 = 4$', `# T${i}`, '$u + v = 7$');
  const results = checkLatexChains(lines.join('\n\n'), envWith());
  assert.equal(results.find((r) => r.latex === 'a_{8} = 1')?.status, 'verified');
  assert.equal(results.filter((r) => r.latex === 'u + v = 7' && r.status === 'verified').length, 500);
});
