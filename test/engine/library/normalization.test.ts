// batch_norm / layer_norm. References from numpy at test-writing time:
// (X - X.mean(axis)) / sqrt(X.var(axis) + eps) * gamma + beta  (np.var is the biased variance).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approx, ev, isMatrix, throwsMsg } from './helpers';

const X = '[1, 2; 3, 4; 5, 9]';

test('batch_norm normalizes each column with the biased variance and eps = 1e-5', () => {
  const r = ev(`batch_norm(${X})`);
  assert.ok(isMatrix(r));
  approx(r, [
    [-1.2247425750014138, -1.0190487428175694],
    [0.0, -0.3396829142725232],
    [1.2247425750014138, 1.3587316570900927],
  ]);
});

test('batch_norm with per-column gamma and beta', () => {
  approx(ev(`batch_norm(${X}, [2, 0.5], [0.1, -1])`), [
    [-2.3494851500028275, -1.5095243714087847],
    [0.1, -1.1698414571362616],
    [2.5494851500028277, -0.32063417145495365],
  ]);
});

test('batch_norm with eps = 0', () => {
  // Column 1: mean 3, biased var 8/3 -> (1-3)/sqrt(8/3) = -1.224744871391589 (numpy)
  approx(ev(`batch_norm(${X}, 1, 0, 0)`), [
    [-1.224744871391589, -1.0190493307301363],
    [0.0, -0.3396831102433787],
    [1.224744871391589, 1.3587324409735149],
  ]);
});

test('batch_norm of a vector is one feature over the batch', () => {
  approx(ev('batch_norm([1, 2, 3])'), [-1.2247356859083902, 0.0, 1.2247356859083902]); // numpy, mean 2, var 2/3
});

test('layer_norm normalizes each row', () => {
  // Rows [1,2], [3,4]: mean ±0.5 away, var 0.25 -> ±0.5/sqrt(0.25+1e-5) = ±0.99998000059998 (numpy)
  approx(ev(`layer_norm(${X})`), [
    [-0.9999800005999799, 0.9999800005999799],
    [-0.9999800005999799, 0.9999800005999799],
    [-0.9999987500023437, 0.9999987500023437],
  ]);
});

test('layer_norm of a vector with gamma and beta', () => {
  approx(ev('layer_norm([1, 2, 3], [1, 2, 3], 1)'), [-0.22473568590839021, 1.0, 4.67420705772517]); // numpy
});

test('normalization errors', () => {
  throwsMsg('batch_norm([1, 2; 3, 4], [1, 2, 3])', 'batch_norm: gamma is a vector of length 3 but X has 2 columns (need a number or 2 values)');
  throwsMsg('layer_norm([1, 2; 3, 4], 1, [1, 2, 3])', 'layer_norm: beta is a vector of length 3 but X has 2 columns (need a number or 2 values)');
  throwsMsg('layer_norm(3)', 'layer_norm: X must be a vector or a 2-D matrix, got a number');
  throwsMsg('batch_norm([1, 2], 1, 0, -1)', 'batch_norm: eps must be a non-negative number, got -1');
  throwsMsg('batch_norm()', 'batch_norm: expected 1 to 4 arguments (X, gamma=1, beta=0, eps=1e-5), got 0');
});
