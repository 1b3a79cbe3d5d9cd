// The engine runs in Node, in a worker and in a browser (vscode.dev): bundling it for the
// browser pulls in no Node built-in, and the web worker bundle the extension ships
// (dist/web/evaluationWorker.js) evaluates a note in a context with no require, no process,
// no module: only `self`, as in a Web Worker, with messages structured-cloned both ways.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import type { NoteResult } from '../../src/engine/types';

const root = path.join(__dirname, '..', '..', '..');
const workerBundle = path.join(root, 'dist', 'web', 'evaluationWorker.js');

test('src/engine bundles for the browser without Node built-ins', async () => {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'engine', 'index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile!.inputs);
  assert.ok(inputs.some((i) => i.includes('mathjs')), 'mathjs is bundled');
  const nodeOnly = inputs.filter((i) => /^(node:|fs$|path$|worker_threads$|child_process$)/.test(i));
  assert.deepEqual(nodeOnly, []);
});

/** The web worker bundle loaded as a browser loads it: `self` is all there is. */
function webWorker() {
  assert.ok(fs.existsSync(workerBundle), `${workerBundle} is missing: run npm run build`);
  const posted: unknown[] = [];
  const self: { postMessage(m: unknown): void; onmessage: ((e: { data: unknown }) => void) | null } = {
    postMessage: (m) => posted.push(structuredClone(m)),
    onmessage: null,
  };
  const context = vm.createContext({ self });
  vm.runInContext(fs.readFileSync(workerBundle, 'utf8'), context, { filename: 'evaluationWorker.js' });
  assert.equal(vm.runInContext('typeof require + typeof process + typeof module', context), 'undefinedundefinedundefined');
  const send = (data: unknown) => self.onmessage!({ data: structuredClone(data) });
  const reply = (id: number) => posted.find((m) => (m as { id?: number }).id === id) as { ok?: boolean; result?: unknown; error?: string; ready?: boolean } | undefined;
  return { send, reply, posted };
}

test('the web worker bundle evaluates a note with only `self`: values, a check, an error in place, a derivation', () => {
  const worker = webWorker();
  worker.send({ type: 'init' });
  assert.equal(worker.reply(0)?.ready, true);
  const text = '# Note\n\n```dl-calc\nn_in = 784\nn_out = 10\nparams = n_in * n_out + n_out\nparams ≈ 7850\nsigmoid(0) ≈ 0.5\nq = missing + 1\n```\n\nInline: `= params / 2`\n';
  worker.send({ id: 1, type: 'evaluate', settings: {}, derivations: true, stopped: [], doc: { uri: 'file:///note.md', version: 1, text } });
  const answer = worker.reply(1);
  assert.equal(answer?.ok, true, answer?.error);
  const result = answer!.result as NoteResult;
  const shown = result.statements.map((s) => (s.kind === 'error' ? `error: ${s.error?.message}` : s.check ? (s.check.ok ? '✓' : '✗') : s.value?.short));
  assert.deepEqual(shown, ['784', '10', '7,850', '✓', '✓', 'error: Unknown name "missing"', '3,925']);
  assert.deepEqual(result.summary, { statements: 7, passed: 2, failed: 0, errors: 1, chainsVerified: 0, chainsFailed: 0 });
  assert.equal(result.statements[2].derivation?.substitutedText, '784 * 10 + 10');
  // Progress is posted per step, as the Node worker writes its shared slot: the host uses it
  // to say where a stop happened (the statement on line 5, 0-based 4; the LaTeX checks; ...).
  const steps = worker.posted.flatMap((m) => ((m as { progress?: { phase: string; line: number; character: number; step: number } }).progress ?? []));
  assert.ok(steps.some((p) => p.phase === 'statement' && p.line === 4 && p.character === 0), JSON.stringify(steps));
  assert.deepEqual([...new Set(steps.map((p) => p.phase))], ['request', 'parse', 'statement', 'latex', 'derivations', 'transfer', 'idle']);
  assert.deepEqual(
    steps.map((p) => p.step),
    steps.map((_, i) => i + 1),
    'each step counts',
  );
});

test('the web worker bundle leaves out the steps stopped before, and says so on the first line', () => {
  const worker = webWorker();
  worker.send({ type: 'init' });
  const text = '# Note\n\n$2 + 2 = 5$\n\n```dl-calc\nfib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(200)\nafter = 1\nlast = after + 1\n```\n';
  worker.send({
    id: 1,
    type: 'evaluate',
    settings: {},
    derivations: true,
    stopped: [['6:0', 'Stopped: this statement ran past the time limit']],
    skipAfter: { line: 7, character: 0, message: 'Not evaluated: too many stops' },
    latexStopped: 'LaTeX checks stopped: they ran past the time limit',
    derivationsStopped: 'Derivations stopped: they ran past the time limit',
    doc: { uri: 'file:///stops.md', version: 1, text },
  });
  const answer = worker.reply(1);
  assert.equal(answer?.ok, true, answer?.error);
  const result = answer!.result as NoteResult;
  assert.deepEqual(
    result.statements.map((s) => s.error?.message ?? s.value?.short),
    ['fib(n)', 'Stopped: this statement ran past the time limit', '1', 'Not evaluated: too many stops'],
  );
  // The LaTeX checks did not run (the wrong `2 + 2 = 5` is not flagged), nor did the derivations.
  assert.deepEqual(result.latex, []);
  assert.equal(result.statements[2].derivation, undefined);
  assert.deepEqual(
    result.diagnostics.filter((d) => d.code === 'stopped').map((d) => [d.range.start.line, d.message]),
    [
      [0, 'LaTeX checks stopped: they ran past the time limit'],
      [0, 'Derivations stopped: they ran past the time limit'],
    ],
  );
  const phases = new Set(worker.posted.flatMap((m) => (m as { progress?: { phase: string } }).progress?.phase ?? []));
  assert.ok(!phases.has('latex') && !phases.has('derivations'), [...phases].join());
});
