// Pathological inputs in the style of markdown-it's suite: each hostile note runs in the
// evaluation worker (as in the editor and the CLI) under a hard bound, and must end with
// the expected message at the right place, with the content after it still evaluated.
// The bound detects a hang; it is not a timing assertion.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { EvaluationClient } from '../../src/node/evaluationClient';
import type { NoteResult } from '../../src/engine/types';
import { bounded as withinBound } from './bounded';

const workerPath = path.join(__dirname, '..', '..', 'src', 'node', 'evaluationWorker.js');
const HARD_BOUND_MS = 180_000;
const client = new EvaluationClient({ timeLimitMs: () => 4000, workerPath });
after(() => client.dispose());

let version = 0;
function bounded<T>(what: string, work: Promise<T>): Promise<T> {
  return withinBound(what, work, HARD_BOUND_MS);
}

function evaluate(text: string, derivations = false): Promise<NoteResult> {
  return bounded(text.slice(0, 60), client.evaluate({ uri: `patho${++version}.md`, version, text }, {}, derivations));
}

/** The note: prose, the hostile statement, then a statement that must still run. */
const note = (hostile: string) => `# p\n\n\`\`\`dl-calc\n${hostile}\nafter = 41 + 1\n\`\`\`\n`;

const statementCases: [string, RegExp][] = [
  ['format(pi, {notation: "fixed", precision: 1e9})', /precision 1000000000 is out of range/],
  ['print("$a", {a: pi}, 1e9)', /precision 1000000000 is out of range/],
  ['"x".repeat(5e8)', /^Methods are not available in a note/],
  ['"x".padEnd(5e8)', /^Methods are not available in a note/],
  ['setPowerset(1:40)', /would hold .* elements, more than the limit/],
  ['pickRandom(1:10, 1e9)', /would hold 1,000,000,000 elements/],
  ['A = [1]; A[1e9] = 1', /This index reaches past/],
  ['identity(1e5)', /^identity\(\.\.\.\) would hold 10,000,000,000 elements/],
  ['ones(4000, 1) * ones(1, 4000)', /^multiply\(\.\.\.\) would hold 16,000,000 elements/],
  ['ones(1, 4000) + ones(4000, 1)', /^add\(\.\.\.\) would hold 16,000,000 elements/],
  ['f(n) = f(n + 1); f(1)', /Too deeply nested or recursive/],
  ['fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2); fib(200)', /^Stopped: this statement ran past the time limit of 4 s \(setting dlCalc\.timeLimit\)$/],
  ['s = "ab"; s = concat(s, s, s, s, s, s, s, s, s, s); s = concat(s, s, s, s, s, s, s, s, s, s); s = concat(s, s, s, s, s, s, s, s, s, s); s = concat(s, s, s, s, s, s, s, s, s, s); s = concat(s, s, s, s, s, s, s, s, s, s); s = concat(s, s, s, s, s, s, s, s, s, s)', /string of [\d,]+ characters, more than the limit/],
  ['(' .repeat(5000) + '1' + ')'.repeat(5000), /Brackets nested 5000 deep/],
  // A string past V8's own length bound inside one statement (each step is quick): the bound's RangeError, in words.
  ['f(x) = concat(x, x, x, x, x, x, x, x, x, x); s = f(f(f(f(f(f(f(f(f("abcdefgh")))))))))', /^The result is too large to build/],
];

for (const [hostile, expected] of statementCases) {
  test(`statement: ${hostile.slice(0, 70)}`, async () => {
    const r = await evaluate(note(hostile));
    const errors = r.statements.filter((s) => s.kind === 'error');
    assert.ok(errors.length > 0, `no error for ${hostile}`);
    assert.match(errors[errors.length - 1].error!.message, expected);
    assert.equal(errors[errors.length - 1].range.start.line, 3);
    assert.equal(r.statements[r.statements.length - 1].value?.short, '42');
  });
}

