// LaTeX of calls and defining formulas: every function's TeX must render with KaTeX
// (throwOnError) for plain, subscripted, negative and compound arguments, and the
// documented examples must come out exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import { libraryFunctions, libraryByName } from '../../../src/engine/library';
import { isAtom, sub, wrap, defaultTex } from '../../../src/engine/library/tex';

function renders(tex: string, what: string): void {
  assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true }), `${what}: ${tex}`);
}

const ARG_SETS: readonly ((name: string, i: number) => string)[] = [
  (name) => (name.length === 1 ? name : `\\mathrm{${name.replace(/_/g, '\\_')}}`),
  (_n, i) => `z_{${i + 1}}`,
  () => '-0.5',
  () => 'a+b',
  () => 'x^{2}',
  () => '\\begin{pmatrix}1 & 2\\\\ 3 & 4\\end{pmatrix}',
  () => '\\hat{y}',
];

test('every function renders in KaTeX: call and definition, all argument styles', () => {
  for (const f of libraryFunctions) {
    const required = f.params.filter((p) => p.default === undefined);
    for (const make of ARG_SETS) {
      for (const params of [required, f.params]) {
        const args = params.map((p, i) => make(p.name, i));
        renders(f.callTex(args), `${f.name} call`);
        const def = f.definitionTex(args);
        assert.ok(def.length > 0, `${f.name} has a definition`);
        renders(def, `${f.name} definition`);
      }
    }
  }
});

test('the documented sigmoid example', () => {
  const s = libraryByName.get('sigmoid')!;
  assert.equal(s.callTex(['z_1']), '\\sigma\\left(z_1\\right)');
  assert.equal(s.definitionTex(['z_1']), '\\frac{1}{1+e^{-z_1}}');
  assert.equal(s.definitionTex(['0.5']), '\\frac{1}{1+e^{-0.5}}');
  // A negative argument is bracketed so the sign does not merge: e^{-(-0.5)}.
  assert.equal(s.definitionTex(['-0.5']), '\\frac{1}{1+e^{-\\left(-0.5\\right)}}');
});

test('defaults fill missing arguments in the definition', () => {
  assert.match(libraryByName.get('leaky_relu')!.definitionTex(['x']), /0\.01\\,x/);
  assert.match(libraryByName.get('leaky_relu')!.definitionTex(['x', '0.2']), /0\.2\\,x/);
  assert.match(libraryByName.get('batch_norm')!.definitionTex(['X']), /10\^\{-5\}/);
  assert.match(libraryByName.get('adam_step')!.definitionTex(['w', 'g']), /10\^\{-8\}/);
  // pool_out's stride defaults to its window k.
  assert.equal(libraryByName.get('pool_out')!.definitionTex(['7', '2']), '\\left\\lfloor\\frac{7-2}{2}\\right\\rfloor+1');
  // softmax with T = 1 leaves out "/1"; with T = 2 it shows it.
  assert.equal(libraryByName.get('softmax')!.definitionTex(['v']), '\\frac{e^{v_{i}}}{\\sum_{j} e^{v_{j}}}');
  assert.match(libraryByName.get('softmax')!.definitionTex(['v', '2']), /v_\{i\}\/2/);
  // conv_params without a bias has no "+ c_out" term.
  assert.equal(libraryByName.get('conv_params')!.definitionTex(['3', '64', '3', '\\mathrm{false}']), '64\\cdot 3\\cdot 3\\cdot 3');
  assert.equal(libraryByName.get('conv_params')!.definitionTex(['3', '64', '3']), '64\\cdot 3\\cdot 3\\cdot 3+64');
  // A written [kh, kw] is split into its two sizes; a name gets subscripts.
  assert.equal(libraryByName.get('conv_params')!.definitionTex(['3', '64', '\\begin{bmatrix}3 & 5\\end{bmatrix}']), '64\\cdot 3\\cdot 3\\cdot 5+64');
  assert.equal(libraryByName.get('conv_macs')!.definitionTex(['8', '8', '4', '4', 'k', '2']), '8\\cdot 8\\cdot 4\\cdot \\frac{4}{2}\\cdot k_{h}\\,k_{w}');
  // cross_entropy with a class index shows -ln p_y.
  assert.equal(libraryByName.get('cross_entropy')!.definitionTex(['p', '2']), '-\\ln p_{2}');
  // attention's mask is optional: no mask term unless written.
  assert.doesNotMatch(libraryByName.get('attention')!.definitionTex(['Q', 'K', 'V']), /infty/);
  assert.match(libraryByName.get('attention')!.definitionTex(['Q', 'K', 'V', 'M']), /\\infty/);
});

test('tex helpers bracket only what needs it', () => {
  for (const a of ['x', 'z_1', 'w_{2,\\mathrm{new}}', '\\eta', '\\hat{y}', '0.5', '\\left(a+b\\right)', '\\frac{1}{2}', '\\begin{pmatrix}1\\end{pmatrix}']) {
    assert.ok(isAtom(a), a);
  }
  for (const a of ['-0.5', 'a+b', '(a)+(b)', '\\left(a\\right)+\\left(b\\right)', '2x^{2}']) assert.ok(!isAtom(a), a);
  assert.equal(wrap('a+b'), '\\left(a+b\\right)');
  assert.equal(sub('v', 'i'), 'v_{i}');
  assert.equal(sub('z_1', 'i'), 'z_{1,i}');
  assert.equal(sub('a+b', 'i'), '\\left(a+b\\right)_{i}');
  assert.equal(defaultTex('1e-5'), '10^{-5}');
  assert.equal(defaultTex('2.5e-3'), '2.5 \\times 10^{-3}');
  assert.equal(defaultTex('true'), '\\mathrm{true}');
});

test('names without a standard symbol use \\operatorname, with escaped underscores', () => {
  assert.equal(libraryByName.get('conv_out')!.callTex(['n', 'k']), '\\operatorname{conv\\_out}\\left(n, k\\right)');
  assert.equal(libraryByName.get('relu')!.callTex(['x']), '\\mathrm{ReLU}\\left(x\\right)');
});
