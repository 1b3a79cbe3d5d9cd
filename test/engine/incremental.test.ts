// Re-evaluation after an edit reuses unchanged statements; it must never show a stale value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../../src/engine';

const note = (body: string) => '```dl-calc\n' + body + '\n```\n';
const shown = (r: ReturnType<ReturnType<typeof createEngine>['evaluate']>) =>
  r.statements.map((s) => (s.kind === 'error' ? `!${s.error!.message}` : s.check ? (s.check.ok ? '✓' : '✗') : s.value!.short));

test('an edit upstream flows to every statement downstream, and only there', () => {
  const engine = createEngine();
  const body = (x: number) => `x = ${x}\ny = x * 2\nz = 10\nw = y + z\nw ≈ ${2 * x + 10}`;
  assert.deepEqual(shown(engine.evaluate({ uri: 'n', version: 1, text: note(body(1)) })), ['1', '2', '10', '12', '✓']);
  assert.deepEqual(shown(engine.evaluate({ uri: 'n', version: 2, text: note(body(3)) })), ['3', '6', '10', '16', '✓']);
  const stale = engine.evaluate({ uri: 'n', version: 3, text: note(body(3).replace('≈ 16', '≈ 12')) });
  assert.deepEqual(shown(stale), ['3', '6', '10', '16', '✗']);
});

test('redefining a function re-evaluates its callers', () => {
  const engine = createEngine();
  const r1 = engine.evaluate({ uri: 'f', version: 1, text: note('k = 2\nf(t) = k * t\nf(3)') });
  assert.deepEqual(shown(r1), ['2', 'f(t)', '6']);
  const r2 = engine.evaluate({ uri: 'f', version: 2, text: note('k = 5\nf(t) = k * t\nf(3)') });
  assert.deepEqual(shown(r2), ['5', 'f(t)', '15']);
});

test('moving a statement, duplicating it, or isolating its block is not confused with the old run', () => {
  const engine = createEngine();
  engine.evaluate({ uri: 'm', version: 1, text: note('a = 1\nb = a + 1') });
  const moved = engine.evaluate({ uri: 'm', version: 2, text: '# title\n\n' + note('a = 1\nb = a + 1\nb = a + 1') });
  assert.deepEqual(shown(moved), ['1', '2', '2']);
  assert.equal(moved.statements[1].range.start.line, 4);
  const isolated = engine.evaluate({ uri: 'm', version: 3, text: '```dl-calc isolated\nb = a + 1\n```\n' });
  assert.match(shown(isolated)[0], /^!Unknown name "a"/);
});

test('a recorded result that changes is checked again', () => {
  const engine = createEngine();
  assert.deepEqual(shown(engine.evaluate({ uri: 'r', version: 1, text: note('a = 2 * 3 #= 6') })), ['✓']);
  assert.deepEqual(shown(engine.evaluate({ uri: 'r', version: 2, text: note('a = 2 * 3 #= 7') })), ['✗']);
});

test('precision per block applies even when the statement did not change', () => {
  const engine = createEngine();
  engine.evaluate({ uri: 'p', version: 1, text: note('1/3') });
  const r = engine.evaluate({ uri: 'p', version: 2, text: '```dl-calc precision=2\n1/3\n```\n' });
  assert.deepEqual(shown(r), ['0.33']);
});

test('LaTeX chains follow the values they read, and edits to the prose', () => {
  const engine = createEngine();
  const text = (w: number, written: string) => `${note(`w1 = ${w}`)}\nSo $w_1 \\times 2 = ${written}$ here.\n`;
  const status = (r: ReturnType<ReturnType<typeof createEngine>['evaluate']>) => r.latex.map((c) => c.status);
  assert.deepEqual(status(engine.evaluate({ uri: 'l', version: 1, text: text(0.5, '1.0') })), ['verified']);
  // Only the block changed: the chain reads w1, whose value changed.
  assert.deepEqual(status(engine.evaluate({ uri: 'l', version: 2, text: text(0.6, '1.0') })), ['failed']);
  // Only the prose changed.
  assert.deepEqual(status(engine.evaluate({ uri: 'l', version: 3, text: text(0.6, '1.2') })), ['verified']);
  // A block edit that leaves w1 alone keeps the chain's result.
  const same = engine.evaluate({ uri: 'l', version: 4, text: text(0.6, '1.2').replace('w1 = 0.6', 'w1 = 0.6\ny = 3') });
  assert.deepEqual(status(same), ['verified']);
});

test('statements that change the scope in other ways always run again', () => {
  const engine = createEngine();
  const body = (x: number) => `x = ${x}\nA = [1, 2, 3]\nA[2] = 7\nA\nb = (c = 3) + 1\nc`;
  engine.evaluate({ uri: 'i', version: 1, text: note(body(1)) });
  const r = engine.evaluate({ uri: 'i', version: 2, text: note(body(2)) });
  assert.deepEqual(shown(r), ['2', '(3) [1, 2, 3]', '7', '(3) [1, 7, 3]', '4', '3']);
});

test("the editor's values-first run and the run with the checks share their statements, and the checks match a fresh run", () => {
  const text = '# n\n\n' + note('x = 3\nW = [1, 2; 3, 4] * x\ny = sum(W)') + '\nSo $3 \\times 10 = 30$ and $x = 3$.\n';
  const engine = createEngine();
  engine.configure({ latexChecks: false });
  const values = engine.evaluate({ uri: 'v', version: 1, text });
  assert.equal(values.latex.length, 0);
  engine.configure({ latexChecks: true });
  const whole = engine.evaluate({ uri: 'v', version: 1, text });
  // Reused, not run again: the very same value objects.
  whole.statements.forEach((s, i) => assert.equal(s.value, values.statements[i].value, `statement ${i}`));
  assert.ok(whole.latex.length > 0);
  const fresh = createEngine().evaluate({ uri: 'v', version: 1, text });
  assert.deepEqual(whole, fresh);
  // A setting the statements do depend on still runs them again.
  engine.configure({ precision: 3 });
  const other = engine.evaluate({ uri: 'v', version: 1, text });
  assert.notEqual(other.statements[0].value, whole.statements[0].value);
});
