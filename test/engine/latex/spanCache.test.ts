// The span cache must never change a result: after any edit, the checks of a note with
// the last run's cache equal a fresh check of the same text. Notes here are built from
// fragments that exercise every part of the scope a formula reads (bindings, updates and
// headings, rounded results, formulas and restatements, lists, derivative claims and
// derivations, dl-calc values), edited at random with a fixed seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSpans, findMathSpans, headingLines, SpanCache, defaultEvaluate, defaultEvaluateAny, type LatexEnv } from '../../../src/engine/latex';
import { createEngine } from '../../../src/engine';

const FRAGMENTS = [
  '# Part',
  '## Step',
  'Given $w = 0.5$ and $x = 2$, the product $w x = 1.0$.',
  'Given $w = 3$, $b = 4$.',
  '$z = w x + b = 5.0$',
  '$w = w - 0.6667 = 2.3333$',
  '$w \\leftarrow w - 0.1 \\times 2$',
  'then $w = 0.8$ and $a = 0.7513650695$, written $a = 0.75136507$.',
  '$\\frac{1}{2}(0.01 - 0.75136507)^2 = 0.274811083$',
  '$16.6667 \\times 9 = 150.0003$',
  '$P = (F - 1)/2$ with $F = 3$, so $P = 1$.',
  '$F = 5$ and $P = 2$',
  '$$\n\\begin{aligned}\ny &= 0.1 \\times 3 + 0.25 \\\\\n&= 0.55\n\\end{aligned}\n$$',
  '$$\n\\begin{aligned}\nu &= w + 1 \\\\ \\\\\n&= 4\n\\end{aligned}\n$$',
  '$[0.5, 1] \\cdot [2, 0.5]^T = 1.5$',
  '$\\sigma(0) = 0.5$ and $\\tanh(0) = 0$',
  '$f(x) = x^2 + 3x$, so $f\'(x) = 2x + 3$.',
  '$g(x) = x^3$ and $g\'(x) = 3x$',
  '$$\n\\begin{aligned}\n\\frac{d}{dx} (x^2 + 2x) &= 2x + 2 \\\\\n&= 2(x + 1)\n\\end{aligned}\n$$',
  '$L = \\frac{1}{2}(y - t)^2$ and $\\frac{\\partial L}{\\partial y} = y - t$',
  '$k_1 + 1 = 3$',
  '$k_1 \\times 2 = 4$',
  'plain text 3 + 4 = 7 here',
  '$x = 7$',
  '$\\frac{1}{3} = 0.3333$',
  '$0.3333 \\times 3 = 1.0000$',
  '',
];

/** A seeded PRNG (mulberry32): the same edits in every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** dl-calc values as blocks would give them: `k_1` (as k1) bound from line 10 on, changed by the edits. */
function envOf(k1: number): LatexEnv {
  return {
    lookup: (name, line) => (name === 'k1' && line >= 10 ? k1 : undefined),
    bindingLine: (name, line) => (name === 'k1' && line >= 10 ? 9 : undefined),
    evaluate: defaultEvaluate,
    evaluateAny: defaultEvaluateAny,
  };
}

function check(text: string, env: LatexEnv, symbolic: boolean, cache?: SpanCache) {
  return checkSpans(findMathSpans(text), env, { symbolic }, headingLines(text), cache);
}

