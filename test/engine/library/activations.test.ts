// Activations. Reference values computed with python3 (numpy 2.4 / math) at test-writing
// time unless the arithmetic is shown; e.g. python3 -c 'import numpy as np; print(1/(1+np.exp(-0.5)))'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approx, ev, isMatrix, math, throwsMsg } from './helpers';
import { libraryByName } from '../../../src/engine/library';

test('sigmoid: numbers and a matrix, matrix in -> matrix out', () => {
  approx(ev('sigmoid(0.5)'), 0.6224593312018546); // numpy 1/(1+exp(-0.5))
  approx(ev('sigmoid(0)'), 0.5); // 1/(1+1)
  const m = ev('sigmoid([3, -2; 0, 0.5])');
  assert.ok(isMatrix(m));
  approx(m, [[0.9525741268224334, 0.11920292202211755], [0.5, 0.6224593312018546]]); // numpy
});

test('sigmoid: extreme inputs saturate without NaN', () => {
  approx(ev('sigmoid(-1000)'), 0); // e^-1000 underflows to 0; e^x/(1+e^x) = 0
  approx(ev('sigmoid(1000)'), 1);
  // python: 1/(1+math.exp(40)); compared relatively, as the value is tiny.
  assert.ok(Math.abs((ev('sigmoid(-40)') as number) / 4.248354255291589e-18 - 1) < 1e-9);
});

test('sigmoid: plain JS arrays come back as arrays', () => {
  const f = libraryByName.get('sigmoid')!.create(math);
  const out = f([0, 0]);
  assert.ok(Array.isArray(out));
  approx(out, [0.5, 0.5]);
});

test('dsigmoid', () => {
  approx(ev('dsigmoid(0)'), 0.25); // 0.5*(1-0.5)
  approx(ev('dsigmoid([0.5, -1.2])'), [0.2350037122015945, 0.1778944406468057]); // numpy s*(1-s)
});

test('relu and drelu', () => {
  approx(ev('relu([-2, 0, 3.5])'), [0, 0, 3.5]); // max(x, 0)
  approx(ev('relu(-0.1)'), 0);
  approx(ev('drelu([-2, 0, 3.5])'), [0, 0, 1]); // 1 if x > 0 else 0 (0 at x = 0)
  approx(ev('drelu([1, -1; 2, 0])'), [[1, 0], [1, 0]]);
});

test('leaky_relu: default a = 0.01 and explicit a', () => {
  approx(ev('leaky_relu([-2, 3])'), [-0.02, 3]); // -2*0.01
  approx(ev('leaky_relu(-2, 0.2)'), -0.4); // -2*0.2
  approx(ev('leaky_relu(5, 0.2)'), 5);
});

test('elu: default a = 1 and explicit a', () => {
  approx(ev('elu(-1)'), -0.6321205588285577); // numpy expm1(-1)
  approx(ev('elu(-2, 0.5)'), -0.43233235838169365); // numpy 0.5*expm1(-2)
  approx(ev('elu([2, 0])'), [2, 0]);
});

test('dtanh', () => {
  approx(ev('dtanh(0)'), 1); // 1 - 0^2
  approx(ev('dtanh([0.7, -2])'), [0.6347395899824587, 0.07065082485316443]); // numpy 1-tanh(x)^2
});

test('gelu (erf form)', () => {
  approx(ev('gelu(1)'), 0.8413447460685429, 1e-12); // python 0.5*x*(1+math.erf(x/sqrt 2))
  approx(ev('gelu([-0.5, 2])'), [-0.15426876936299344, 1.9544997361036416], 1e-12);
  approx(ev('gelu(0)'), 0);
});

test('gelu_tanh', () => {
  approx(ev('gelu_tanh([1, -0.5])'), [0.8411919906082768, -0.15428599017485606]); // python tanh formula
});

test('swish, default b = 1, explicit b, and the silu alias', () => {
  approx(ev('swish(1)'), 0.7310585786300049); // 1*sigmoid(1)
  approx(ev('swish(2, 1.5)'), 1.9051482536448667); // 2*sigmoid(3)
  approx(ev('silu([1, -1])'), [0.7310585786300049, -0.2689414213699951]);
  assert.equal(libraryByName.get('silu'), libraryByName.get('swish'));
});

test('softplus: values and stability', () => {
  approx(ev('softplus(0)'), 0.6931471805599453); // ln 2
  approx(ev('softplus([0.5, -3])'), [0.9740769841801067, 0.04858735157374206]); // python log1p(exp(x))
  assert.equal(ev('softplus(1000)'), 1000); // exactly x: ln(1+e^-1000) rounds to 0
  const small = ev('softplus(-1000)') as number;
  assert.ok(small >= 0 && small < 1e-300, `softplus(-1000) = ${small}`);
  approx(ev('softplus(40)'), 40 + 4.248354255291589e-18); // x + ln(1+e^-x)
});

test('elementwise functions reject strings with the function name', () => {
  throwsMsg('sigmoid("a")', 'sigmoid: x must be a number or a matrix, got a string');
  throwsMsg('relu(2 m)', /^relu: x must be a plain number, got the unit 2 m$/);
});

test('booleans count as 1/0 like in mathjs', () => {
  approx(ev('relu(true)'), 1);
});

test('shape mismatch between x and a parameter matrix', () => {
  throwsMsg('leaky_relu([1, 2], [0.1, 0.2, 0.3])', 'leaky_relu: x is a vector of length 2 but a is a vector of length 3 (need the same shape, or a number)');
});
