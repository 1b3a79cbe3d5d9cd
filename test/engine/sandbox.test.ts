// Notes are untrusted: no JavaScript, no instance mutation, no runaway allocation, and
// pathological input is an error at its statement, never a crash.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as mathjs from 'mathjs';
import { createEngine } from '../../src/engine';

const engine = createEngine();
let version = 0;
function run(lines: string[]) {
  const text = '```dl-calc\n' + lines.join('\n') + '\n```\n';
  return engine.evaluate({ uri: 'sandbox.md', version: ++version, text }).statements;
}
function errorOf(line: string): string {
  const [s] = run([line]);
  assert.equal(s.kind, 'error', `${line} should be an error, got ${s.value?.short}`);
  return s.error!.message;
}

test('property access never reaches JavaScript', () => {
  for (const line of [
    'cos.constructor',
    '[].map.constructor',
    'cos.constructor("return process")()',
    'f = cos; f.constructor',
    '"abc".constructor',
    'o = {a: 1}; o.__proto__',
  ]) {
    const statements = run([line]);
    const last = statements[statements.length - 1];
    assert.equal(last.kind, 'error', line);
    assert.match(last.error!.message, /No access|Cannot access|not available|Unknown|Syntax error/, line);
  }
});

test('functions that reach outside the sandbox are refused by name', () => {
  for (const fn of ['import', 'createUnit', 'evaluate', 'parse', 'compile', 'chain', 'reviver', 'resolve', 'simplify', 'config', 'typed']) {
    assert.match(errorOf(`${fn}("1")`), new RegExp(`^${fn}\\(\\) is not available in a note$`), fn);
  }
  // Not even through an alias.
  assert.match(errorOf('g = evaluate'), /evaluate\(\) is not available/);
});

test('derivative stays available and returns text', () => {
  const [s] = run(['derivative("x^2 + 3x", "x")']);
  assert.equal(s.value?.short, '"2 * x + 3"');
});

test('the default mathjs instance is never touched, and engines do not share state', () => {
  run(['sigmoid(0)']);
  assert.equal((mathjs as any).sigmoid, undefined);
  assert.throws(() => mathjs.evaluate('sigmoid(0)'), /Undefined function sigmoid/);
  assert.equal(mathjs.evaluate('1 + 1'), 2);
  const other = createEngine();
  const r = other.evaluate({ uri: 'o.md', version: 1, text: '```dl-calc\nx = 1\n```\n' });
  assert.equal(r.statements[0].value?.short, '1');
});

test('a matrix over the element cap is a clear error before it is allocated', () => {
  assert.match(errorOf('ones(1e5, 1e5)'), /would hold 10,000,000,000 elements, more than the limit of 10,000,000/);
  assert.match(errorOf('zeros([5000, 5000])'), /would hold 25,000,000 elements/);
  assert.match(errorOf('1:1e9'), /would hold 1,000,000,001 elements|would hold 1,000,000,000 elements/);
  const small = createEngine({ maxMatrixElements: 100 });
  const r = small.evaluate({ uri: 's.md', version: 1, text: '```dl-calc\na = ones(5, 5)\nb = kron(a, a)\n```\n' });
  assert.equal(r.statements[0].kind, 'value');
  // Refused from the operands' sizes, before kron allocates anything.
  assert.match(r.statements[1].error!.message, /kron\(\.\.\.\) would hold 625 elements, more than the limit of 100/);
});

test('factorial of a huge number is Infinity, at once', () => {
  assert.equal(run(['factorial(1e7)'])[0].value?.short, 'Infinity');
});

test('20,000-deep nesting is an error, not a crash', () => {
  const deep = '('.repeat(20_000) + '1' + ')'.repeat(20_000);
  assert.match(errorOf(deep), /Statement is 40,001 characters long/);
  const nested = '['.repeat(5_000) + '1' + ']'.repeat(5_000);
  assert.match(errorOf(nested), /Brackets nested 5000 deep; the limit is 200/);
  const unary = '-'.repeat(20_000) + '1';
  assert.match(errorOf(unary), /too deeply nested|too long|Statement is/i);
});

test('a 300 KB line is an error, not a crash', () => {
  const line = 'x = ' + '1 + '.repeat(75_000) + '1';
  assert.ok(line.length > 300_000);
  assert.match(errorOf(line), /Statement is 300,005 characters long; the limit is 20,000/);
});

test('deep recursion in a user function is an error', () => {
  const statements = run(['f(n) = f(n + 1)', 'f(1)', 'after = 1']);
  assert.match(statements[1].error!.message, /Too deeply nested or recursive/);
  assert.equal(statements[2].value?.short, '1');
});
