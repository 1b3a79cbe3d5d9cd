// Derivative claims and derivation steps written in a note's LaTeX, checked at seeded
// points: fixture notes written for these tests (never copied from real notes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, flagged, linkOn, verdictOn } from './claims';


test('activations: tanh, sigmoid, softplus, ReLU derivatives in the notation students write', () => {
  const note = [
    '$$\\tanh\'(x) = 1 - \\tanh^2(x)$$', // 1
    '$$\\sigma\'(z) = \\sigma(z)(1 - \\sigma(z))$$', // 2
    '$$\\sigma\' = \\sigma(1 - \\sigma)$$', // 3
    '$$\\frac{d}{dx} \\text{softplus}(x) = \\sigma(x)$$', // 4
    '$$\\frac{d}{dx}\\max(0, x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x < 0 \\end{cases}$$', // 5
    '$$\\frac{d\\sigma}{dz} = \\sigma(1 + \\sigma)$$', // 6
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 1), 'verified');
  assert.equal(verdictOn(rs, 2), 'verified');
  assert.equal(verdictOn(rs, 3), 'verified');
  assert.equal(verdictOn(rs, 4), 'verified');
  assert.equal(verdictOn(rs, 5), 'verified'); // never sampled at the kink x = 0
  assert.equal(verdictOn(rs, 6), 'wrong');
  assert.deepEqual(flagged(rs), [6]);
});

test('Swish: defined with \\text, its derivative right and wrong, flagged with point and both values', () => {
  const note = [
    'Swish:',
    '',
    '$$\\text{Swish}(x) = \\frac{x}{1 + e^{-x}}$$',
    '',
    'Right:',
    '',
    '$$\\text{Swish}\'(x) = \\text{Swish}(x) + \\sigma(x)(1 - \\text{Swish}(x))$$',
    '',
    'Wrong (the quotient rule lost a term):',
    '',
    '$$Swish\'(x) = (1 + e^{-x})^{-2} \\times e^{-x} \\times (1 - x)$$',
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 7), 'verified');
  const right = linkOn(rs, 7)!;
  assert.match(right.sampled!.checkedAt, /^checked at x = -?[\d.]+(, −?[\d.]+){4}$/u);
  assert.equal(verdictOn(rs, 11), 'wrong');
  const wrong = linkOn(rs, 11)!;
  const f = wrong.sampled!.failing!;
  const x = f.at.x;
  const s = 1 / (1 + Math.exp(-x));
  const truth = s + x * s * (1 - s);
  const written = (1 + Math.exp(-x)) ** -2 * Math.exp(-x) * (1 - x);
  assert.match(wrong.message!, /^at x = [−\d.]+ the derivative of Swish is [−\d.]+, the right side gives [−\d.]+$/u);
  assert.ok(Math.abs(f.left - truth) < 1e-9 && Math.abs(f.right - written) < 1e-12);
  // The warning sits at the right side as written.
  const chain = rs.find((r) => r.range.start.line + 1 === 11)!;
  assert.equal(chain.segments[wrong.right].latex, '(1 + e^{-x})^{-2} \\times e^{-x} \\times (1 - x)');
});

test('GELU: the tanh approximation\'s derivative with and without the chain-rule factor', () => {
  const inner = '\\sqrt{\\frac{2}{\\pi}}(x + 0.044715 x^3)';
  const note = [
    `$$GELU(x) = 0.5 x (1 + \\tanh(${inner}))$$`,
    `$$GELU'(x) = 0.5 (1 + \\tanh(${inner})) + 0.5 x (1 - \\tanh^2(${inner})) \\sqrt{\\frac{2}{\\pi}} (1 + 3 \\cdot 0.044715 x^2)$$`,
    `$$GELU'(x) = 0.5 (1 + \\tanh(${inner})) + 0.5 x (1 - \\tanh^2(${inner})) \\sqrt{\\frac{2}{\\pi}}$$`,
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 2), 'verified');
  assert.equal(verdictOn(rs, 3), 'wrong');
});

