// The pure part both evaluation clients share (src/node/evaluationStops.ts), with no worker:
// the watchdog, the queue rule, the stopped-lines book and the evaluate loop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NoteResult } from '../../src/engine/types';
import { StopSignal, StoppedBook, SupersededError, enqueue, evaluateWithStops, watchSteps, type Pending } from '../../src/node/evaluationStops';
import type { EvaluateRequest, Progress, WorkerRequest } from '../../src/node/protocol';

test('watchdog: a step that keeps advancing is never stopped; one that stays current is stopped once', async () => {
  let step = 0;
  let advancingStops = 0;
  let reads = 0;
  // Every read sees a new step, so no interval, however late it fires, sees the step stay.
  const endAdvancing = watchSteps(10, () => (reads++, ++step), () => advancingStops++);
  let stuckStops = 0;
  await new Promise<void>((resolve) => watchSteps(10, () => 7, () => (stuckStops++, resolve())));
  // The stuck watch has fired; wait for the advancing one to have been read many times more.
  const until = reads + 20;
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => reads >= until && (clearInterval(poll), resolve()), 5);
  });
  endAdvancing();
  assert.equal(advancingStops, 0);
  assert.equal(stuckStops, 1);
  assert.equal(watchSteps(0, () => 0, () => assert.fail('no limit: no watch'))(), undefined);
});

test('queue: a newer evaluation of a note supersedes the queued one, not other notes or other requests', () => {
  const queue: Pending[] = [];
  const rejected: string[] = [];
  const pending = (request: WorkerRequest, name: string): Pending => ({ request, resolve: () => undefined, reject: (e) => rejected.push(`${name}: ${e instanceof SupersededError}`) });
  const evaluate = (id: number, uri: string) => ({ id, type: 'evaluate', doc: { uri, version: id, text: '' }, settings: {}, derivations: false, stopped: [] }) as WorkerRequest;
  enqueue(queue, pending(evaluate(1, 'a.md'), 'a1'));
  enqueue(queue, pending(evaluate(2, 'b.md'), 'b2'));
  enqueue(queue, pending({ id: 3, type: 'derive', uri: 'a.md', version: 1, index: 0 }, 'derive'));
  enqueue(queue, pending(evaluate(4, 'a.md'), 'a4'));
  assert.deepEqual(rejected, ['a1: true']);
  assert.deepEqual(queue.map((p) => p.request.id), [2, 3, 4]);
});

test('stopped-lines book: a stopped statement stays stopped until its line is edited', () => {
  const book = new StoppedBook();
  const doc = { uri: 'n.md', version: 1, text: 'a\nslow()\nc' };
  book.add(doc, 1, 0, 'Stopped');
  assert.deepEqual([...book.current({ ...doc, version: 2, text: 'a changed\nslow()\nc' })], [['1:0', 'Stopped']]);
  assert.deepEqual([...book.current({ ...doc, version: 3, text: 'a\nslow(1)\nc' })], []);
  // Once retried, the old stop is gone even if the text comes back.
  assert.deepEqual([...book.current(doc)], []);
  book.add(doc, 1, 0, 'Stopped');
  book.forget('n.md');
  assert.deepEqual([...book.current(doc)], []);
});

test('stopped-lines book: a longer time limit, or none, runs a statement the time limit stopped again; a shorter one does not', () => {
  const book = new StoppedBook();
  const doc = { uri: 'n.md', version: 1, text: 'a\nslow()\nbig()' };
  book.add(doc, 1, 0, 'Stopped: time', 1000);
  book.add(doc, 2, 0, 'Stopped: memory'); // not the time limit's doing: any limit keeps it
  assert.deepEqual([...book.current(doc, 1000).keys()], ['1:0', '2:0']);
  assert.deepEqual([...book.current(doc, 500).keys()], ['1:0', '2:0']);
  assert.deepEqual([...book.current(doc, 5000).keys()], ['2:0']);
  book.add(doc, 1, 0, 'Stopped: time', 1000);
  assert.deepEqual([...book.current(doc, 0).keys()], ['2:0'], 'no limit: retried');
});

