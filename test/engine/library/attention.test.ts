// Attention. References from numpy at test-writing time:
// S = Q @ K.T / sqrt(K.shape[1]); S[M == 0] = -inf; W = softmax rows of S; W @ V.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approx, ev, isMatrix, throwsMsg } from './helpers';

const Q = '[1, 0; 0, 1]';
const K = '[1, 0; 0, 1; 1, 1]';
const V = '[1, 2; 3, 4; 5, 6]';
const W = [
  [0.4011120926797859, 0.1977758146404282, 0.4011120926797859],
  [0.1977758146404282, 0.4011120926797859, 0.4011120926797859],
];

test('attention_weights: softmax(Q K^T / sqrt(d_k)) row-wise', () => {
  const w = ev(`attention_weights(${Q}, ${K})`);
  assert.ok(isMatrix(w));
  approx(w, W);
});

test('attention: weights times V', () => {
  approx(ev(`attention(${Q}, ${K}, ${V})`), [
    [3.0, 4.0],
    [3.4066725560787154, 4.406672556078716],
  ]);
});

test('attention with a mask: zeros hide keys', () => {
  const M = '[1, 0, 1; 1, 1, 0]';
  approx(ev(`attention_weights(${Q}, ${K}, ${M})`), [
    [0.5, 0.0, 0.5],
    [0.3302384506733431, 0.6697615493266569, 0.0],
  ]);
  approx(ev(`attention(${Q}, ${K}, ${V}, ${M})`), [
    [3.0, 4.0],
    [2.3395230986533138, 3.3395230986533138],
  ]);
  // A boolean mask (from a comparison) works too, and a vector mask applies to every query.
  approx(ev(`attention_weights(${Q}, ${K}, [1, 0, 1; 1, 1, 0] > 0)`), [
    [0.5, 0.0, 0.5],
    [0.3302384506733431, 0.6697615493266569, 0.0],
  ]);
  // Row 1 with key 2 hidden: scores 1/sqrt2, 1/sqrt2 -> [0.5, 0, 0.5]; row 2: scores 0, 1/sqrt2 -> numpy
  approx(ev(`attention_weights(${Q}, ${K}, [1, 0, 1])`), [
    [0.5, 0.0, 0.5],
    [0.3302384506733431, 0.0, 0.6697615493266569],
  ]);
});

test('a single query vector gives a vector', () => {
  const w = ev('attention_weights([1, 2, 0], [1, 0, 1; 0, 1, 1])');
  approx(w, [0.35954252431937245, 0.6404574756806275]);
  approx(ev('attention([1, 2, 0], [1, 0, 1; 0, 1, 1], [1, 0; 0, 1])'), [0.35954252431937245, 0.6404574756806275]);
});

test('attention is stable for large scores', () => {
  // Scores 1000/sqrt(1) and 1001: like softmax([0, 1]).
  approx(ev('attention_weights([1], [1000; 1001])'), [0.2689414213699951, 0.7310585786300049]);
});

test('attention shape errors', () => {
  throwsMsg('attention([1, 0, 1; 0, 1, 1], [1, 0; 0, 1; 1, 1; 2, 2], [1, 2; 3, 4; 5, 6; 7, 8])', 'attention: Q is 2×3 but K is 4×2 (need the same number of columns)');
  throwsMsg('attention_weights([1, 0, 1; 0, 1, 1], [1, 0; 0, 1; 1, 1; 2, 2])', 'attention_weights: Q is 2×3 but K is 4×2 (need the same number of columns)');
  throwsMsg(`attention(${Q}, ${K}, [1, 2; 3, 4])`, 'attention: K is 3×2 but V is 2×2 (need the same number of rows)');
  throwsMsg(`attention_weights(${Q}, ${K}, [1, 1; 1, 1])`, "attention_weights: mask is 2×2 but the scores Q K' are 2×3 (need 2×3, or a vector of length 3)");
  throwsMsg(`attention(${Q}, ${K}, ${V}, [1, 1])`, "attention: mask is a vector of length 2 but the scores Q K' are 2×3 (need 2×3, or a vector of length 3)");
  throwsMsg(`attention_weights(${Q}, ${K}, [1, 1, 1; 0, 0, 0])`, 'attention_weights: the mask hides every key from query 2 (its row of the mask is all 0), so its weights are undefined');
  throwsMsg('attention_weights([1, 2], [[[1, 2]]])', 'attention_weights: K must be a vector or a 2-D matrix, got 1×1×2');
  throwsMsg('attention_weights(ones(5000, 1), ones(5000, 1))', "attention_weights: the score matrix Q K' would be 5000×5000 (25000000 entries), more than the 10,000,000 allowed");
  throwsMsg(`attention(${Q}, ${K})`, 'attention: expected 3 to 4 arguments (Q, K, V, mask?), got 2');
});