test('partial derivatives of a computation graph, the operator form, and a chain continuing with numbers', () => {
  const note = [
    '$x = 2w + 3b$, $y = 2b + 1$', // 1
    '',
    '$z = x \\cdot y = (2w + 3b)(2b + 1) = 4wb + 2w + 6b^2 + 3b$', // 3
    '',
    '$\\frac{\\partial z}{\\partial w} = 4b + 2$', // 5
    '',
    '$\\frac{\\partial z}{\\partial b} = 4w + 12b + 3$', // 7
    '',
    '$\\frac{\\partial z}{\\partial x} = y$', // 9
    '',
    '$\\frac{\\partial}{\\partial b}(2w + 3b) = 3$', // 11
    '',
    '$\\frac{\\partial z}{\\partial b} = 4w + 12b$', // 13
    '',
    '$\\frac{\\partial L}{\\partial w} = 2w$', // 15: L is not defined
  ].join('\n');
  const rs = check(note);
  const chain3 = rs.find((r) => r.range.start.line === 2)!;
  assert.deepEqual(chain3.links.map((l) => l.ok), [undefined, true, true]);
  assert.equal(verdictOn(rs, 5), 'verified');
  assert.equal(verdictOn(rs, 7), 'verified');
  assert.equal(verdictOn(rs, 9), 'verified');
  assert.equal(verdictOn(rs, 11), 'verified');
  assert.equal(verdictOn(rs, 13), 'wrong');
  assert.equal(verdictOn(rs, 15), 'skipped: L is not defined above');
  assert.deepEqual(flagged(rs), [13]);
});

test('losses: squared error through a sigmoid, L2 regularisation, an LSTM forget gate', () => {
  const note = [
    '$a = \\sigma(w x + b)$', // 1
    '$L = \\frac{1}{2}(a - t)^2$', // 2
    '$\\frac{\\partial L}{\\partial w} = (a - t)a(1 - a) x$', // 3
    '$\\frac{\\partial L}{\\partial b} = (a - t)(1 - a) x$', // 4 wrong
    '$J = \\frac{1}{2}(w x - t)^2 + \\frac{\\lambda}{2} w^2$', // 5
    '$\\frac{\\partial J}{\\partial w} = (w x - t) x + \\lambda w$', // 6
    '$f_t = \\sigma(W_f x_t + U_f h + b_f)$', // 7
    '$\\frac{\\partial f_t}{\\partial b_f} = f_t (1 - f_t)$', // 8
    '$\\frac{\\partial f_t}{\\partial W_f} = f_t (1 - f_t) x_t$', // 9
  ].join('\n');
  const rs = check(note);
  for (const line of [3, 6, 8, 9]) assert.equal(verdictOn(rs, line), 'verified', `line ${line}`);
  assert.equal(verdictOn(rs, 4), 'wrong');
});

test('a derivation of a derivative: steps with \\partial are skipped, later ones compared with the derivative', () => {
  const note = [
    '$a = \\sigma(w x + b)$', // 1
    '$L = \\frac{1}{2}(a - t)^2$', // 2
    '$$', // 3
    '\\begin{aligned}', // 4
    '\\frac{\\partial L}{\\partial w} &= (a - t) \\frac{\\partial a}{\\partial w} \\\\', // 5
    '&= (a - t) a (1 - a) x \\\\', // 6
    '&= (a - t) a x', // 7: wrong
    '\\end{aligned}', // 8
    '$$', // 9
    '$\\frac{\\partial L}{\\partial b} = (a - t)\\frac{\\partial a}{\\partial b} = (a - t) a (1 - a) = 0.25$', // 10
  ].join('\n');
  const rs = check(note);
  const row = (line: number) => rs.find((r) => r.range.start.line + 1 === line)!;
  assert.equal(row(6).links[0].ok, true);
  assert.equal(row(7).links[0].ok, false);
  assert.deepEqual(row(10).links.map((l) => l.ok), [undefined, true, undefined]);
});

test('cross-entropy with softmax over two classes', () => {
  const note = [
    '$p = \\frac{e^{z_1}}{e^{z_1} + e^{z_2}}$',
    '$L = -(y \\ln p + (1 - y) \\ln(1 - p))$',
    '$\\frac{\\partial L}{\\partial z_1} = p - y$',
    '$\\frac{\\partial L}{\\partial z_2} = p - y$',
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 3), 'verified');
  assert.equal(verdictOn(rs, 4), 'wrong');
});

test('aligned algebra: every row an identity, the one wrong row flagged', () => {
  const note = [
    '$$',
    '\\begin{aligned}',
    '(a + b)^2 - (a - b)^2 &= a^2 + 2ab + b^2 - (a^2 - 2ab + b^2) \\\\',
    '&= 4ab + 2b^2 \\\\',
    '&= 4ab',
    '\\end{aligned}',
    '$$',
  ].join('\n');
  const rs = check(note);
  assert.deepEqual(rs.map((r) => r.links.map((l) => l.ok)), [[undefined], [false], [false]]);
  assert.match(rs[1].links[0].message!, /^at a = [−\d.]+, b = [−\d.]+ the left side is [−\d.]+, the right side gives [−\d.]+$/u);
});

