// Derivations: formula → values put in → result, as LaTeX and plain text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import katex from 'katex';
import { createEngine } from '../../src/engine';

const engine = createEngine();
const note = (body: string) => `# n\n\n\`\`\`dl-calc\n${body}\n\`\`\`\n`;

function derive(body: string, which: (s: { source: string }) => boolean) {
  const r = engine.evaluate({ uri: 'd.md', version: Math.random(), text: note(body) }, { derivations: true });
  const s = r.statements.find(which)!;
  assert.ok(s.derivation, `no derivation for ${s.source}`);
  return s.derivation!;
}

test('the spec example: L2 update by hand', () => {
  const d = derive('lambda = 0.1; eta = 0.1; w2 = -0.4; g2 = -0.155\nw2_new = (1 - lambda*eta)*w2 - eta*g2', (s) => s.source.startsWith('w2_new'));
  assert.equal(d.formulaText, 'w2_new = (1 - lambda * eta) * w2 - eta * g2');
  assert.equal(d.substitutedText, '(1 - 0.1 * 0.1) * (-0.4) - 0.1 * (-0.155)');
  assert.equal(d.resultText, '-0.3805');
  assert.match(d.formulaTex, /^w_\{2,\\mathrm\{new\}\} = /);
  assert.ok(d.formulaTex.includes('{\\lambda}') && d.formulaTex.includes('{w_2}') && d.formulaTex.includes('{g_2}'));
  assert.ok(d.substitutedTex.includes('\\left(-0.4\\right)') && d.substitutedTex.includes('\\left(-0.155\\right)'));
  assert.equal(d.resultTex, '-0.3805');
  assert.deepEqual(
    d.dependencies.map((x) => [x.name, x.line, x.display]),
    [['lambda', 3, '0.1'], ['eta', 3, '0.1'], ['w2', 3, '-0.4'], ['g2', 3, '-0.155']],
  );
});

test('a library call shows its defining formula with names and with values', () => {
  const d = derive('z1 = 0.5\na1 = sigmoid(z1)', (s) => s.source.startsWith('a1'));
  assert.equal(d.formulaText, 'a1 = sigmoid(z1)');
  assert.equal(d.substitutedText, 'sigmoid(0.5)');
  assert.equal(d.resultText, '0.622459');
  assert.equal(d.library.length, 1);
  assert.equal(d.library[0].name, 'sigmoid');
  // σ(z_1) = 1/(1+e^{-z_1}) = 1/(1+e^{-0.5})
  assert.ok(d.library[0].tex.includes('z_1') && d.library[0].tex.includes('0.5'), d.library[0].tex);
  assert.ok(d.library[0].tex.includes('\\frac{1}{1+e^{-'), d.library[0].tex);
});

test('names that look like units or built-ins print as variables', () => {
  const d = derive('A = 2; N = 3; deg = 4; gamma = 0.5\nA * N + deg * gamma', (s) => s.source.startsWith('A * N'));
  assert.ok(d.formulaTex.includes('{A}') && d.formulaTex.includes('{N}'), d.formulaTex);
  assert.ok(!d.formulaTex.includes('\\Gamma'), d.formulaTex);
  assert.equal(d.substitutedText, '2 * 3 + 4 * 0.5');
});

test('all derivation LaTeX of a realistic note is valid KaTeX', () => {
  const body = [
    'x = [1, 2; 3, 4]; W = [0.5, -1; 2, 0.25]',
    'H = relu(x * W)',
    'p = softmax([1, 2, 3])',
    'loss = cross_entropy(p, 3)',
    'n = conv_out(32, 3, 1, 1)',
    'params = conv_params(3, 16, 3)',
    's = adam_step(0.5, 0.1)',
    'big = ones(8, 8) * 2',
    'f(t) = t^2 + 1',
    'f(3) ≈ 10',
    '学习率 = 0.01; 学习率 * 2',
  ].join('\n');
  const r = engine.evaluate({ uri: 'k.md', version: 1, text: note(body) }, { derivations: true });
  assert.equal(r.summary.errors, 0, JSON.stringify(r.statements.filter((s) => s.error).map((s) => s.error)));
  for (const s of r.statements) {
    const d = s.derivation!;
    for (const tex of [d.formulaTex, d.substitutedTex, d.resultTex, ...d.library.map((l) => l.tex)]) {
      assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, strict: 'ignore' }), `${s.source}: ${tex}`);
    }
  }
});

test('a matrix too large to write out is named in the values step', () => {
  const d = derive('big = ones(8, 8)\nbig * 2', (s) => s.source === 'big * 2');
  assert.equal(d.substitutedText, 'big * 2');
});

test('derive() builds a derivation on demand from the last evaluation', () => {
  const text = note('a = 2\nb = a * 3');
  engine.evaluate({ uri: 'lazy.md', version: 7, text });
  const d = engine.derive('lazy.md', 1);
  assert.equal(d?.substitutedText, '2 * 3');
  assert.equal(d?.resultText, '6');
});

