// Layer shapes, parameter counts, MAC counts and per-layer costs: integer arithmetic,
// worked by hand in the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approx, ev, isMatrix, throwsMsg } from './helpers';

test('conv_out defaults and full form', () => {
  assert.equal(ev('conv_out(32, 3)'), 30); // floor((32 - 2 - 1)/1) + 1
  assert.equal(ev('conv_out(32, 3, 1, 1)'), 32); // 32 + 2 - 2 - 1 + 1
  assert.equal(ev('conv_out(224, 7, 2, 3)'), 112); // floor((224+6-6-1)/2)+1 = floor(223/2)+1
  assert.equal(ev('conv_out(32, 3, 1, 2, 2)'), 32); // floor((32+4-4-1)/1)+1
  assert.equal(ev('conv_out(7, 3, 2)'), 3); // floor(4/2)+1
  assert.equal(ev('conv_out(5, 5)'), 1); // kernel exactly fits
});

test('conv_out is elementwise', () => {
  const r = ev('conv_out([224, 160], 7, 2, 3)');
  assert.ok(isMatrix(r));
  approx(r, [112, 80]); // floor((160+6-7)/2)+1 = 79+1
});

test('conv_out errors', () => {
  throwsMsg('conv_out(3, 5)', 'conv_out: kernel 5 is larger than the padded input 3 (n=3 + 2·p=0); the output would be empty');
  throwsMsg('conv_out(5, 3, 1, 0, 3)', 'conv_out: dilated kernel 7 (k=3, d=3) is larger than the padded input 5 (n=5 + 2·p=0); the output would be empty');
  throwsMsg('conv_out(32, 3, 0)', 'conv_out: s must be a positive integer, got 0');
  throwsMsg('conv_out(32, 3, 1, -1)', 'conv_out: p must be a non-negative integer, got -1');
  throwsMsg('conv_out(32.5, 3)', 'conv_out: n must be a positive integer, got 32.5');
  throwsMsg('conv_out(32)', 'conv_out: expected 2 to 5 arguments (n, k, s=1, p=0, d=1), got 1');
});

test('pool_out: stride defaults to the window', () => {
  assert.equal(ev('pool_out(32, 2)'), 16); // floor((32-2)/2)+1
  assert.equal(ev('pool_out(7, 2)'), 3); // floor(5/2)+1
  assert.equal(ev('pool_out(7, 3, 1)'), 5); // floor(4/1)+1
  assert.equal(ev('pool_out(7, 3, 2, 1)'), 4); // floor((7+2-3)/2)+1
  throwsMsg('pool_out(2, 3)', 'pool_out: kernel 3 is larger than the padded input 2 (n=2 + 2·p=0); the output would be empty');
});

test('conv_params', () => {
  assert.equal(ev('conv_params(3, 64, 3)'), 1792); // 64*3*3*3 + 64 = 1728 + 64
  assert.equal(ev('conv_params(3, 64, 3, false)'), 1728);
  assert.equal(ev('conv_params(64, 128, [3, 5])'), 123008); // 128*64*15 + 128 = 122880 + 128
  assert.equal(ev('conv_params(32, 32, 3, false, 32)'), 288); // depthwise: 32*1*9
  assert.equal(ev('conv_params(4, 8, [3, 5], false, 2)'), 240); // 8*2*15
  assert.equal(ev('conv_params(4, 8, [3, 5], true, 2)'), 248);
});

test('conv_params errors', () => {
  throwsMsg('conv_params(4, 8, 3, true, 3)', 'conv_params: groups=3 does not divide c_in=4');
  throwsMsg('conv_params(6, 8, 3, true, 3)', 'conv_params: groups=3 does not divide c_out=8');
  throwsMsg('conv_params(3, 8, [3, 3, 3])', 'conv_params: k must be a number or [kh, kw], got a vector of length 3');
  throwsMsg('conv_params(3, 8, 0)', 'conv_params: k must be a positive integer, got 0');
  throwsMsg('conv_params(3, 8, 3, 2)', 'conv_params: bias must be true or false, got 2');
  throwsMsg('conv_params(3, 8)', 'conv_params: expected 3 to 5 arguments (c_in, c_out, k, bias=true, groups=1), got 2');
});

test('conv_macs', () => {
  assert.equal(ev('conv_macs(32, 32, 3, 64, 3)'), 1769472); // 32*32*64*3*9 = 1024*1728
  assert.equal(ev('conv_macs(16, 16, 32, 32, 3, 32)'), 73728); // 256*32*1*9
  assert.equal(ev('conv_macs(8, 8, 4, 4, [1, 3])'), 3072); // 64*4*4*3 = 64*48
  throwsMsg('conv_macs(8, 8, 4, 6, 3, 4)', 'conv_macs: groups=4 does not divide c_out=6');
});

test('linear_params', () => {
  assert.equal(ev('linear_params(784, 256)'), 200960); // 784*256 + 256 = 200704 + 256
  assert.equal(ev('linear_params(784, 256, false)'), 200704);
  approx(ev('linear_params([10, 20], 5)'), [55, 105]); // elementwise: 50+5, 100+5
});

test('rnn, lstm and gru parameter counts, one bias per gate', () => {
  assert.equal(ev('rnn_params(10, 20)'), 620); // 20*(10+20) + 20
  assert.equal(ev('lstm_params(10, 20)'), 2480); // 4*620
  assert.equal(ev('gru_params(10, 20)'), 1860); // 3*620
  throwsMsg('lstm_params(10, 0)', 'lstm_params: n_h must be a positive integer, got 0');
});

test('attention, rnn and conv1d costs', () => {
  assert.equal(ev('attention_cost(512, 64)'), 16777216); // 512^2*64
  assert.equal(ev('rnn_cost(512, 64)'), 2097152); // 512*64^2
  assert.equal(ev('conv1d_cost(512, 3, 64)'), 6291456); // 3*512*64^2
  approx(ev('attention_cost([128, 512], 64)'), [1048576, 16777216]); // elementwise over n
  throwsMsg('rnn_cost(512)', 'rnn_cost: expected 2 arguments (n, d), got 1');
});
