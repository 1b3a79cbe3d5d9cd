// softmax / log_softmax. References from numpy at test-writing time:
// e = np.exp(v/T - max); e/e.sum(), and v/T - max - log(sum(exp(v/T - max))).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approx, ev, isMatrix, throwsMsg } from './helpers';

test('softmax of a vector, default T = 1', () => {
  approx(ev('softmax([1, 2, 3])'), [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]);
});

test('softmax with a temperature', () => {
  approx(ev('softmax([1, 2, 3], 2)'), [0.1863237232258476, 0.3071958857184984, 0.506480391055654]);
});

test('softmax is row-wise on a matrix', () => {
  const m = ev('softmax([3, 1; -1, 0.5])');
  assert.ok(isMatrix(m));
  approx(m, [
    [0.8807970779778823, 0.11920292202211755],
    [0.18242552380635632, 0.8175744761936437],
  ]);
  // Each row sums to 1 (the columns do not).
  const rows = (m as { toArray(): number[][] }).toArray();
  for (const r of rows) approx(r[0] + r[1], 1);
});

test('softmax is stable for large inputs', () => {
  approx(ev('softmax([1000, 1001])'), [0.2689414213699951, 0.7310585786300049]); // same as softmax([0, 1])
  approx(ev('softmax([-1000, -1001])'), [0.7310585786300049, 0.2689414213699951]);
});

test('log_softmax: vector, temperature, stability, rows', () => {
  approx(ev('log_softmax([1, 2, 3])'), [-2.4076059644443806, -1.4076059644443804, -0.4076059644443804]);
  approx(ev('log_softmax([1, 2, 3], 0.5)'), [-4.142931628499899, -2.1429316284998996, -0.1429316284998995]);
  approx(ev('log_softmax([1000, 1001])'), [-1.3132616875182228, -0.31326168751822286]);
  approx(ev('log_softmax([1, 2, 3; 1000, 1001, 1002])'), [
    [-2.4076059644443806, -1.4076059644443804, -0.4076059644443804],
    [-2.4076059644443806, -1.4076059644443804, -0.4076059644443804], // shift-invariant
  ]);
});

test('softmax errors', () => {
  throwsMsg('softmax(3)', 'softmax: v must be a vector or a matrix, got a number');
  throwsMsg('softmax([1, 2], 0)', 'softmax: temperature T must be positive, got 0');
  throwsMsg('log_softmax([1, 2], -1)', 'log_softmax: temperature T must be positive, got -1');
  throwsMsg('softmax([])', 'softmax: v is empty');
  throwsMsg('softmax([-Infinity, -Infinity])', 'softmax: every entry is -Infinity (fully masked)');
  throwsMsg('softmax([1, 2; -Infinity, -Infinity])', 'softmax: row 2 has every entry -Infinity (fully masked)');
  throwsMsg('softmax([1, 2], [1, 2])', 'softmax: T must be a number, got a vector of length 2');
});
