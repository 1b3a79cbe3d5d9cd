// Property-based fuzz: random and mutated notes (from the example notes and, when present,
// ../shared/notes) go through parse, evaluation, LaTeX checks and render, in workers with
// a hard bound. Properties: no throw escapes, every call ends within its bound, no output
// holds script. A fixed seed and a bounded number of runs keep CI repeatable.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { EvaluationClient } from '../../src/node/evaluationClient';
import { bounded as withinBound } from './bounded';
import { sharedNotesDir } from '../shared';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const workerPath = path.join(__dirname, '..', '..', 'src', 'node', 'evaluationWorker.js');
const SEED = Number(process.env.DL_CALC_FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.DL_CALC_FUZZ_RUNS ?? 30);
const HARD_BOUND_MS = 120_000;

function seedNotes(): string[] {
  const dirs = [path.join(repoRoot, 'examples'), sharedNotesDir];
  const notes: string[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.md')) notes.push(fs.readFileSync(path.join(dir, f), 'utf8'));
  }
  return notes;
}

/** Fragments that have broken parsers before: fences, math, spans, brackets, HTML, options. */
const HOSTILE = [
  '```dl-calc\n', '\n```\n', '```dl-calc isolated precision=99\n', '$', '$$', '\\frac{', '}', '\\begin{bmatrix}', '\\\\', '&',
  '`= ', '`', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[', ']', '(', '{x: ', ' #= ', ' ≈ ', ' ± ',
  '"x".repeat(1e9)', 'format(pi, 1e9)', 'ones(1e5, 1e5)', 'a.x = a', '- ', '> ', '\t', '\r\n', '\u0000', '\uFEFF', '１＝（', '=',
  ']('.repeat(3), '![i](../../etc/passwd.png)', '<svg><path fill="url(http://e.example/x)"/></svg>', '<span style="position:absolute">',
];

type Mutation = { at: number; kind: 'insert' | 'delete' | 'duplicate'; text: string; length: number };

const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  kind: fc.constantFrom<'insert' | 'delete' | 'duplicate'>('insert', 'insert', 'delete', 'duplicate'),
  text: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 })),
  length: fc.nat({ max: 400 }),
});

function mutate(note: string, mutations: Mutation[]): string {
  let text = note;
  for (const m of mutations) {
    const at = Math.floor(m.at * text.length);
    if (m.kind === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
    else if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
    else text = text.slice(0, at) + text.slice(at, at + m.length).repeat(2) + text.slice(at + m.length);
  }
  return text;
}

function bounded<T>(what: string, work: Promise<T>): Promise<T> {
  return withinBound(what, work, HARD_BOUND_MS);
}

/** One long-lived render worker: evaluates (with derivations) and renders each text it is sent. */
function renderWorker(): { render(text: string): Promise<string>; close(): void } {
  const renderModule = path.join(__dirname, '..', '..', 'src', 'engine', 'render', 'export.js');
  const engineModule = path.join(__dirname, '..', '..', 'src', 'engine', 'index.js');
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { renderNoteToHtml } = require(${JSON.stringify(renderModule)});
    const { createEngine } = require(${JSON.stringify(engineModule)});
    const engine = createEngine({ latexChecks: false });
    let n = 0;
    parentPort.on('message', (text) => {
      try {
        const results = engine.evaluate({ uri: 'f' + ++n + '.md', version: 1, text }, { derivations: true });
        parentPort.postMessage({ html: renderNoteToHtml(text, { results }) });
      } catch (e) {
        parentPort.postMessage({ error: String(e && e.stack || e) });
      }
    });`;
  let worker = new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  return {
    render(text) {
      return new Promise((resolve, reject) => {
        const onMessage = (m: { html?: string; error?: string }) => {
          worker.off('error', onError);
          if (m.error) reject(new Error(m.error));
          else resolve(m.html!);
        };
        const onError = (e: Error) => {
          worker.off('message', onMessage);
          worker = new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
          reject(e);
        };
        worker.once('message', onMessage);
        worker.once('error', onError);
        worker.postMessage(text);
      });
    },
    close() {
      void worker.terminate();
    },
  };
}

const client = new EvaluationClient({ timeLimitMs: () => 5000, workerPath });
const renderer = renderWorker();
after(() => {
  client.dispose();
  renderer.close();
});

test(`fuzz: mutated and random notes through parse, evaluate, LaTeX checks and render (seed ${SEED}, ${RUNS} runs)`, async () => {
  const seeds = seedNotes();
  assert.ok(seeds.length > 0, 'the example notes are there');
  let cases = 0;
  let version = 0;
  const note = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 12 })).map(([i, ms]) => mutate(seeds[i], ms)) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 20 })), { maxLength: 40 }).map((parts) => parts.join('')) },
  );
  await fc.assert(
    fc.asyncProperty(note, async (text) => {
      cases++;
      const result = await bounded('evaluate', client.evaluate({ uri: `fuzz${++version}.md`, version, text }, {}, true));
      assert.equal(result.version, version);
      for (const s of result.statements) assert.ok(s.kind !== 'error' || typeof s.error?.message === 'string');
      const html = await bounded('render', renderer.render(text));
      // No script element, no event handler and no javascript: URL in any tag (text may say anything).
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i);
      assert.doesNotMatch(html, /<[^>]*=\s*["']?\s*javascript:/i);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  // The count of cases run, for the log (as the issue asks).
  console.log(`fuzz: ${cases} cases run (seed ${SEED})`);
  assert.equal(cases, RUNS);
});
