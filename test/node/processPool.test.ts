// The process pool on its own, with a child script of the test's making: a small job waits
// in a busy process behind another, and when a process ends holding two jobs, neither is
// blamed blindly: both run again, each alone, so only the job that ends a process alone is
// reported as its crash, and the other gets its answer.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ProcessPool } from '../../src/node/processPool';
import { bounded } from './bounded';

const BOUND_MS = 120_000;

/** A child answering `{ name, abort }` jobs with "name@pid", aborting its process on `abort`. */
function childScript(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-pool-'));
  const file = path.join(dir, 'child.js');
  const pool = JSON.stringify(path.join(__dirname, '..', '..', 'src', 'node', 'processPool.js'));
  fs.writeFileSync(
    file,
    `require(${pool}).serveJobs(() => (job) => {
  if (job.abort) process.abort();
  // Answer on a later turn, so a second job can arrive while this one is running.
  return new Promise((resolve) => setTimeout(() => resolve(job.name + '@' + process.pid), job.holdMs || 20));
});\n`,
  );
  return file;
}

/** `holdMs`: how long the child keeps the job before answering (long enough for the next job to arrive). */
type Job = { readonly name: string; readonly abort?: boolean; readonly holdMs?: number };

test('small jobs wait in a busy process behind one another: one process answers them all, in order', async () => {
  const pool = new ProcessPool<null, Job, string>({ script: childScript(), size: 1, init: null, silenceLimitMs: 0 });
  try {
    const outcomes = await bounded('pool', Promise.all(['a', 'b', 'c', 'd'].map((name) => pool.run({ name }, true))), BOUND_MS);
    const values = outcomes.map((o) => (o.ok ? o.value : `failed: ${o.detail}`));
    assert.deepEqual(values.map((v) => v.split('@')[0]), ['a', 'b', 'c', 'd']);
    assert.equal(new Set(values.map((v) => v.split('@')[1])).size, 1);
    assert.equal(pool.restarts, 0);
  } finally {
    pool.dispose();
  }
});

test('a process that ends holding two jobs: both run again alone; the crash is the job that ends its own process', async () => {
  const pool = new ProcessPool<null, Job, string>({ script: childScript(), size: 1, init: null, silenceLimitMs: 0 });
  try {
    // `ok` runs first and `bad` waits behind it; `bad` aborts the process while `ok` is still running.
    const [ok, bad, after] = await bounded('pool', Promise.all([pool.run({ name: 'ok', holdMs: 1000 }, true), pool.run({ name: 'bad', abort: true }, true), pool.run({ name: 'after' }, true)]), BOUND_MS);
    assert.ok(ok.ok, 'the job sharing the process with the crash is answered');
    assert.equal(ok.value.split('@')[0], 'ok');
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.kind, 'crash');
    assert.match(!bad.ok ? bad.detail : '', /SIGABRT/);
    assert.ok(after.ok && after.value.startsWith('after@'));
    // The first end held two jobs (both ran again), the second held `bad` alone.
    assert.equal(pool.restarts, 2);
  } finally {
    pool.dispose();
  }
});

test('a job that may not wait gets a process to itself', async () => {
  const pool = new ProcessPool<null, Job, string>({ script: childScript(), size: 1, init: null, silenceLimitMs: 0 });
  try {
    // `big` may not wait, so `bad` cannot join its process: `big` is answered and `bad` alone is the crash.
    const [big, bad] = await bounded('pool', Promise.all([pool.run({ name: 'big', holdMs: 1000 }, false), pool.run({ name: 'bad', abort: true }, true)]), BOUND_MS);
    assert.ok(big.ok && big.value.startsWith('big@'));
    assert.equal(bad.ok, false);
    assert.equal(pool.restarts, 1);
  } finally {
    pool.dispose();
  }
});