test('evaluate loop: after the time limit is lifted (a trusted folder\'s dlCalc.timeLimit: 0), the stopped statement is sent to run again', async () => {
  const book = new StoppedBook();
  const doc = { uri: 'n.md', version: 1, text: 'a\nslow()\n' };
  const sent: EvaluateRequest[] = [];
  const run = (timeLimitMs: number, stopFirst: boolean) => {
    let stop = stopFirst;
    return evaluateWithStops({
      doc, settings: {}, derivations: false, book, timeLimitMs, limitName: 'setting dlCalc.timeLimit',
      send: (request) => {
        sent.push(request);
        if (stop) { stop = false; return Promise.reject(new StopSignal('time', at('statement', 1, 0), 'x')); }
        return Promise.resolve({ uri: doc.uri } as NoteResult);
      },
    });
  };
  await run(1000, true);
  assert.deepEqual(sent.at(-1)?.stopped.map(([k]) => k), ['1:0'], 'stopped at 1 s');
  await run(1000, false);
  assert.deepEqual(sent.at(-1)?.stopped.map(([k]) => k), ['1:0'], 'the same limit: still left out');
  await run(0, false);
  assert.deepEqual(sent.at(-1)?.stopped, [], 'no limit: run again');
});

const at = (phase: Progress['phase'], line = 0, character = 0): Progress => ({ phase, index: 0, line, character, step: 1 });

test('evaluate loop: each stop is sent back as what the next try leaves out, and a crash is named', async () => {
  const tries: EvaluateRequest[] = [];
  const stops = [new StopSignal('time', at('statement', 4, 2), 'x'), new StopSignal('memory', at('latex'), 'x'), new StopSignal('crash', at('derivations'), 'exit 134')];
  const doc = { uri: 'n.md', version: 1, text: 'a\nb\nc\nd\n  slow()\n' };
  const result = await evaluateWithStops({
    doc,
    settings: {},
    derivations: true,
    book: new StoppedBook(),
    timeLimitMs: 3000,
    limitName: 'option --time-limit',
    send: (request) => {
      tries.push(request);
      const stop = stops.shift();
      return stop ? Promise.reject(stop) : Promise.resolve({ uri: doc.uri } as NoteResult);
    },
  });
  assert.equal(result.uri, 'n.md');
  const last = tries[tries.length - 1];
  assert.equal(tries.length, 4);
  assert.deepEqual(last.stopped, [['4:2', 'Stopped: this statement ran past the time limit of 3 s (option --time-limit)']]);
  assert.equal(last.latexStopped, 'LaTeX checks stopped: they ran out of memory; the dl-calc blocks were still evaluated');
  assert.equal(last.derivationsStopped, 'Derivations stopped: they ended the evaluation (exit 134)');
  assert.equal(last.skipAfter, undefined);
});

test('evaluate loop: superseded stays an error; any other failure becomes the note\'s own message', async () => {
  const base = { doc: { uri: 'n.md', version: 1, text: '' }, settings: {}, derivations: false, book: new StoppedBook(), timeLimitMs: 1000, limitName: 'l' };
  await assert.rejects(evaluateWithStops({ ...base, send: () => Promise.reject(new SupersededError()) }), SupersededError);
  const failed = await evaluateWithStops<NoteResult>({ ...base, send: () => Promise.reject(new Error('boom')) });
  assert.deepEqual(failed.diagnostics.map((d) => d.message), ['dl-calc could not evaluate this note: boom']);
  // The CLI's check answers what the note prints: a note stopped as a whole is made by its own `stopped`.
  const printed = await evaluateWithStops<string>({ ...base, send: () => Promise.reject(new Error('boom')), stopped: (doc, message) => `${doc.uri}: ${message}` });
  assert.equal(printed, 'n.md: dl-calc could not evaluate this note: boom');
});
