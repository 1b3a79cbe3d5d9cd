// Losses. References from numpy at test-writing time, or by hand where shown.
import { test } from 'node:test';
import { approx, ev, throwsMsg } from './helpers';

test('mse of vectors and matrices', () => {
  // ((1-1.5)^2 + 0 + (3-2)^2)/3 = (0.25 + 1)/3
  approx(ev('mse([1, 2, 3], [1.5, 2, 2])'), 1.25 / 3);
  // (1 + 0 + 0 + 4)/4
  approx(ev('mse([1, 2; 3, 4], [0, 2; 3, 6])'), 1.25);
  approx(ev('mse(3, 1)'), 4); // (3-1)^2
});

test('mse shape errors', () => {
  throwsMsg('mse([1, 2], [1, 2, 3])', 'mse: yhat is a vector of length 2 but y is a vector of length 3 (need the same shape)');
  throwsMsg('mse([1, 2; 3, 4], [1, 2, 3, 4])', 'mse: yhat is 2×2 but y is a vector of length 4 (need the same shape)');
  throwsMsg('mse([], [])', 'mse: yhat and y are empty');
});

test('bce', () => {
  // numpy: mean(-(y log p + (1-y) log(1-p))) with p = [0.9, 0.2, 0.6], y = [1, 0, 1]
  approx(ev('bce([0.9, 0.2, 0.6], [1, 0, 1])'), 0.2797765635793423);
  // soft label: -(0.3 ln 0.8 + 0.7 ln 0.2), numpy
  approx(ev('bce(0.8, 0.3)'), 1.193549604098133);
  // 0 ln 0 counts as 0: a confident right answer costs nothing
  approx(ev('bce([1, 0], [1, 0])'), 0);
  approx(ev('bce(0, 1)'), Infinity); // -ln 0
});

test('bce errors', () => {
  throwsMsg('bce([0.5, 1.2], [1, 0])', 'bce: p must hold probabilities in [0, 1], got 1.2');
  throwsMsg('bce([0.5], [1, 0])', 'bce: p is a vector of length 1 but y is a vector of length 2 (need the same shape)');
});

test('cross_entropy with a class index (1-based)', () => {
  approx(ev('cross_entropy([0.2, 0.7, 0.1], 2)'), 0.35667494393873245); // -ln 0.7
  approx(ev('cross_entropy([0.2, 0.7, 0.1], 1)'), 1.6094379124341003); // -ln 0.2 (python math.log)
  approx(ev('cross_entropy([0.2; 0.7; 0.1], 3)'), 2.302585092994046); // column vector, -ln 0.1
});

test('cross_entropy with a one-hot or soft target', () => {
  approx(ev('cross_entropy([0.2, 0.7, 0.1], [0, 1, 0])'), 0.35667494393873245); // same as index 2
  // numpy: -(0.1 ln 0.2 + 0.9 ln 0.7)
  approx(ev('cross_entropy([0.2, 0.7, 0.1], [0.1, 0.9, 0])'), 0.48195124078826923);
  approx(ev('cross_entropy([0, 1], [0, 1])'), 0); // 0 ln 0 = 0
});

test('cross_entropy errors', () => {
  throwsMsg('cross_entropy([0.2, 0.7, 0.1], 4)', 'cross_entropy: class index 4 is out of range for 3 classes (use 1..3)');
  throwsMsg('cross_entropy([0.2, 0.7, 0.1], 0)', 'cross_entropy: class index 0 is out of range for 3 classes (use 1..3)');
  throwsMsg('cross_entropy([0.2, 0.7, 0.1], 1.5)', 'cross_entropy: class index 1.5 is out of range for 3 classes (use 1..3)');
  throwsMsg('cross_entropy([0.2, 0.8], [0, 0, 1])', 'cross_entropy: p is a vector of length 2 but y is a vector of length 3 (need the same shape, or a class index y)');
  throwsMsg('cross_entropy([0.2, 0.8; 0.5, 0.5], 1)', 'cross_entropy: with a class index y, p must be a vector of probabilities, got 2×2');
  throwsMsg('cross_entropy([-0.2, 1.2], 1)', 'cross_entropy: p must hold probabilities in [0, 1], got -0.2');
});

test('kl', () => {
  approx(ev('kl([0.5, 0.3, 0.2], [0.4, 0.4, 0.2])'), 0.02526715392157057); // numpy sum(p log(p/q))
  approx(ev('kl([0.5, 0.5], [0.25, 0.75])'), 0.14384103622589042); // 0.5 ln 2 + 0.5 ln(2/3)
  approx(ev('kl([0.3, 0.7], [0.3, 0.7])'), 0); // identical distributions
  approx(ev('kl([0, 1], [0.5, 0.5])'), Math.log(2)); // 0 ln 0 term dropped; 1 ln(1/0.5)
});

test('kl shape mismatch', () => {
  throwsMsg('kl([0.5, 0.5], [0.2, 0.3, 0.5])', 'kl: p is a vector of length 2 but q is a vector of length 3 (need the same shape)');
});
