// The web evaluation client (src/web/webClient.ts) under the protocol and watchdog it shares
// with the Node client (src/node/evaluationStops.ts), in plain Node. Two kinds of worker:
// the shipped web worker bundle (dist/web/evaluationWorker.js) run in a thread of its own
// with only `self`, as in a browser, so a runaway statement really runs and is really
// terminated; and scripted workers that report a phase and never answer, so each kind of
// stop (LaTeX checks, derivations, reading, sending) is shown deterministically.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { Phase, WorkerRequest } from '../../src/node/protocol';
import { SupersededError, WebEvaluationClient, type WorkerLike } from '../../src/web/webClient';

const workerBundle = path.join(__dirname, '..', '..', '..', 'dist', 'web', 'evaluationWorker.js');
const note = (body: string) => '# web\n\n```dl-calc\n' + body + '\n```\n';

/** The web worker bundle in a thread, seen through a Web Worker's interface. */
function bundleWorker(): Promise<WorkerLike> {
  assert.ok(fs.existsSync(workerBundle), `${workerBundle} is missing: run npm run build`);
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const vm = require('node:vm');
    const self = { postMessage: (m) => parentPort.postMessage(m), onmessage: null };
    vm.runInContext(require('node:fs').readFileSync(workerData, 'utf8'), vm.createContext({ self }));
    parentPort.on('message', (data) => self.onmessage({ data }));`;
  const thread = new Worker(code, { eval: true, workerData: workerBundle });
  const like: WorkerLike = { postMessage: (m) => thread.postMessage(m), terminate: () => void thread.terminate(), onmessage: null, onerror: null };
  thread.on('message', (data) => like.onmessage?.({ data }));
  thread.on('error', (e) => like.onerror?.({ message: e.message }));
  return Promise.resolve(like);
}

/**
 * A worker that answers like the real one, except that on an evaluate request whose `hangs`
 * says so it reports that phase and never answers (a step that runs forever).
 */
function scriptedWorker(hangs: (request: WorkerRequest<'evaluate'>) => Phase | undefined, log: WorkerRequest<'evaluate'>[]) {
  return (): Promise<WorkerLike> => {
    let step = 0;
    const like: WorkerLike = {
      onmessage: null,
      onerror: null,
      terminate: () => undefined,
      postMessage: (m) => {
        const request = m as WorkerRequest | { type: 'init' };
        const post = (data: unknown) => queueMicrotask(() => like.onmessage?.({ data }));
        if (request.type === 'init') return post({ id: 0, ready: true });
        if (request.type !== 'evaluate') return post({ id: request.id, type: request.type, ok: true, result: undefined });
        log.push(request);
        const phase = hangs(request);
        if (phase) return post({ progress: { phase, index: 0, line: 0, character: 0, step: ++step } });
        post({
          id: request.id,
          type: 'evaluate',
          ok: true,
          result: { uri: request.doc.uri, version: request.doc.version, blocks: [], statements: [], diagnostics: [], summary: { statements: 0, passed: 0, failed: 0, errors: 0, chainsVerified: 0, chainsFailed: 0 }, latex: [] },
        });
      },
    };
    return Promise.resolve(like);
  };
}

test('web client: a runaway statement is stopped in place, the worker restarts, later statements run, and it is not run again', async () => {
  const client = new WebEvaluationClient({ timeLimitMs: () => 2000 }, bundleWorker);
  try {
    const body = 'fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nz = 2\nfib(200)\nafter = z + 2';
    const doc = { uri: 'web-runaway.md', version: 1, text: note(body) };
    const r = await client.evaluate(doc);
    assert.deepEqual(
      r.statements.map((s) => s.error?.message ?? s.value?.short),
      ['fib(n)', '2', 'Stopped: this statement ran past the time limit of 2 s (setting dlCalc.timeLimit)', '4'],
    );
    assert.equal(r.statements[2].error!.range.start.line, 5);
    assert.equal(client.restarts, 1);
    const again = await client.evaluate({ ...doc, version: 2 });
    assert.equal(again.statements[2].kind, 'error');
    assert.equal(client.restarts, 1);
    const edited = await client.evaluate({ ...doc, version: 3, text: note(body.replace('fib(200)', 'fib(10)')) });
    assert.equal(edited.statements[2].value?.short, '55');
  } finally {
    client.dispose();
  }
});

test('web client: hovers never wait behind an evaluation, and the latest edit wins', async () => {
  const client = new WebEvaluationClient({ timeLimitMs: () => 60_000 }, bundleWorker);
  try {
    const slow = client.evaluate({ uri: 'slow.md', version: 1, text: note('fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(200)') });
    const first = client.evaluate({ uri: 'n.md', version: 1, text: note('x = 1') });
    const second = client.evaluate({ uri: 'n.md', version: 2, text: note('x = 2') });
    await assert.rejects(first, SupersededError);
    // No SVG on the web: the hover shows text, answered while the evaluation still runs.
    assert.deepEqual(await client.texToSvg(['x^2', '\\frac{1}{2}']), [undefined, undefined]);
    client.dispose();
    await assert.rejects(slow);
    await assert.rejects(second);
  } finally {
    client.dispose();
  }
});

test('web client: many runaway statements are stopped up to a bound, the rest reported as not evaluated', async () => {
  const client = new WebEvaluationClient({ timeLimitMs: () => 1000, limitName: 'option --time-limit' }, bundleWorker);
  try {
    const lines = ['fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)', ...Array.from({ length: 10 }, (_, i) => `r${i} = fib(200)`), 'last = 1'];
    const r = await client.evaluate({ uri: 'many.md', version: 1, text: note(lines.join('\n')) });
    const messages = r.statements.map((s) => s.error?.message ?? s.value?.short);
    assert.equal(messages[8], 'Stopped: this statement ran past the time limit of 1 s (option --time-limit)');
    assert.equal(messages[9], 'Not evaluated: 8 statements above were stopped (option --time-limit)');
    assert.equal(messages[11], 'Not evaluated: 8 statements above were stopped (option --time-limit)');
    assert.equal(client.restarts, 8);
  } finally {
    client.dispose();
  }
});

test('web client: a stop in the LaTeX checks or the derivations is reported on the first line, and the note evaluated without them', async () => {
  const log: WorkerRequest<'evaluate'>[] = [];
  const hangs = (r: WorkerRequest<'evaluate'>): Phase | undefined => (r.latexStopped === undefined ? 'latex' : r.derivationsStopped === undefined ? 'derivations' : undefined);
  const client = new WebEvaluationClient({ timeLimitMs: () => 50 }, scriptedWorker(hangs, log));
  try {
    await client.evaluate({ uri: 'l.md', version: 1, text: note('x = 1') }, {}, true);
    assert.deepEqual(
      log.map((r) => [r.latexStopped, r.derivationsStopped]),
      [
        [undefined, undefined],
        ['LaTeX checks stopped: they ran past the time limit of 50 ms (setting dlCalc.timeLimit); the dl-calc blocks were still evaluated', undefined],
        [
          'LaTeX checks stopped: they ran past the time limit of 50 ms (setting dlCalc.timeLimit); the dl-calc blocks were still evaluated',
          'Derivations stopped: they ran past the time limit of 50 ms (setting dlCalc.timeLimit)',
        ],
      ],
    );
    assert.equal(client.restarts, 2);
  } finally {
    client.dispose();
  }
});

for (const [phase, expected] of [
  ['parse', 'This note could not be checked: reading it ran past the time limit of 50 ms (setting dlCalc.timeLimit); raise the limit or split the note'],
  ['transfer', 'This note could not be checked: sending its results ran past the time limit of 50 ms (setting dlCalc.timeLimit); raise the limit or split the note'],
] as const) {
  test(`web client: a note whose ${phase} step always runs past the limit is reported as a whole after three tries`, async () => {
    const log: WorkerRequest<'evaluate'>[] = [];
    const client = new WebEvaluationClient({ timeLimitMs: () => 50 }, scriptedWorker(() => phase, log));
    try {
      const r = await client.evaluate({ uri: 'big.md', version: 1, text: note('x = 1') });
      assert.deepEqual(
        r.diagnostics.map((d) => [d.range.start.line, d.code, d.message]),
        [[0, 'stopped', expected]],
      );
      assert.equal(log.length, 3);
    } finally {
      client.dispose();
    }
  });
}