test('a check: the claim as written, both sides with the tolerance and the verdict (issue 12, item 5)', async () => {
  const { derivationRows } = await import('../../src/engine/derivation');
  const pass = derive('a = 4; b = 6\ny = a + b\ny ≈ 10 ± 0.5', (s) => s.source.startsWith('y ≈'));
  assert.equal(pass.check?.claimText, 'y ≈ 10 ± 0.5');
  assert.equal(pass.check?.ok, true);
  assert.match(pass.check!.verdictText, /^10 ≈ 10 ± 0\.5 +✓$/);
  const fail = derive('a = 4; b = 6\ny = a + b\ny ≈ 11', (s) => s.source.startsWith('y ≈'));
  assert.equal(fail.check?.ok, false);
  assert.match(fail.check!.verdictText, /^10 ≉ 11.*✗ off by 1/);
  const rows = derivationRows(fail, 'text');
  assert.deepEqual(rows.steps, ['y', '10']);
  assert.equal(rows.verdict, fail.check!.verdictText);
  for (const t of [pass.check!.claimTex, pass.check!.verdictTex, fail.check!.verdictTex]) katex.renderToString(t, { throwOnError: true });
});

test('a step that adds nothing is shown once: d = c = 112, not d = c = 112 = 112', async () => {
  const { derivationRows } = await import('../../src/engine/derivation');
  const d = derive('c = 112\nd = c', (s) => s.source === 'd = c');
  assert.deepEqual(derivationRows(d, 'tex').steps.length, 2);
  assert.deepEqual(derivationRows(d, 'text'), { lhs: 'd', steps: ['c', '112'], verdict: undefined });
  const lit = derive('p = softmax([1, 2, 3])', (s) => s.source.startsWith('p ='));
  assert.equal(derivationRows(lit, 'text').steps.length, 2, JSON.stringify(derivationRows(lit, 'text')));
});

test('a check within ± 0 is exact: = or ≠ in the verdict, no "± 0", no "tolerance 0" in the message', async () => {
  const { derivationRows } = await import('../../src/engine/derivation');
  const r = engine.evaluate({ uri: 'exact.md', version: 1, text: note('x = 2\nx ≈ 2 ± 0\nx ≈ 3 ± 0\nx ≈ 3 ± 0.5') }, { derivations: true });
  const [, pass, fail, loose] = r.statements;
  assert.equal(pass.check?.ok, true);
  assert.equal(pass.check?.tolerance, undefined);
  assert.match(pass.derivation!.check!.verdictText, /^2 = 2 +✓$/);
  assert.equal(fail.check?.message, 'expected 3, got 2 (off by 1)');
  assert.equal(fail.derivation!.check!.verdictText, '2 ≠ 3  ✗ off by 1');
  assert.ok(!derivationRows(fail.derivation!, 'tex').verdict!.includes('\\pm'), fail.derivation!.check!.verdictTex);
  // A tolerance that is not zero is still written and checked against.
  assert.equal(loose.check?.message, 'expected 3, got 2 (off by 1, tolerance 0.5)');
  assert.match(loose.derivation!.check!.verdictText, /^2 ≉ 3 ± 0\.5 +✗ off by 1$/);
  for (const s of [pass, fail, loose]) katex.renderToString(s.derivation!.check!.verdictTex, { throwOnError: true });
});

test('a comparison check has a derivation: its formula, the values put in, the sides related by what held (issue 12)', async () => {
  const { derivationRows } = await import('../../src/engine/derivation');
  const r = engine.evaluate(
    { uri: 'cmp.md', version: 1, text: note('x = 2; y = 3\nx < 1\nx == 2\nx + 1 >= 2 * y\ny != 3\nA = [1, 2]\nA == [1, 3]') },
    { derivations: true },
  );
  const by = (source: string) => r.statements.find((s) => s.source === source)!;
  const less = by('x < 1').derivation!;
  assert.equal(less.check?.relation, true);
  assert.equal(less.check?.claimText, 'x < 1');
  // Both sides are plain names: the values row would only repeat the verdict.
  assert.deepEqual(derivationRows(less, 'text'), { steps: ['x < 1'], verdict: '2 ≮ 1  ✗', relation: true });
  assert.deepEqual(derivationRows(by('x == 2').derivation!, 'text'), { steps: ['x == 2'], verdict: '2 = 2  ✓', relation: true });
  // Expressions on either side: the values put in, then what they came to.
  const sum = derivationRows(by('x + 1 >= 2 * y').derivation!, 'text');
  assert.deepEqual(sum, { steps: ['x + 1 >= 2 * y', '2 + 1 >= 2 * 3'], verdict: '3 ≱ 6  ✗', relation: true });
  assert.equal(derivationRows(by('y != 3').derivation!, 'text').verdict, '3 = 3  ✗');
  // Element by element: which elements held.
  assert.equal(derivationRows(by('A == [1, 3]').derivation!, 'text').verdict, '[true, false]  ✗');
  for (const s of r.statements.filter((s) => s.kind === 'check')) {
    const d = s.derivation!;
    assert.ok(!/\bfalse\b|\btrue\b/.test(derivationRows(d, 'text').steps.join(' ')) || s.source.startsWith('A'), `${s.source}: ${JSON.stringify(derivationRows(d, 'text'))}`);
    for (const t of [d.check!.claimTex, d.check!.verdictTex, ...derivationRows(d, 'tex').steps]) katex.renderToString(t, { throwOnError: true });
  }
  // engine.derive (the hover's path) gives the same derivation.
  assert.deepEqual(engine.derive('cmp.md', by('x < 1').index)?.check, less.check);
});
