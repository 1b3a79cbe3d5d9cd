import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainsOf } from '../../../src/engine/latex';

function split(src: string): string[][] {
  return chainsOf(src).map((c) => c.segments.map((s) => src.slice(s.start, s.end)));
}

test('splits at top-level relations only', () => {
  assert.deepEqual(split('a = b \\approx c'), [['a', 'b', 'c']]);
  assert.deepEqual(split('f(x = 1) = \\left( a = b \\right) = {c = d}'), [['f(x = 1)', '\\left( a = b \\right)', '{c = d}']]);
  assert.deepEqual(split('a \\le b \\geq c < d > e \\simeq f ≈ g \\approxeq h \\leq i'), [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']]);
  assert.deepEqual(split('a <= b'), [['a', 'b']]);
  assert.equal(chainsOf('a <= b')[0].relations[0].kind, 'le');
  assert.deepEqual(split('\\left\\{ x = 1 \\right.'), []);
});

test('\\left is not \\le', () => {
  assert.deepEqual(split('\\left( 1 \\right) = 1'), [['\\left( 1 \\right)', '1']]);
});

test('rows of aligned blocks are chains; &= continues the row above', () => {
  const src = '\\begin{aligned} w &= 0.5 - 0.03 \\\\ &= 0.47. \\end{aligned}';
  const c = chainsOf(src);
  assert.equal(c.length, 2);
  assert.equal(c[1].continuation, true);
  assert.equal(src.slice(c[1].carried!.start, c[1].carried!.end), '0.5 - 0.03');
  assert.deepEqual(split(src)[1], ['', '0.47']);
});

test('align*, gather and one-column arrays are row environments; matrices are not', () => {
  assert.equal(chainsOf('\\begin{align*} a &= 1 \\\\ b &= 2 \\end{align*}').length, 2);
  assert.equal(chainsOf('\\begin{array}{l} a = 1 \\\\ b = 2 \\end{array}').length, 2);
  assert.equal(chainsOf('M = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}').length, 1);
  assert.equal(chainsOf('y = \\left\\{\\begin{array}{ll} 1, & x = 0 \\\\ 0, & x \\ne 0 \\end{array}\\right.').length, 1);
});

test('tags and comments are dropped', () => {
  assert.deepEqual(split('a = 1 \\tag{3} % = 2'), [['a', '1']]);
});
