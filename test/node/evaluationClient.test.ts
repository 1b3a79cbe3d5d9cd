// The worker host: a runaway statement is stopped by the time limit, the worker is
// restarted, the statement is reported in place and the rest of the note still runs.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { EvaluationClient, SupersededError } from '../../src/node/evaluationClient';

const workerPath = path.join(__dirname, '..', '..', 'src', 'node', 'evaluationWorker.js');
const note = (body: string) => '# runaway\n\n```dl-calc\n' + body + '\n```\n';

test('a runaway statement hits the time limit; the worker restarts; later statements run', async () => {
  // fib(200) never ends on any machine and the other statements take microseconds, so this
  // holds however fast or loaded the machine is; the limit is per statement.
  const client = new EvaluationClient({ timeLimitMs: () => 3000, workerPath });
  try {
    const body = 'fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nz = 2\nfib(200)\nafter = z + 2';
    const doc = { uri: 'runaway.md', version: 1, text: note(body) };
    const result = await client.evaluate(doc);
    const [, assign, runaway, after] = result.statements;
    assert.equal(assign.value?.short, '2');
    assert.equal(runaway.kind, 'error');
    assert.equal(runaway.error!.message, 'Stopped: this statement ran past the time limit of 3 s (setting dlCalc.timeLimit)');
    // The error sits on the line that ran too long (line 6, 0-based 5).
    assert.equal(runaway.error!.range.start.line, 5);
    assert.equal(after.value?.short, '4');
    assert.equal(client.restarts, 1);

    // The same text again: the stopped statement is not re-run, so no new restart.
    const again = await client.evaluate({ ...doc, version: 2 });
    assert.equal(again.statements[2].kind, 'error');
    assert.equal(client.restarts, 1);

    // Editing the line runs it again.
    const edited = await client.evaluate({ ...doc, version: 3, text: note(body.replace('fib(200)', 'fib(10)')) });
    assert.equal(edited.statements[2].value?.short, '55');
  } finally {
    client.dispose();
  }
});

test('many slow statements: each is stopped in place up to a bound, the rest is reported as not evaluated', async () => {
  const client = new EvaluationClient({ timeLimitMs: () => 1000, workerPath, limitName: 'option --time-limit' });
  try {
    const lines = ['fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)', ...Array.from({ length: 12 }, (_, i) => `r${i} = fib(200)`), 'last = 1'];
    const r = await client.evaluate({ uri: 'slow.md', version: 1, text: note(lines.join('\n')) });
    const messages = r.statements.map((s) => s.error?.message ?? s.value?.short);
    assert.equal(messages[1], 'Stopped: this statement ran past the time limit of 1 s (option --time-limit)', JSON.stringify([messages, r.diagnostics]));
    assert.equal(messages[8], 'Stopped: this statement ran past the time limit of 1 s (option --time-limit)');
    assert.equal(messages[9], 'Not evaluated: 8 statements above were stopped (option --time-limit)');
    assert.equal(messages[13], 'Not evaluated: 8 statements above were stopped (option --time-limit)');
    assert.equal(client.restarts, 8);
  } finally {
    client.dispose();
  }
});

test('a derivation is answered only for the version it was asked for', async () => {
  const client = new EvaluationClient({ timeLimitMs: () => 5000, workerPath });
  try {
    await client.evaluate({ uri: 'v.md', version: 4, text: note('a = 3\nb = a^2') });
    assert.equal((await client.derive('v.md', 1, 4))?.resultText, '9');
    assert.equal(await client.derive('v.md', 1, 3), undefined);
  } finally {
    client.dispose();
  }
});

test('SVG typesetting does not wait behind a long evaluation', async () => {
  const client = new EvaluationClient({ timeLimitMs: () => 20_000, workerPath });
  try {
    const slow = client.evaluate({ uri: 's.md', version: 1, text: note('fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(200)') });
    const order: string[] = [];
    void slow.then(
      () => order.push('evaluation'),
      () => order.push('evaluation'),
    );
    const [svg] = await client.texToSvg(['x^2']);
    order.push('svg');
    assert.match(svg!, /^<svg/);
    assert.deepEqual(order, ['svg']);
    client.dispose();
    await slow.catch(() => undefined);
  } finally {
    client.dispose();
  }
});

test('exponential recursion is stopped too', async () => {
  const client = new EvaluationClient({ timeLimitMs: () => 1000, workerPath });
  try {
    const r = await client.evaluate({ uri: 'fib.md', version: 1, text: note('fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(60)\nok = 1') });
    assert.match(r.statements[1].error!.message, /time limit/);
    assert.equal(r.statements[2].value?.short, '1');
  } finally {
    client.dispose();
  }
});

test('the latest edit wins: a queued evaluation of the same note is superseded', async () => {
  const client = new EvaluationClient({ timeLimitMs: () => 5000, workerPath });
  try {
    const busy = client.evaluate({ uri: 'other.md', version: 1, text: note('x = 1') });
    const first = client.evaluate({ uri: 'n.md', version: 1, text: note('x = 1') });
    const second = client.evaluate({ uri: 'n.md', version: 2, text: note('x = 2') });
    await assert.rejects(first, SupersededError);
    assert.equal((await second).statements[0].value?.short, '2');
    await busy;
  } finally {
    client.dispose();
  }
});

test('derive() answers from the worker after an evaluation', async () => {
  const client = new EvaluationClient({ timeLimitMs: () => 5000, workerPath });
  try {
    await client.evaluate({ uri: 'd.md', version: 1, text: note('a = 3\nb = a^2') });
    const d = await client.derive('d.md', 1, 1);
    assert.equal(d?.substitutedText, '3 ^ 2');
    assert.equal(d?.resultText, '9');
  } finally {
    client.dispose();
  }
});