test('first screen: a hostile statement on it is stopped or refused there, as in the whole run, and nothing below runs', async () => {
  const cases = statementCases.filter(([h]) => /^(fib|f\(n\)|ones\(4000, 1\)|\(\(\()/.test(h));
  assert.equal(cases.length, 4);
  for (const [hostile, expected] of cases) {
    const text = note(hostile);
    const r = await bounded(hostile.slice(0, 60), client.evaluate({ uri: `screen${++version}.md`, version, text }, {}, false, 3));
    assert.equal(r.partial, true, hostile.slice(0, 40));
    assert.ok(r.statements.every((s) => s.range.start.line === 3), hostile.slice(0, 40));
    assert.match(r.statements[r.statements.length - 1].error!.message, expected);
  }
});

test('formatter: a value that contains itself, in values and derivations', async () => {
  const r = await evaluate(note('a = {x: 1}\na.x = a\nb = a'), true);
  assert.equal(r.statements[1].value?.short, '{x: {…}}');
  assert.equal(r.statements[2].value?.short, '{x: {…}}');
  assert.equal(r.statements[3].value?.short, '42');
});

test('structure: 50 nested list levels are reported, not passed as an empty note', async () => {
  const list = Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}- ${i}`).join('\n');
  const r = await evaluate(`# deep\n\n${list}\n\n${note('x = 1')}`);
  assert.ok(r.diagnostics.some((d) => d.code === 'stopped' && /nested too deeply/.test(d.message)), JSON.stringify(r.diagnostics));
});

// LaTeX inputs: whatever the LaTeX checker does with them, the note's blocks are evaluated
// and nothing is blamed on a statement. A checker that gives up says "LaTeX checks stopped".
const latexCases: [string, string][] = [
  ['a 20,000-term sum on one line', `$${Array.from({ length: 20_000 }, () => '1').join(' + ')} = 20000$`],
  ['\\frac nested 10,000 deep', `$${'\\frac{1}{'.repeat(10_000)}2${'}'.repeat(10_000)} = 1$`],
  ['\\frac{1}{ nested 40 deep, unclosed', `$${'\\frac{1}{'.repeat(40)} = 1$`],
  ['a 1 MB line of math', `$${'x + '.repeat(250_000)}x = 1$`],
];

for (const [name, math] of latexCases) {
  test(`LaTeX: ${name}`, async () => {
    const r = await evaluate(`# m\n\n${math}\n\n${note('x = 1')}`);
    const statements = r.statements.map((s) => s.error?.message ?? s.value?.short);
    const stops = r.diagnostics.filter((d) => d.code === 'stopped');
    // Either the blocks were evaluated (the LaTeX checks may have stopped), or reading so
    // large a note ran past the limit and the note says so; never a statement blamed.
    if (statements.length === 0) assert.match(stops[0]?.message ?? '', /^This note could not be checked: reading it ran past the time limit/);
    else {
      assert.deepEqual(statements, ['1', '42']);
      for (const d of stops) assert.match(d.message, /^LaTeX checks stopped: /);
    }
  });
}

/** Renders in a worker thread of its own, with a heap limit, under the hard bound. */
function renderInWorker(text: string): Promise<string> {
  const renderModule = path.join(__dirname, '..', '..', 'src', 'engine', 'render', 'export.js');
  const engineModule = path.join(__dirname, '..', '..', 'src', 'engine', 'index.js');
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { renderNoteToHtml } = require(${JSON.stringify(renderModule)});
    const { createEngine } = require(${JSON.stringify(engineModule)});
    const results = createEngine().evaluate({ uri: 'r.md', version: 1, text: workerData }, { derivations: true });
    parentPort.postMessage(renderNoteToHtml(workerData, { results }));`;
  const worker = new Worker(code, { eval: true, workerData: text, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  return bounded(
    'render',
    new Promise<string>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    }).finally(() => void worker.terminate()),
  );
}

test('renderer: cyclic values, deep lists, deep quotes and raw HTML render within the bound, without script', async () => {
  const list = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- ${i}`).join('\n');
  const quotes = '>'.repeat(200) + ' deep';
  const text = [`# r`, '', list, '', quotes, '', '<img src=x onerror=alert(1)>', '', note('a = {x: 1}\na.x = a')].join('\n');
  const html = await renderInWorker(text);
  assert.doesNotMatch(html, /<script|onerror=/i);
  assert.match(html, /<\/html>/);
});

// 200,000 trivial formulas on one line, the whole path (parse, LaTeX checks, render): the
// work is bounded by a count of formulas (MAX_FORMULAS_PER_NOTE), not by the machine's
// speed, so the outcome is the same on any machine: the checks stop at the 10,001st
// formula and say so there, the export typesets 10,000 and shows the rest as source.
test('200,000 math spans: checked and typeset up to the limit of formulas, the stop reported at the first one past it', async () => {
  const math = Array.from({ length: 200_000 }, (_, i) => `$${i} + 1 = ${i + 1}$`).join(' ');
  const text = `# m\n\n${math}\n\n${note('x = 1')}`;
  // A limit no step of this bounded work reaches, so the count decides, never the clock.
  const roomy = new EvaluationClient({ timeLimitMs: () => HARD_BOUND_MS, workerPath });
  try {
    const r = await bounded('200,000 spans', roomy.evaluate({ uri: 'spans.md', version: 1, text }));
    assert.deepEqual(
      r.statements.map((s) => s.error?.message ?? s.value?.short),
      ['1', '42'],
    );
    assert.equal(r.summary.chainsVerified, 10_000);
    const stops = r.diagnostics.filter((d) => d.code === 'stopped');
    assert.deepEqual(
      stops.map((d) => [d.range.start.line, d.range.start.character, d.message]),
      [[2, math.indexOf('$10000 + 1 = 10001$') + 1, 'LaTeX checks stopped here: a note is checked up to 10,000 formulas, and the 190,000 from here on were not checked (split the note)']],
    );
  } finally {
    roomy.dispose();
  }
  const html = await renderInWorker(text);
  const notices = html.match(/Formulas from here on are shown as LaTeX source: a note is typeset up to 10,000 formulas/g) ?? [];
  assert.equal(notices.length, 1);
  // The notice stands before the 10,001st formula, which is its source; the last one too.
  assert.match(html, /typeset up to 10,000 formulas<\/span> <code class="dl-calc-tex-fallback">10000 \+ 1 = 10001<\/code>/);
  assert.match(html, /<code class="dl-calc-tex-fallback">199999 \+ 1 = 200000<\/code>/);
  assert.doesNotMatch(html, /<script/i);
  // The dl-calc block after the formulas is still rendered.
  assert.match(html, /dl-calc-table[\s\S]*42[\s\S]*<\/html>/);
});
