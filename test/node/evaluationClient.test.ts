// The worker host: a runaway statement is stopped by the time limit, the worker is
// restarted, the statement is reported in place and the rest of the note still runs.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { EvaluationClient, SupersededError } from '../../src/node/evaluationClient';

const workerPath = path.join(__dirname, '..', '..', 'src', 'node', 'evaluationWorker.js');
const note = (body: string) => '# runaway\n\n```dl-calc\n' + body + '\n```\n';

test('a runaway statement hits the time limit; the worker restarts; later statements run', async () => {
  const client = new EvaluationClient({ timeLimitMs: () => 1500, workerPath });
  try {
    const doc = { uri: 'runaway.md', version: 1, text: note('z = zeros(3000, 3000); z * z\nafter = 2 + 2') };
    const started = Date.now();
    const result = await client.evaluate(doc);
    const [assign, product, after] = result.statements;
    assert.equal(assign.kind, 'value');
    assert.equal(product.kind, 'error');
    assert.match(product.error!.message, /ran past the time limit of 1.5 s while evaluating this statement/);
    // The error sits on the line that ran too long (line 4, 0-based 3).
    assert.equal(product.error!.range.start.line, 3);
    assert.equal(after.value?.short, '4');
    assert.equal(client.restarts, 1);
    assert.ok(Date.now() - started < 15_000);

    // The same text again: the stopped statement is not re-run, so no new restart.
    const again = await client.evaluate({ ...doc, version: 2 });
    assert.equal(again.statements[1].kind, 'error');
    assert.equal(client.restarts, 1);

    // Editing the line runs it again.
    const edited = await client.evaluate({ ...doc, version: 3, text: note('z = zeros(3, 3); z * z\nafter = 2 + 2') });
    assert.equal(edited.statements[1].value?.short, '(3×3) [[0, 0, 0], [0, 0, 0], [0, 0, 0]]');
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
    const d = await client.derive('d.md', 1);
    assert.equal(d?.substitutedText, '3 ^ 2');
    assert.equal(d?.resultText, '9');
  } finally {
    client.dispose();
  }
});
