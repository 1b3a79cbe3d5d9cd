import assert from 'node:assert/strict';
import { test } from 'node:test';
import katex from 'katex';
import { texName } from '../../src/engine/texNames';

test('names become LaTeX: Greek letters, digit and _suffix subscripts', () => {
  const cases: [string, string][] = [
    ['z1', 'z_1'],
    ['a12', 'a_{12}'],
    ['w2_new', 'w_{2,\\mathrm{new}}'],
    ['w_new', 'w_{\\mathrm{new}}'],
    ['lambda', '\\lambda'],
    ['eta', '\\eta'],
    ['Delta', '\\Delta'],
    ['W_h', 'W_h'],
    ['W_h_1', 'W_{h,1}'],
    ['beta1', '\\beta_1'],
    ['x_lambda', 'x_{\\lambda}'],
    ['loss', '\\mathrm{loss}'],
    // Variables never print as units: mathjs would write A, N and deg as \mathrm{A} etc.
    ['A', 'A'],
    ['N', 'N'],
    ['deg', '\\mathrm{deg}'],
    ['学习率', '\\text{学习率}'],
  ];
  for (const [name, tex] of cases) assert.equal(texName(name), tex, name);
});

test('every mapped name is valid KaTeX', () => {
  for (const name of ['z1', 'w2_new', 'lambda', 'W_h_1', 'x_lambda', '学习率', 'a__b', 'q_']) {
    assert.doesNotThrow(() => katex.renderToString(texName(name), { throwOnError: true }), name);
  }
});
