// Results cross threads as deltas (src/node/resultDelta.ts): what the host puts together is
// the result the engine computed, after any sequence of edits, forgets and new workers; and
// a one-character edit of a long note sends a small part of it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { createEngine } from '../../src/engine';
import type { NoteResult } from '../../src/engine/types';
import { EvaluationClient } from '../../src/node/evaluationClient';
import { DeltaReceiver, DeltaSender, sameData } from '../../src/node/resultDelta';

const workerPath = path.join(__dirname, '..', '..', 'src', 'node', 'evaluationWorker.js');

/** A note of `n` statements in blocks of 20, with LaTeX chains and an error. */
function longNote(n: number, edit = -1, by = 0): string {
  const out = ['# long\n', 'A check: $2 \\times 3 = 6$.\n'];
  for (let b = 0; b * 20 < n; b++) {
    out.push('```dl-calc');
    for (let i = b * 20; i < Math.min(n, (b + 1) * 20); i++) out.push(i === 0 ? 'x0 = 1' : `x${i} = x${i - 1} + ${i === edit ? by : 1}`);
    out.push('```', `So $x = ${b}$ and $1 + 1 = 2$; \`= nope${b % 3 === 0 ? '' : ' + 0'}\`.\n`);
  }
  return out.join('\n');
}

/** Through a thread: what postMessage does to a message. */
const acrossThreads = <T>(x: T): T => structuredClone(x);

test('same data: by value, identity first, never deeper than asked', () => {
  const shared = { short: '1' };
  assert.ok(sameData({ a: 1, b: [1, { c: 'x' }], v: shared }, { a: 1, b: [1, { c: 'x' }], v: shared }));
  assert.ok(!sameData({ a: 1 }, { a: 1, b: undefined }));
  assert.ok(!sameData({ a: 1, b: 2 }, { a: 1, c: 2 }));
  assert.ok(!sameData([1, 2], [1, 2, 3]));
  assert.ok(!sameData([1], { 0: 1 }));
  assert.ok(!sameData({ a: { b: { c: 1 } } }, { a: { b: { c: 1 } } }, 2), 'deeper than the limit counts as different');
  assert.ok(!sameData(new Date(0), new Date(0)), 'only plain objects are compared by value');
  assert.ok(!sameData(null, {}));
});

test('after every edit, the host has exactly the engine\'s result, and a small edit sends little', () => {
  const engine = createEngine();
  const sender = new DeltaSender();
  const receiver = new DeltaReceiver();
  const texts = [
    longNote(300),
    longNote(300, 250, 2), // one value changes, and those after it in its block
    longNote(300, 250, 2),
    longNote(301), // a statement more: every later block's lines move
    longNote(120), // shorter
    longNote(120, 5, 7),
  ];
  let previous: NoteResult | undefined;
  texts.forEach((text, version) => {
    const result = engine.evaluate({ uri: 'n.md', version, text });
    const wire = acrossThreads(sender.wire(result));
    const whole = receiver.result(wire);
    assert.deepEqual(whole, acrossThreads(result), `version ${version}`);
    if (version === 1) {
      // x250 … x299 change (each adds to the one before); the other 250 statements travel as null.
      assert.equal(wire.base, 0);
      assert.equal(wire.statements.filter((s) => s !== null).length, 50);
      assert.ok(JSON.stringify(wire).length < JSON.stringify(result).length / 3);
    }
    if (version === 2) assert.ok(wire.statements.every((s) => s === null), 'the same text again sends no statement');
    previous = whole;
  });
  assert.ok(previous);
});

test('a note forgotten is sent in full next time; a delta without its base is refused', () => {
  const engine = createEngine();
  const sender = new DeltaSender();
  const receiver = new DeltaReceiver();
  const first = engine.evaluate({ uri: 'f.md', version: 1, text: longNote(40) });
  receiver.result(acrossThreads(sender.wire(first)));
  sender.forget('f.md');
  receiver.forget('f.md');
  const again = sender.wire(engine.evaluate({ uri: 'f.md', version: 2, text: longNote(40) }));
  assert.equal(again.base, undefined);
  receiver.result(acrossThreads(again));
  const delta = acrossThreads(sender.wire(engine.evaluate({ uri: 'f.md', version: 3, text: longNote(40, 30, 5) })));
  assert.equal(delta.base, 2);
  assert.throws(() => new DeltaReceiver().result(delta), /came as a delta against a result this side does not have/);
});

test('through the worker: edits, a forget and a restarted worker all give the engine\'s results', async () => {
  const client = new EvaluationClient({ timeLimitMs: () => 3000, workerPath, codeCacheDir: null });
  const fresh = (text: string) => acrossThreads(createEngine().evaluate({ uri: 'w.md', version: 0, text }));
  const same = (a: NoteResult, b: NoteResult) => assert.deepEqual({ ...a, version: 0 }, { ...b, version: 0 });
  try {
    let version = 1;
    for (const text of [longNote(200), longNote(200, 150, 3), longNote(201), longNote(201, 3, 9)]) {
      same(await client.evaluate({ uri: 'w.md', version: version++, text }), fresh(text));
    }
    client.forget('w.md');
    same(await client.evaluate({ uri: 'w.md', version: version++, text: longNote(60) }), fresh(longNote(60)));
    // A runaway statement restarts the worker; the next results come from a worker with no past.
    const runaway = longNote(60).replace('x7 = x6 + 1', 'fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(200)');
    const stopped = await client.evaluate({ uri: 'w.md', version: version++, text: runaway });
    assert.equal(client.restarts, 1);
    assert.ok(stopped.statements.some((s) => s.error?.message.startsWith('Stopped')));
    same(await client.evaluate({ uri: 'w.md', version: version++, text: longNote(60, 20, 4) }), fresh(longNote(60, 20, 4)));
  } finally {
    client.dispose();
  }
});