test('after random edits, the cached checks equal a fresh check, with single = off and on', { timeout: 600_000 }, () => {
  for (const symbolic of [false, true]) {
    const random = rng(symbolic ? 7 : 42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const parts = Array.from({ length: 40 }, () => pick(FRAGMENTS));
    const cache = new SpanCache();
    let k1 = 2;
    let reused = 0;
    for (let edit = 0; edit < 150; edit++) {
      const r = random();
      const at = Math.floor(random() * parts.length);
      if (r < 0.4) parts[at] = pick(FRAGMENTS);
      else if (r < 0.55) parts.splice(at, 0, pick(FRAGMENTS));
      else if (r < 0.65 && parts.length > 5) parts.splice(at, 1);
      else if (r < 0.85) parts[at] = parts[at].replace(/\d/, (d) => String((Number(d) + 1) % 10));
      else k1 = pick([1, 2, 3]);
      const text = parts.join('\n\n');
      const env = envOf(k1);
      const warm = check(text, env, symbolic, cache);
      const fresh = check(text, env, symbolic);
      assert.deepEqual(warm, fresh, `edit ${edit} (symbolic ${symbolic}):\n${text}`);
      reused += cache.reused;
      // Checked again unchanged: every formula is reused, with the same results.
      const again = check(text, env, symbolic, cache);
      assert.deepEqual(again, fresh);
      assert.equal(cache.reused, findMathSpans(text).length);
    }
    // The edited runs reused formulas too (the test would prove nothing if they never did).
    assert.ok(reused > 150 * 10, `only ${reused} formulas reused over 150 edits`);
  }
});

test('a formula reused from the cache still sees a changed value above it', () => {
  const cache = new SpanCache();
  const note = (w: string) => `Given $w = ${w}$.\n\n$w \\times 2 = 1.0$\n`;
  const first = check(note('0.5'), envOf(2), false, cache);
  assert.equal(first[1].status, 'verified');
  const changed = check(note('0.6'), envOf(2), false, cache);
  assert.equal(changed[1].status, 'failed');
  assert.match(changed[1].links[0].message ?? '', /1\.2/);
});

test('a reused formula sees a rounded result above it change, and a formula it restates', () => {
  const cache = new SpanCache();
  // 0.3333 × 3 = 1.0000 holds only as a rounded 1/3 (±0.00005 makes it 0.99975…1.00005).
  const rounded = (digits: string) => `$\\frac{1}{3} = ${digits}$\n\n$0.3333 \\times 3 = 1.0000$\n`;
  assert.equal(check(rounded('0.3333'), envOf(2), false, cache)[1].status, 'verified');
  assert.equal(check(rounded('0.33333'), envOf(2), false, cache)[1].status, 'failed');
  assert.equal(check(rounded('0.3333'), envOf(2), false, cache)[1].status, 'verified');
  // `$P = 1$` restates the formula above while it gives 1.
  const formula = (f: string) => `$P = ${f}$ with $F = 3$, so $P = 1$.\n`;
  assert.equal(check(formula('(F - 1)/2'), envOf(2), false, cache)[2].status, 'verified');
  assert.notEqual(check(formula('(F + 3)/2'), envOf(2), false, cache)[2].status, 'verified');
  assert.equal(check(formula('(F - 1)/2'), envOf(2), false, cache)[2].status, 'verified');
});

test('a dl-calc value read by a formula is looked up again on reuse', () => {
  const cache = new SpanCache();
  const text = `${'\n'.repeat(12)}$k_1 + 1 = 3$\n`;
  assert.equal(check(text, envOf(2), false, cache)[0].status, 'verified');
  assert.equal(check(text, envOf(3), false, cache)[0].status, 'failed');
  assert.equal(check(text, envOf(2), false, cache)[0].status, 'verified');
});

test('the engine: typing in one formula of a note keeps every other result as a fresh engine gives it', () => {
  const engine = createEngine();
  const base = ['# Notes', '```dl-calc', 'k1 = 2', '```', ...FRAGMENTS.filter((f) => f && !f.startsWith('#'))];
  let version = 1;
  for (let i = 0; i < 8; i++) {
    const lines = [...base];
    lines[6] = lines[6].replace('1.0', `1.0${'0'.repeat(i)}`);
    lines[2] = `k1 = ${i % 3}`;
    const text = lines.join('\n\n');
    const warm = engine.evaluate({ uri: 'note.md', version: version++, text }).latex;
    const fresh = createEngine().evaluate({ uri: 'note.md', version: 1, text }).latex;
    assert.deepEqual(warm, fresh);
  }
});
