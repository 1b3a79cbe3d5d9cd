// The size check before allocation reads each sized function's own signature: identity(n)
// is n×n (identity(1e5) used to pass the check as 100,000 elements and run out of memory),
// and random(min, max) / randomInt(min, max) take a range of values, not a size (they were
// refused as matrices of max elements: a false refusal).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../../src/engine';

const engine = createEngine({ maxMatrixElements: 1000 });
let version = 0;
function shown(line: string): string {
  const text = '```dl-calc\n' + line + '\n```\n';
  const [s] = engine.evaluate({ uri: 'sizes.md', version: ++version, text }).statements;
  return s.kind === 'error' ? `error: ${s.error!.message}` : s.value!.short;
}

test('identity(n) and identity([n]) are n×n: refused past the limit before allocating', () => {
  assert.equal(shown('identity(1e5)'), 'error: identity(...) would hold 10,000,000,000 elements, more than the limit of 1,000 (setting dlCalc.maxMatrixElements)');
  assert.equal(shown('identity([40])'), 'error: identity(...) would hold 1,600 elements, more than the limit of 1,000 (setting dlCalc.maxMatrixElements)');
  assert.equal(shown('size(identity(30))'), '(2) [30, 30]');
  assert.equal(shown('size(identity(2, 500))'), '(2) [2, 500]');
  assert.equal(shown('identity(2, 501)').startsWith('error: identity(...) would hold 1,002 elements'), true);
});

test('random and randomInt: numbers are the range of the values, an array is the size', () => {
  assert.equal(shown('a = random(1, 1e8) >= 1'), 'true');
  assert.equal(shown('b = randomInt(1, 1e9) >= 1'), 'true');
  assert.equal(shown('c = random(1e9) >= 0'), 'true');
  assert.equal(shown('size(random([10, 100], 1, 1e9))'), '(2) [10, 100]');
  assert.equal(shown('random([100, 100], 0, 1)'), 'error: random(...) would hold 10,000 elements, more than the limit of 1,000 (setting dlCalc.maxMatrixElements)');
  assert.equal(shown('randomInt([2000], 0, 5)'), 'error: randomInt(...) would hold 2,000 elements, more than the limit of 1,000 (setting dlCalc.maxMatrixElements)');
});

test('zeros, ones and resize are unchanged: every number is a dimension (resize: its size argument)', () => {
  assert.equal(shown('size(zeros(1000))'), '(1) [1,000]');
  assert.equal(shown('ones(10, 101)'), 'error: ones(...) would hold 1,010 elements, more than the limit of 1,000 (setting dlCalc.maxMatrixElements)');
  assert.equal(shown('resize([1, 2], [40, 40])'), 'error: resize(...) would hold 1,600 elements, more than the limit of 1,000 (setting dlCalc.maxMatrixElements)');
});