test('ReLU, a piecewise definition and an indicator-style derivative', () => {
  const note = [
    '$$\\text{ReLU}(x) = \\begin{cases} x & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}$$', // 1
    "$$\\text{ReLU}'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x < 0 \\end{cases}$$", // 2
    "$$\\text{ReLU}'(x) = \\begin{cases} 1 & x < 0 \\\\ 0 & x > 0 \\end{cases}$$", // 3: wrong
    '$$h(x) = \\begin{cases} x^2 & x \\ge 1 \\\\ 2x - 1 & x < 1 \\end{cases}$$', // 4
    "$$h'(x) = \\begin{cases} 2x & x > 1 \\\\ 2 & x < 1 \\end{cases}$$", // 5
    '$$\\frac{d}{dx}|x| = \\text{sign}(x)$$', // 6
  ].join('\n');
  const rs = check(note);
  assert.equal(verdictOn(rs, 2), 'verified');
  assert.equal(verdictOn(rs, 3), 'wrong');
  assert.equal(verdictOn(rs, 5), 'verified');
  assert.equal(verdictOn(rs, 6), 'verified');
  assert.deepEqual(flagged(rs), [3]);
});

test('equations to solve, definitions, labels and conditions are never flagged', () => {
  const note = [
    '$2x + 1 = 5$', // an equation to solve
    '$x^2 = 4x$', // also one: a single = is no identity unless asked
    '$y = 3x + 1$', // a definition
    '$a_1 = a_2 = a_3 = \\dots$', // labels
    '$f(x) = x^2, \\quad x > 0$', // a condition
    '$x^2 - 1 = 0 \\Rightarrow x = 1$', // a statement
    '$g(x) = x(x + 1) = x^2 + x$', // a defined function: the chain is an identity and holds
  ].join('\n');
  const rs = check(note);
  assert.deepEqual(flagged(rs), []);
  assert.equal(rs.find((r) => r.range.start.line === 6)!.links[1].ok, true);
});

test('the single-= case waits for the symbolic setting', () => {
  assert.equal(check('$2 \\times 9C^2 = 18C^2$')[0].status, 'skipped');
  assert.equal(check('$2 \\times 9C^2 = 18C^2$', true)[0].status, 'verified');
  assert.equal(check('$2 \\times 9C^2 = 17C^2$', true)[0].status, 'failed');
});

test('a library function defined differently in the note is not used', () => {
  const note = ['$\\sigma(x) = 1 + e^{-x}$', "$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$"].join('\n');
  assert.match(verdictOn(check(note), 2), /^skipped: sigmoid is defined above differently/);
  const good = ['$\\sigma(x) = \\frac{1}{1 + e^{-x}}$', "$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$"].join('\n');
  assert.equal(verdictOn(check(good), 2), 'verified');
});

test('a name before a bracket that is not a function stops the check', () => {
  // x is not defined: x(n + 1) may be a sequence, not x times n + 1.
  const note = ['$$y(n) = x(n+1) + x(n-1) - 2x(n)$$', "$$y'(n) = x(n+1) - x(n-1)$$"].join('\n');
  assert.deepEqual(flagged(check(note)), []);
  assert.match(verdictOn(check(note), 2), /^skipped: (x\(…\) may be a function of its own|y is not defined above)/);
  // Defined, x(n) is a call: the claim is checked (and wrong: the derivative of n^2 is 2n).
  assert.equal(verdictOn(check(['$x(n) = n^2$', "$x'(n) = x(n+1) - x(n)$"].join('\n')), 2), 'wrong');
});

test('the block for a wrong claim, run by the engine, shows both values of the message', async () => {
  const { createEngine } = await import('../../../src/engine/index');
  const note = [
    '$$\\text{Swish}(x) = \\frac{x}{1 + e^{-x}}$$',
    "$$Swish'(x) = (1 + e^{-x})^{-2} \\times e^{-x} \\times (1 - x)$$",
    '$(a + b)^2 = (a + b)(a + b) = a^2 + b^2$',
  ].join('\n');
  const wrong = check(note).flatMap((r) => r.links.filter((l) => l.ok === false));
  assert.equal(wrong.length, 2);
  for (const link of wrong) {
    const s = link.sampled!;
    assert.ok(s.block?.startsWith('```dl-calc\n') && s.block.endsWith('\n```'));
    const engine = createEngine();
    const result = engine.evaluate({ uri: 'block.md', version: 1, text: `# block\n\n${s.block}\n` });
    const shown = result.statements.filter((st) => st.kind === 'value' && /^check_(left|right)\([-\d.]/.test(st.source));
    assert.equal(shown.length, 2, JSON.stringify(result.statements.map((x) => [x.source, x.kind, x.error?.message])));
    const [l, r] = shown.map((st) => Number(st.value!.full));
    // The block shows six significant digits.
    assert.equal(Number(l.toPrecision(5)), Number(s.failing!.left.toPrecision(5)));
    assert.equal(Number(r.toPrecision(5)), Number(s.failing!.right.toPrecision(5)));
  }
});
