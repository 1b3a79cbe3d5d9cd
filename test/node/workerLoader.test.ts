// The engine worker started through its V8 code cache: the cache is written after the
// first answer, a later worker starts from it, and a damaged cache is rejected by V8
// and replaced; the results are the same every way.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { EvaluationClient } from '../../src/node/evaluationClient';

const workerPath = path.join(__dirname, '..', '..', 'src', 'node', 'evaluationWorker.js');
const doc = { uri: 'cache.md', version: 1, text: '# cache\n\n```dl-calc\nz = 0.5\na = sigmoid(z)\nW = [1, 2; 3, 4] * a\n```\n' };

async function evaluateWith(codeCacheDir: string | null, memoryLimitMb?: number): Promise<string[]> {
  const client = new EvaluationClient({ timeLimitMs: () => 30_000, workerPath, codeCacheDir, memoryLimitMb });
  try {
    const result = await client.evaluate(doc);
    return result.statements.map((s) => s.value?.short ?? s.error?.message ?? '');
  } finally {
    client.dispose();
  }
}

async function cacheFiles(dir: string): Promise<string[]> {
  // Written just after the answer: wait for it (bounded by the test runner's timeout).
  for (;;) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : [];
    if (files.length) return files;
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('the code cache is written once, used by the next worker, and a damaged one is replaced', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-v8-'));
  try {
    const plain = await evaluateWith(null);
    assert.deepEqual(plain.slice(0, 2), ['0.5', '0.622459']);
    assert.equal(fs.readdirSync(dir).length, 0);

    assert.deepEqual(await evaluateWith(dir), plain);
    const [file] = await cacheFiles(dir);
    const first = fs.statSync(path.join(dir, file));
    assert.ok(first.size > 0);

    // Started from the cache: same results, and the cache is left as it was.
    assert.deepEqual(await evaluateWith(dir), plain);
    assert.equal(fs.statSync(path.join(dir, file)).mtimeMs, first.mtimeMs);

    // Damaged: V8 rejects it, the worker compiles from source, and a good cache replaces it.
    fs.writeFileSync(path.join(dir, file), Buffer.from('not a code cache'));
    assert.deepEqual(await evaluateWith(dir), plain);
    for (;;) {
      if (fs.statSync(path.join(dir, file)).size > 100) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a new cache removes the oldest of the same bundle beyond eight, and leaves other files alone', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-v8-'));
  try {
    // Ten caches of earlier builds of this bundle, oldest first, and a cache of another bundle.
    const old = Array.from({ length: 10 }, (_, i) => `evaluationWorker-old${i}.v8cache`);
    old.forEach((name, i) => {
      fs.writeFileSync(path.join(dir, name), 'earlier build');
      const at = new Date(Date.now() - (20 - i) * 3600_000);
      fs.utimesSync(path.join(dir, name), at, at);
    });
    fs.writeFileSync(path.join(dir, 'otherWorker-abc.v8cache'), 'another bundle');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    assert.deepEqual(await evaluateWith(dir), ['0.5', '0.622459', '(2×2) [[0.622459, 1.24492], [1.86738, 2.48984]]']);
    // Wait for the new cache (written after the answer), then for the pruning after it.
    const isNew = (f: string) => f.startsWith('evaluationWorker-') && !f.includes('-old');
    for (;;) {
      const files = fs.readdirSync(dir);
      if (files.some(isNew) && files.filter((f) => f.startsWith('evaluationWorker-')).length <= 8) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const left = fs.readdirSync(dir).sort();
    assert.deepEqual(
      left.filter((f) => f.includes('-old')),
      ['evaluationWorker-old3.v8cache', 'evaluationWorker-old4.v8cache', 'evaluationWorker-old5.v8cache', 'evaluationWorker-old6.v8cache', 'evaluationWorker-old7.v8cache', 'evaluationWorker-old8.v8cache', 'evaluationWorker-old9.v8cache'],
    );
    assert.ok(left.includes('otherWorker-abc.v8cache'));
    assert.ok(left.includes('notes.txt'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('workers started with other V8 flags keep their own caches instead of rewriting one another\'s', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-v8-'));
  try {
    // The heap limit is a V8 flag of the worker: V8 rejects a cache made under another one.
    const plain = await evaluateWith(dir);
    const [first] = await cacheFiles(dir);
    const firstTime = fs.statSync(path.join(dir, first)).mtimeMs;
    assert.deepEqual(await evaluateWith(dir, 1024), plain);
    for (;;) {
      if (fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')).length === 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // Each started from its own since: neither is written again.
    assert.deepEqual(await evaluateWith(dir), plain);
    assert.deepEqual(await evaluateWith(dir, 1024), plain);
    assert.equal(fs.statSync(path.join(dir, first)).mtimeMs, firstTime);
    assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')).length, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
