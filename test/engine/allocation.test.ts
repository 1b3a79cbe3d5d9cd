// Statements that would allocate without bound are refused before they allocate (an
// allocation V8 cannot satisfy ends the whole process), and nothing a note does reaches
// state another note sees. Run in plain Node: the engine is pure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../../src/engine';

let version = 0;
function run(lines: string[], engine = createEngine()) {
  const text = '```dl-calc\n' + lines.join('\n') + '\n```\n';
  return engine.evaluate({ uri: `alloc${++version}.md`, version, text }).statements;
}

test('format and print refuse digit counts and word sizes that would allocate without bound', () => {
  const cases: [string, RegExp][] = [
    ['format(pi, {notation: "fixed", precision: 1e9})', /^format\(\): precision 1000000000 is out of range; it may be at most 1000$/],
    ['format(pi, 1e9)', /precision 1000000000 is out of range/],
    ['format(pi, {notation: "exponential", precision: 1e9})', /precision 1000000000 is out of range/],
    ['format(bignumber(1), {notation: "fixed", precision: 1e9})', /precision 1000000000 is out of range/],
    ['format(1, {upperExp: 1e9})', /upperExp 1000000000 is out of range/],
    ['print("$a", {a: pi}, 1e9)', /^print\(\): precision 1000000000 is out of range/],
    ['bin(1, 1e9)', /^bin\(\): a word size of 1000000000 is out of range; it may be 1 to 1024$/],
    ['hex(1, 1e9)', /word size of 1000000000/],
  ];
  for (const [line, expected] of cases) {
    const [s] = run([line, 'after = 2']);
    assert.equal(s.kind, 'error', line);
    assert.match(s.error!.message, expected, line);
  }
  // Ordinary use is untouched.
  assert.deepEqual(run(['format(pi, 3)', 'format(pi, {notation: "fixed", precision: 2})']).map((s) => s.value?.short), ['"3.14"', '"3.14"']);
});

test('string and JavaScript methods are refused by syntax, before anything runs', () => {
  for (const line of ['"x".repeat(5e8)', '"x".padStart(5e8)', 's = "ab"; s.concat(s)', 'A = [1, 2]; A.map(f(x) = x)', '(1 km)._bestPrefix()']) {
    const statements = run([line]);
    const last = statements[statements.length - 1];
    assert.equal(last.kind, 'error', line);
    assert.match(last.error!.message, /^Methods are not available in a note \(\.\w+\(…\)\): call a function by name, e\.g\. size\(A\)$/, line);
  }
  assert.match(run(['o = {_x: 1}', 'o._x'])[1].error!.message, /^No access to property "_x"$/);
  // Plain objects keep their properties.
  assert.equal(run(['o = {w: 3}', 'o.w * 2'])[1].value?.short, '6');
});

test('functions whose result grows faster than their input are checked from the input sizes', () => {
  const cases: [string, RegExp][] = [
    ['setPowerset(1:40)', /^setPowerset\(\.\.\.\) would hold 21,990,232,555,520 elements, more than the limit of 10,000,000/],
    ['setCartesian(1:1e5, 1:1e5)', /^setCartesian\(\.\.\.\) would hold 20,000,000,000 elements/],
    ['diag([1], 1e6)', /^diag\(\.\.\.\) would hold 1,000,002,000,001 elements/],
    ['pickRandom(1:10, 1e9)', /^pickRandom\(\.\.\.\) would hold 1,000,000,000 elements/],
    ['matrixFromFunction([1e5, 1e5], f(i) = 1)', /^matrixFromFunction\(\.\.\.\) would hold 10,000,000,000 elements/],
    ['A = [1]; A[1e9] = 1', /^This index reaches past 10,000,000 elements, the limit \(setting dlCalc\.maxMatrixElements\)$/],
    ['s = "a"; s[1e9] = "b"', /This index reaches past 10,000,000 elements/],
  ];
  for (const [line, expected] of cases) {
    const statements = run([line]);
    const last = statements[statements.length - 1];
    assert.equal(last.kind, 'error', line);
    assert.match(last.error!.message, expected, line);
  }
});

test('broadcasting and outer products are checked before they allocate', () => {
  const small = createEngine({ maxMatrixElements: 100 });
  const statements = run(
    ['r = ones(1, 50)', 'c = ones(50, 1)', 'r + c', 'c * r', 'r .* c', 'r == c', 'r * c', '2 * ones(5, 5)'],
    small,
  );
  assert.match(statements[2].error!.message, /^add\(\.\.\.\) would hold 2,500 elements, more than the limit of 100/);
  assert.match(statements[3].error!.message, /^multiply\(\.\.\.\) would hold 2,500 elements/);
  assert.match(statements[4].error!.message, /^dotMultiply\(\.\.\.\) would hold 2,500 elements/);
  assert.match(statements[5].error!.message, /^equal\(\.\.\.\) would hold 2,500 elements/);
  assert.equal(statements[6].value?.short, '(1×1) [[50]]');
  assert.equal(statements[7].value?.short, '(5×5) [[2, 2, 2, 2, 2], [2, 2, 2, 2, 2], [2, 2, 2, 2, 2], [2, 2, 2, 2, 2], [2, 2, 2, 2, 2]]');
});

test('a string result longer than a million characters is an error', () => {
  const statements = run(['s = format(ones(1000, 1000))', 'after = 1']);
  assert.match(statements[0].error!.message, /^The result is a string of [\d,]+ characters, more than the limit of 1,000,000$/);
  assert.equal(statements[1].value?.short, '1');
});

test('a value that contains itself prints as {…} where it repeats', () => {
  const statements = run(['a = {x: 1}', 'a.x = a', 'b = {y: a}']);
  assert.equal(statements[1].value?.short, '{x: {…}}');
  assert.equal(statements[2].value?.short, '{y: {x: {…}}}');
});

test('two notes in one run: nothing one note does changes the other note\'s results', () => {
  const engine = createEngine();
  const hostile = engine.evaluate({
    uri: 'first.md',
    version: 1,
    text: [
      '```dl-calc',
      'p = (1 km)._bestPrefix()',
      'p.value = 1',
      'q = (1 km).units',
      'u = km',
      'u.value = 1',
      'o = {a: 1}',
      'o.__proto__',
      'sin.x = 1',
      '```',
    ].join('\n'),
  });
  assert.ok(hostile.statements.filter((s) => s.kind === 'error').length >= 5, JSON.stringify(hostile.statements.map((s) => s.error?.message)));
  const other = engine.evaluate({ uri: 'second.md', version: 1, text: '```dl-calc\n2 km to m\n3 kB to bytes\nsin(0)\n```\n' });
  assert.deepEqual(other.statements.map((s) => s.value?.short), ['2000 m', '3000 bytes', '0']);
});
