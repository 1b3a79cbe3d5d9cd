// The library as a whole: every function of the spec's section 8 is present with the
// spec's parameters (names, order, defaults), aliases resolve, argument counts are
// checked, and importing into a private instance leaves mathjs's default instance alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as mathjs from 'mathjs';
import { libraryFunctions, libraryByName } from '../../../src/engine/library';
import { approx, ev, makeMath, throwsMsg } from './helpers';

// Transcribed from the spec's table (section 8): name -> signature as written there.
const SPEC: Record<string, string> = {
  sigmoid: 'x',
  dsigmoid: 'x',
  relu: 'x',
  drelu: 'x',
  leaky_relu: 'x, a=0.01',
  elu: 'x, a=1',
  dtanh: 'x',
  gelu: 'x',
  gelu_tanh: 'x',
  swish: 'x, b=1',
  softplus: 'x',
  softmax: 'v, T=1',
  log_softmax: 'v, T=1',
  mse: 'yhat, y',
  bce: 'p, y',
  cross_entropy: 'p, y',
  kl: 'p, q',
  conv_out: 'n, k, s=1, p=0, d=1',
  pool_out: 'n, k, s=k, p=0',
  conv_params: 'c_in, c_out, k, bias=true, groups=1',
  conv_macs: 'h_out, w_out, c_in, c_out, k, groups=1',
  linear_params: 'n_in, n_out, bias=true',
  rnn_params: 'n_in, n_h',
  lstm_params: 'n_in, n_h',
  gru_params: 'n_in, n_h',
  attention_weights: 'Q, K, mask=none',
  attention: 'Q, K, V, mask=none',
  batch_norm: 'X, gamma=1, beta=0, eps=1e-5',
  layer_norm: 'X, gamma=1, beta=0, eps=1e-5',
  adjacency: 'n, E',
  degree: 'A',
  laplacian: 'A',
  gcn_norm: 'A',
  gcn_layer: 'A, H, W',
  sgd_step: 'w, g, lr',
  l2_step: 'w, g, lr, lambda',
  l1_step: 'w, g, lr, lambda',
  momentum_step: 'w, g, v=0, lr=0.01, mu=0.9',
  adam_step: 'w, g, m=0, v=0, t=1, lr=0.001, b1=0.9, b2=0.999, eps=1e-8',
  xavier_bound: 'fan_in, fan_out',
  he_std: 'fan_in',
  fgsm: 'x, grad, eps',
  attention_cost: 'n, d',
  rnn_cost: 'n, d',
  conv1d_cost: 'n, k, d',
};

test('every spec function exists with the spec signature, and nothing else', () => {
  assert.deepEqual(libraryFunctions.map((f) => f.name).sort(), Object.keys(SPEC).sort());
  for (const f of libraryFunctions) {
    const sig = f.params.map((p) => (p.default === undefined ? p.name : `${p.name}=${p.default}`)).join(', ');
    assert.equal(sig, SPEC[f.name], f.name);
    assert.ok(f.summary.length > 10 && f.definitionText.length > 0, `${f.name} documented`);
  }
});

test('libraryByName has every name and the silu alias', () => {
  for (const f of libraryFunctions) assert.equal(libraryByName.get(f.name), f);
  assert.equal(libraryByName.get('silu')?.name, 'swish');
  assert.equal(libraryByName.size, libraryFunctions.length + 1);
});

test('argument counts are checked for every function', () => {
  for (const f of libraryFunctions) {
    const fn = f.create(makeMath());
    const tooMany = new Array(f.params.length + 1).fill(1);
    assert.throws(() => fn(...tooMany), { message: new RegExp(`^${f.name}: expected .* got ${tooMany.length}$`) }, f.name);
    assert.throws(() => fn(), { message: new RegExp(`^${f.name}: expected .* got 0$`) }, f.name);
  }
  throwsMsg('sigmoid(1, 2)', 'sigmoid: expected 1 argument (x), got 2');
  throwsMsg('leaky_relu()', 'leaky_relu: expected 1 to 2 arguments (x, a=0.01), got 0');
});

test('the default mathjs instance is untouched', () => {
  makeMath();
  assert.equal((mathjs as unknown as Record<string, unknown>).sigmoid, undefined);
  assert.throws(() => mathjs.evaluate('sigmoid(1)'));
});

test('functions compose inside mathjs expressions', () => {
  // relu(gcn_norm(A)) equals gcn_norm(A) for a non-negative A: entries 0.5
  approx(ev('relu(gcn_norm(adjacency(2, [1, 2])))'), [[0.5, 0.5], [0.5, 0.5]]);
  // conv_out feeds pool_out: 32 -> 32 (pad 1) -> 16
  assert.equal(ev('pool_out(conv_out(32, 3, 1, 1), 2)'), 16);
});
