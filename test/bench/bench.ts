// `npm run bench`: figures as ratios against a baseline run in the same process, never
// asserted. Medians of several runs; absolute times are printed for context only.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import markdownItKatex from '@vscode/markdown-it-katex';
import { all, create } from 'mathjs';
import * as esbuild from 'esbuild';
import { createEngine } from '../../src/engine';
import { libraryFunctions } from '../../src/engine/library';
import { dlCalcPlugin } from '../../src/engine/render';
import { parseNote } from '../../src/engine/blocks';
import { splitStatements } from '../../src/engine/parse/statements';
import { checkLatexChains, defaultEvaluate, defaultEvaluateAny, findMathSpans } from '../../src/engine/latex';
import { lex } from '../../src/engine/latex/lexer';
import { cache as benchCliCache, scale as benchCliScale, startUp as benchCliStart } from './cli';
import { TODAY, buildOfCommit } from './commits';
import { benchDerivations } from './derivations';
import { median, ms, ratio, time, timeMedian } from './measure';
import { EvaluationClient } from '../../src/node/evaluationClient';
import { firstScreenEnd } from '../../src/features/schedule';
import { renderNoteToHtml } from '../../src/engine/render/export';
import { evaluationWait } from '../../src/features/schedule';
import { noteMarkdown } from '../../src/engine/parse/markdown';

const root = path.join(__dirname, '..', '..', '..');


/** A note of `blocks` blocks × 15 statements, as course notes write them. */
export function syntheticNote(blocks: number): string {
  const parts: string[] = ['# Synthetic note\n'];
  for (let b = 0; b < blocks; b++) {
    parts.push(`## Step ${b}\n\nSome prose about step ${b}, with $w_${b} = 0.5$ in it.\n`);
    parts.push(
      [
        '```dl-calc',
        `x${b} = ${(b % 7) / 10 + 0.1}; w${b} = -0.4; lr${b} = 0.1`,
        `z${b} = w${b} * x${b} + 0.1`,
        `a${b} = sigmoid(z${b})`,
        `g${b} = (a${b} - 0.5) * dsigmoid(z${b}) * x${b}`,
        `w${b}_new = (1 - 0.01 * lr${b}) * w${b} - lr${b} * g${b}`,
        `w${b}_new ≈ w${b} - lr${b} * g${b} ± 0.01`,
        `n${b} = conv_out(32 + ${b % 5}, 3, 1, 1)`,
        `p${b} = conv_params(3, 16, 3) + ${b}`,
        `v${b} = [x${b}, z${b}, a${b}]`,
        `s${b} = softmax(v${b})`,
        `sum(s${b}) ≈ 1`,
        `m${b} = max(v${b}) #= ${'' /* filled below */}`,
        '```\n',
      ].join('\n'),
    );
  }
  // Record results so the #= checks pass: compute them with the engine once.
  let text = parts.join('\n');
  const engine = createEngine();
  const r = engine.evaluate({ uri: 'seed', version: 1, text: text.replace(/ #= \n/g, '\n') });
  let i = 0;
  const maxes = r.statements.filter((s) => /^m\d+ = max/.test(s.source)).map((s) => s.value!.full);
  text = text.replace(/ #= \n/g, () => ` #= ${maxes[i++]}\n`);
  return text;
}

function countStatements(text: string): { sources: string[] } {
  const note = parseNote(text);
  return { sources: note.blocks.flatMap((b) => splitStatements(b.lines).map((s) => s.text)) };
}

/** The floor: markdown-it's parse plus compiled mathjs evaluation of the same statements. */
function floorRunner(text: string) {
  const math = create(all);
  const lib: Record<string, unknown> = {};
  for (const f of libraryFunctions) lib[f.name] = f.create(math);
  math.import(lib, { override: true });
  const md = new MarkdownIt();
  const { sources } = countStatements(text);
  // ≈ and #= are dl-calc syntax; the floor evaluates both sides as plain expressions.
  const exprs = sources.flatMap((s) => s.replace(/#=.*$/, '').split(/≈|±/).map((x) => x.trim()).filter(Boolean));
  const compiled = exprs.map((e) => math.compile(e));
  return () => {
    md.parse(text, {});
    const scope = new Map<string, unknown>();
    for (const c of compiled) c.evaluate(scope);
  };
}

function benchEngine(): void {
  console.log('\n== Engine: a note of 200 blocks × 15 statements');
  const text = syntheticNote(200);
  const { sources } = countStatements(text);
  console.log(`   ${sources.length} statements, ${(text.length / 1024).toFixed(0)} KB`);

  const engine = createEngine();
  let version = 1;
  const cold = time(() => engine.evaluate({ uri: 'bench', version: version++, text }));
  const check = engine.evaluate({ uri: 'bench', version: version++, text: text + ' ' });
  if (check.summary.errors || check.summary.failed) throw new Error(`synthetic note has ${check.summary.errors} errors, ${check.summary.failed} failures`);

  // A one-line edit in the middle: the changed statement compiles, the rest is cached.
  const lines = text.split('\n');
  const middle = lines.findIndex((l) => l.startsWith('x100 = '));
  const edits = [0.3, 0.5, 0.7, 0.2, 0.4, 0.6, 0.8, 0.1, 0.9];
  const warm = median(
    edits.map((x) => {
      lines[middle] = `x100 = ${x}; w100 = -0.4; lr100 = 0.1`;
      const edited = lines.join('\n');
      return time(() => engine.evaluate({ uri: 'bench', version: version++, text: edited }));
    }),
  );
  const floor = floorRunner(text);
  floor();
  const floorTime = timeMedian(9, floor);
  const mdOnly = new MarkdownIt();
  const parseTime = timeMedian(9, () => mdOnly.parse(text, {}));

  console.log(`   floor (markdown-it parse + compiled mathjs):   ${ms(floorTime)}   (parse alone ${ms(parseTime)})`);
  console.log(`   cold, first evaluation (parse+compile all):     ${ms(cold)}   ${ratio(cold, floorTime)} floor`);
  console.log(`   warm, after a one-line edit:                    ${ms(warm)}   ${ratio(warm, floorTime)} floor   (aim ≤ 2×)`);

  const latexOff = createEngine({ latexChecks: false });
  latexOff.evaluate({ uri: 'b', version: 0, text });
  const warmNoLatex = median(
    edits.map((x, i) => {
      lines[middle] = `x100 = ${x}; w100 = -0.4; lr100 = 0.1`;
      const edited = lines.join('\n');
      return time(() => latexOff.evaluate({ uri: 'b', version: i + 1, text: edited }));
    }),
  );
  console.log(`   warm, LaTeX checks off:                         ${ms(warmNoLatex)}   ${ratio(warmNoLatex, floorTime)} floor`);
  const derivations = time(() => engine.evaluate({ uri: 'bench', version: version - 1, text: lines.join('\n') }, { derivations: true }));
  console.log(`   all ${sources.length} derivations on top (preview, CLI --derivations): ${ms(derivations)}`);
}

/** A note of `n` hand-calculation chains in the forms notes use: bindings, rows, lists, updates. */
export function latexNote(n: number): string {
  const parts: string[] = ['# Synthetic hand calculations\n'];
  for (let i = 0; i < n; i += 4) {
    const w = ((i % 9) + 1) / 10;
    parts.push(`## Step ${i}\n\nGiven $w_{${i}} = ${w}$, $x = 2$, the product $w_{${i}} x = ${(w * 2).toFixed(1)}$.\n`);
    parts.push(
      ['$$', '\\begin{aligned}', `z_{${i}} &= ${w} \\times 3 + 0.25 \\\\ \\\\`, `&= ${(w * 3 + 0.25).toFixed(2)}`, '\\end{aligned}', '$$\n'].join('\n'),
    );
    parts.push(`Then $[${w}, 1] \\cdot [2, 0.5]^T = ${(w * 2 + 0.5).toFixed(2)}$ and $\\sigma(0) = 0.5$.\n`);
  }
  return parts.join('\n');
}

function benchLatex(): void {
  console.log('\n== LaTeX checks: a note of 2,000 checked chains (and the bindings they read)');
  const text = latexNote(2000);
  const chains = checkLatexChains(text, { lookup: () => undefined, evaluate: defaultEvaluate, evaluateAny: defaultEvaluateAny });
  const failed = chains.filter((c) => c.status === 'failed').length;
  if (failed) throw new Error(`synthetic LaTeX note has ${failed} failed chains`);
  const verified = chains.filter((c) => c.status === 'verified').length;
  console.log(`   ${verified} chains checked and verified, ${chains.length - verified} bindings, ${(text.length / 1024).toFixed(0)} KB`);
  // Floor: what any checker pays after an edit: parse the edited note, find its math, lex it.
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Then $['));
  const editedText = (k: number, mark: string) => {
    const edited = [...lines];
    edited[at] = edited[at].replace('\\sigma(0) = 0.5', `\\sigma(0) = 0.5${mark.repeat(k)}`);
    return edited.join('\n');
  };
  const floor = median(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => {
      const edited = editedText(k, '1');
      return time(() => {
        for (const span of findMathSpans(edited)) lex(span.content);
      });
    }),
  );
  const engine = createEngine();
  let version = 1;
  const cold = time(() => engine.evaluate({ uri: 'latex', version: version++, text }));
  // A warm edit of one formula: only it, and what reads what it changed, is checked again (latex/spanCache.ts).
  const warm = median([1, 2, 3, 4, 5, 6, 7].map((k) => {
    const edited = editedText(k, '0');
    return time(() => engine.evaluate({ uri: 'latex', version: version++, text: edited }));
  }));
  console.log(`   floor (parse the edited note, find the math, lex it): ${ms(floor)}`);
  console.log(`   cold, first check of every chain:               ${ms(cold)}   ${ratio(cold, floor)} floor`);
  console.log(`   warm, after editing one formula:                ${ms(warm)}   ${ratio(warm, floor)} floor (goal ≤ 2×)`);
}

function benchLoad(): void {
  console.log('\n== Loading mathjs: the full bundle against a lean create()');
  const dir = path.join(root, 'out', 'bench-load');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'empty.js'), '');
  const full = path.join(dir, 'full.js');
  const lean = path.join(dir, 'lean.js');
  fs.writeFileSync(path.join(dir, 'full-entry.mjs'), "import { create, all } from 'mathjs'; const m = create(all); m.evaluate('sigmoid = 1');\n");
  // The factories a note needs at the least: the parser, arithmetic, matrices, a few functions.
  fs.writeFileSync(
    path.join(dir, 'lean-entry.mjs'),
    "import { create, evaluateDependencies, addDependencies, subtractDependencies, multiplyDependencies, divideDependencies, powDependencies, expDependencies, logDependencies, sqrtDependencies, sumDependencies, meanDependencies, maxDependencies, minDependencies, absDependencies, tanhDependencies, erfDependencies, zerosDependencies, onesDependencies, identityDependencies, transposeDependencies, dotMultiplyDependencies, unitDependencies } from 'mathjs';\n" +
      "const m = create({ evaluateDependencies, addDependencies, subtractDependencies, multiplyDependencies, divideDependencies, powDependencies, expDependencies, logDependencies, sqrtDependencies, sumDependencies, meanDependencies, maxDependencies, minDependencies, absDependencies, tanhDependencies, erfDependencies, zerosDependencies, onesDependencies, identityDependencies, transposeDependencies, dotMultiplyDependencies, unitDependencies }); m.evaluate('sigmoid = 1');\n",
  );
  for (const [entry, out] of [
    ['full-entry.mjs', full],
    ['lean-entry.mjs', lean],
  ]) {
    esbuild.buildSync({ entryPoints: [path.join(dir, entry)], outfile: out, bundle: true, platform: 'node', format: 'cjs', minify: true, logLevel: 'error' });
  }
  const run = (file: string) =>
    median(
      Array.from({ length: 5 }, () => {
        const t = Date.now();
        spawnSync(process.execPath, [file]);
        return Date.now() - t;
      }),
    );
  const nodeAlone = run(path.join(dir, 'empty.js'));
  const fullTime = run(full);
  const leanTime = run(lean);
  const kb = (f: string) => `${(fs.statSync(f).size / 1024).toFixed(0)} KB`;
  console.log(`   node alone:                  ${ms(nodeAlone)}`);
  console.log(`   full create(all) bundle:     ${ms(fullTime)}  ${kb(full)}   baseline`);
  console.log(`   lean create() bundle:        ${ms(leanTime)}  ${kb(lean)}   ${ratio(leanTime - nodeAlone, fullTime - nodeAlone)} of full (load time above node's own start)`);
  console.log('   (the engine keeps create(all): notes may call any of mathjs\'s numeric functions, and the');
  console.log('    load happens once, in the worker, off the editor\'s thread)');
}

function benchPreview(): void {
  console.log('\n== Preview render of a note, with and without the dl-calc plugin');
  const text = fs.readFileSync(path.join(root, 'examples', 'gcn-and-attention.md'), 'utf8').repeat(4);
  const engine = createEngine();
  const results = engine.evaluate({ uri: 'p', version: 1, text }, { derivations: true });
  const katexOptions = { throwOnError: false, strict: 'ignore', enableFencedBlocks: true, globalGroup: true };
  const bare = () => new MarkdownIt({ html: true }).use(markdownItKatex, katexOptions);
  const withPlugin = () => bare().use(dlCalcPlugin, { results: () => results });
  const mdBare = bare();
  const mdPlugin = withPlugin();
  mdBare.render(text);
  mdPlugin.render(text);
  // Alternate the two so neither pays for the other's warm-up or a GC.
  const cached: [number[], number[]] = [[], []];
  const fresh: [number[], number[]] = [[], []];
  for (let i = 0; i < 9; i++) {
    cached[0].push(time(() => mdBare.render(text)));
    cached[1].push(time(() => mdPlugin.render(text)));
  }
  for (let i = 0; i < 5; i++) {
    fresh[0].push(time(() => bare().render(text)));
    fresh[1].push(time(() => withPlugin().render(text)));
  }
  const [bareCached, pluginCached] = cached.map(median);
  const [bareFresh, pluginFresh] = fresh.map(median);
  console.log(`   bare markdown-it + KaTeX:              ${ms(bareCached)}   baseline`);
  console.log(`   with dl-calc, results cached:          ${ms(pluginCached)}   ${ratio(pluginCached, bareCached)}   (aim ≤ 1.3×)`);
  console.log(`   bare, new renderer each time:          ${ms(bareFresh)}`);
  console.log(`   with dl-calc, uncached (new renderer): ${ms(pluginFresh)}   ${ratio(pluginFresh, bareFresh)}`);
}

/** The commit with only the lazy sandbox (TODAY: the one issue 14 was measured on). */
const LAZY_ONLY = 'fcbec38';

/** The worker bundle of an earlier commit, built as scripts/build.mjs builds it; undefined without git. */
function workerOfCommit(commit: string): string | undefined {
  return buildOfCommit(commit, path.join(root, 'out', 'bench-open', commit), [{ entry: 'src/node/evaluationWorker.ts', outfile: 'evaluationWorker.js' }])?.[0];
}

/** The perf suite's 70 KB note: prose, prose math, blocks and inline spans. */
function openNote(bytes: number): string {
  const parts: string[] = ['# A long note\n'];
  for (let i = 0; parts.join('').length < bytes; i++) {
    parts.push(
      `\n## Section ${i}\n\nThe logistic unit maps $z_${i}$ to $\\sigma(z_${i}) = 1/(1+e^{-z_${i}})$; with a learning rate of $\\eta$ the step is small.\n\n` +
        '```dl-calc\n' +
        `z_${i} = 0.${(i % 9) + 1}\na_${i} = sigmoid(z_${i})\nW_${i} = [0.1, 0.2; 0.3, 0.4] * z_${i}\nh_${i} = relu(W_${i} * [1; 2])\nn_${i} = conv_params(3, 64, 3) + ${i}\n` +
        `a_${i} ≈ ${(1 / (1 + Math.exp(-(((i % 9) + 1) / 10)))).toFixed(3)}\n` + '```\n\n' + `So the activation is \`= a_${i}\`.\n`,
    );
  }
  return parts.join('');
}

/** Cold open in plain Node: a new worker until the first evaluation of the note is back. */
async function benchOpen(): Promise<void> {
  console.log('\n== Open (plain Node): a new worker, until the first results of a 70 KB note');
  const text = openNote(70 * 1024);
  const current = path.join(root, 'dist', 'evaluationWorker.js');
  const cacheDir = path.join(root, 'out', 'bench-open', 'v8');
  fs.rmSync(cacheDir, { recursive: true, force: true });
  // The editor shows a long note opened for the first time in three runs: its first
  // screen's values, the whole note's values, then the LaTeX and prose checks
  // (src/extension/noteService.ts). The goal is read on the whole note's values.
  const variants: { label: string; workerPath?: string; cache: string | null; valuesFirst?: boolean; screenFirst?: boolean }[] = [
    { label: `today (${TODAY})`, workerPath: workerOfCommit(TODAY), cache: null },
    { label: 'lazy guarded functions', workerPath: workerOfCommit(LAZY_ONLY), cache: null },
    { label: '+ MathJax in its own bundle', workerPath: current, cache: null },
    { label: '+ V8 code cache', workerPath: current, cache: cacheDir },
    { label: '+ values first, checks after', workerPath: current, cache: cacheDir, valuesFirst: true },
    { label: '+ first screen first (now)', workerPath: current, cache: cacheDir, valuesFirst: true, screenFirst: true },
  ].filter((v) => v.workerPath);
  const checksAfter: number[] = [];
  const wholeAfterScreen: number[] = [];
  const open = async (v: (typeof variants)[number]) => {
    const client = new EvaluationClient({ timeLimitMs: () => 0, workerPath: v.workerPath, codeCacheDir: v.cache });
    const t = process.hrtime.bigint();
    const doc = { uri: 'open.md', version: 1, text };
    // The first screen as the editor asks for it of a note in no visible editor yet.
    const screen = v.screenFirst ? await client.evaluate(doc, { latexChecks: false }, false, firstScreenEnd(text.split('\n').length, [])) : undefined;
    if (screen && !screen.partial) throw new Error('the first screen was the whole note');
    const screenMs = Number(process.hrtime.bigint() - t) / 1e6;
    const result = await client.evaluate(doc, v.valuesFirst ? { latexChecks: false } : {});
    const took = Number(process.hrtime.bigint() - t) / 1e6;
    if (screen) wholeAfterScreen.push(took - screenMs);
    if (v.valuesFirst && !v.screenFirst) {
      const whole = await client.evaluate(doc);
      checksAfter.push(Number(process.hrtime.bigint() - t) / 1e6 - took);
      if (!whole.latex.length) throw new Error('the second run did not check the LaTeX');
    }
    client.dispose();
    if (result.summary.errors) throw new Error(`the open note has ${result.summary.errors} errors`);
    return screen ? screenMs : took;
  };
  await open(variants[variants.length - 1]); // writes the code cache
  const times = variants.map(() => [] as number[]);
  // Round robin, so load on the machine falls on every variant alike.
  for (let round = 0; round < 7; round++) for (const [i, v] of variants.entries()) times[i].push(await open(v));
  const base = median(times[0]);
  variants.forEach((v, i) => {
    const m = median(times[i]);
    const note = v.screenFirst ? "   (the first screen's values: what the editor shows first)" : v.valuesFirst ? '   (goal ≤ 0.5×: the whole note\'s values)' : '';
    console.log(`   ${v.label.padEnd(34)} ${ms(m).padStart(9)}   ${ratio(m, base)} today${note}`);
    if (v.valuesFirst && !v.screenFirst && checksAfter.length) console.log(`   ${'  then the checks (second run)'.padEnd(34)} ${ms(median(checksAfter)).padStart(9)}`);
    if (v.screenFirst && wholeAfterScreen.length) console.log(`   ${"  then the whole note's values".padEnd(34)} ${ms(median(wholeAfterScreen)).padStart(9)}`);
  });
}

/** 3,000 statements in 30 blocks of 100, as the perf suite types into. */
function manyStatementsNote(): string {
  const out: string[] = ['# 3,000 statements\n'];
  for (let b = 0; b < 30; b++) {
    out.push(`\n## Block ${b}\n\n\`\`\`dl-calc`);
    for (let i = 0; i < 100; i++) out.push(b * 100 + i === 0 ? 'x0 = 1' : `x${b * 100 + i} = x${b * 100 + i - 1} * 1.0001 + ${i % 7}`);
    out.push('```');
  }
  return out.join('\n') + '\n';
}

/**
 * Typing, in plain Node: an edit until its results are back in the host (the wait the
 * editor now applies, then the worker round trip), beside the engine's own evaluation.
 * The decorations themselves are measured in a real VS Code by the perf suite (editor).
 */
async function benchTyping(): Promise<void> {
  console.log('\n== Typing (plain Node): edit → results in the host, against the engine\'s own evaluation');
  const delay = 150;
  for (const [label, text] of [
    ['3,000-statement note', manyStatementsNote()],
    ['small note (5 statements)', '# small\n\n```dl-calc\nx = 2\ny = x * 3\nz = sigmoid(y)\nw = [1, 2] * z\nv = relu(w - 1)\n```\n'],
  ] as const) {
    const client = new EvaluationClient({ timeLimitMs: () => 0, codeCacheDir: path.join(root, 'out', 'bench-open', 'v8'), workerPath: path.join(root, 'dist', 'evaluationWorker.js') });
    const engine = createEngine();
    const lines = text.split('\n');
    const at = lines.length - 4;
    let version = 1;
    let last = 0;
    await client.evaluate({ uri: 't.md', version: version++, text });
    engine.evaluate({ uri: 't.md', version: 0, text });
    const host: number[] = [];
    const own: number[] = [];
    for (let i = 0; i < 12; i++) {
      lines[at] = lines[at].replace(/ \+ \d+$|$/, ` + ${i}`);
      const edited = lines.join('\n');
      own.push(time(() => engine.evaluate({ uri: 't.md', version: version, text: edited })));
      const t = process.hrtime.bigint();
      const wait = evaluationWait(delay, last || undefined);
      if (wait) await new Promise((r) => setTimeout(r, wait));
      await client.evaluate({ uri: 't.md', version: version++, text: edited });
      last = Number(process.hrtime.bigint() - t) / 1e6 - wait;
      host.push(last + wait);
    }
    client.dispose();
    const h = median(host.slice(2));
    const o = median(own.slice(2));
    const goal = label.startsWith('3,000') ? 'goal ≤ 1.3×' : 'goal ≤ evaluation + 30 ms';
    console.log(`   ${label.padEnd(28)} edit → results ${ms(h)}, engine's own evaluation ${ms(o)}: ${ratio(h, o)}, +${ms(h - o)}   (${goal}; before: +150 ms debounce)`);
    console.log(`   ${''.padEnd(28)} wait applied: ${evaluationWait(delay, last)} ms (the last run took ${ms(last)}; waits only when that is ≥ ${delay} ms)`);
  }
}

/** Export: `renderNoteToHtml` against a bare markdown-it + KaTeX render of the same notes. */
function benchExport(): void {
  console.log('\n== Export: dl-calc render against bare markdown-it + KaTeX, same notes');
  // ../shared beside the repository (or beside its worktree folder).
  const shared = [path.resolve(root, '..', 'shared'), path.resolve(root, '..', '..', 'shared')].find((d) => fs.existsSync(d)) ?? '';
  const files: string[] = [];
  for (const dir of ['notes', 'corpus']) {
    const d = path.join(shared, dir);
    if (!fs.existsSync(d)) continue;
    const walk = (p: string) => {
      for (const e of fs.readdirSync(p, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(p, e.name));
        else if (e.name.endsWith('.md')) files.push(path.join(p, e.name));
      }
    };
    walk(d);
  }
  const notes = files.slice(0, 60).map((f) => fs.readFileSync(f, 'utf8'));
  if (!notes.length) notes.push(fs.readFileSync(path.join(root, 'examples', 'gcn-and-attention.md'), 'utf8'));
  const engine = createEngine();
  const results = notes.map((text, i) => engine.evaluate({ uri: `n${i}`, version: 1, text }));
  const katexOptions = { throwOnError: false, strict: 'ignore', enableFencedBlocks: true, globalGroup: true };
  const bare = () => notes.forEach((text) => new MarkdownIt({ html: true }).use(markdownItKatex, katexOptions).render(text));
  const ours = () => notes.forEach((text, i) => renderNoteToHtml(text, { results: results[i] }));
  bare();
  ours();
  const b: number[] = [];
  const o: number[] = [];
  for (let i = 0; i < 9; i++) {
    b.push(time(bare));
    o.push(time(ours));
  }
  // The note's Markdown parse, as the engine parses it: the most that taking the engine's
  // parse instead of the export's own could save, where both were on one thread.
  const parse = timeMedian(9, () => notes.forEach((text) => noteMarkdown().parse(text, {})));
  const sizes = notes.map((text, i) => renderNoteToHtml(text, { results: results[i] }).length);
  console.log(`   ${notes.length} notes${files.length ? ' from ../shared' : ' (examples)'}`);
  console.log(`   bare markdown-it + KaTeX:    ${ms(median(b))}   baseline`);
  console.log(`   dl-calc render (export):     ${ms(median(o))}   ${ratio(median(o), median(b))}   (goal ≤ 1.5×; today 3.6×)`);
  console.log(`   of which the note's parse:   ${ms(parse)}   ${ratio(parse, median(o))} of the export (the engine's own parse is on the worker's thread)`);
  console.log(`   page size: median ${(median(sizes) / 1024).toFixed(0)} KB (KaTeX's fonts are ${(katexFontBytes() / 1024).toFixed(0)} KB of it)`);
}

function katexFontBytes(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { katexCss } = require('../../src/engine/render/assets.generated') as { katexCss: string };
  return (katexCss.match(/@font-face\{[^}]*\}/g) ?? []).join('').length;
}

/** Big notes: cost per statement from 1,000 to 50,000, and 2,000 LaTeX chains, in the worker with the default limit. */
async function benchBig(): Promise<void> {
  console.log('\n== Big notes: cost per statement, cold, in the worker (default time limit 5 s a step)');
  const client = new EvaluationClient({ timeLimitMs: () => 5000, workerPath: path.join(root, 'dist', 'evaluationWorker.js'), codeCacheDir: null });
  await client.evaluate({ uri: 'warm.md', version: 1, text: syntheticNote(2) });
  let first = 0;
  for (const blocks of [67, 667, 3334]) {
    const text = syntheticNote(blocks);
    const t = process.hrtime.bigint();
    const r = await client.evaluate({ uri: `big${blocks}.md`, version: 1, text });
    const took = Number(process.hrtime.bigint() - t) / 1e6;
    const per = (took * 1000) / r.summary.statements;
    if (!first) first = per;
    const stopped = r.diagnostics.some((d) => d.code === 'stopped') || r.statements.some((s) => s.error?.message.startsWith('Stopped'));
    console.log(`   ${String(r.summary.statements).padStart(6)} statements: ${ms(took).padStart(10)}   ${per.toFixed(1)} µs each   ${ratio(per, first)} the 1,000-statement cost${stopped ? '   STOPPED by the time limit' : ''}   (goal: flat)`);
    client.forget(`big${blocks}.md`);
  }
  const latex = latexNote(2000);
  const t = process.hrtime.bigint();
  const r = await client.evaluate({ uri: 'chains.md', version: 1, text: latex });
  const stopped = r.diagnostics.some((d) => d.code === 'stopped');
  console.log(`   2,000 LaTeX chains:            ${ms(Number(process.hrtime.bigint() - t) / 1e6)}${stopped ? '   STOPPED by the time limit' : '   within the limit'}`);
  client.dispose();
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  if (want('open')) await benchOpen();
  if (want('typing')) await benchTyping();
  if (want('export')) benchExport();
  if (want('big')) await benchBig();
  if (want('engine')) benchEngine();
  if (want('latex')) benchLatex();
  if (want('derivations')) benchDerivations();
  if (want('preview')) benchPreview();
  if (want('load')) benchLoad();
  if (want('editor')) benchEditor();
  if (want('cli') || want('cli-start')) await benchCliStart();
  if (want('cli') || want('cli-scale')) await benchCliScale();
  if (want('cli') || want('cli-cache')) await benchCliCache();
}

/** Editor figures, measured inside a real VS Code (code-server) by the perf suite. */
function benchEditor(): void {
  console.log('\n== Editor, in a real VS Code (code-server + Chromium)');
  const launcher = path.join(root, 'out', 'test', 'integration', 'launch.js');
  const r = spawnSync(process.execPath, [launcher, '--perf'], { cwd: root, encoding: 'utf8' });
  const file = path.join(root, 'artifacts', 'perf-extension.json');
  if (r.status !== 0 || !fs.existsSync(file) || fs.statSync(file).mtimeMs < Date.now() - 10 * 60_000) {
    console.log(`   skipped: ${(r.stdout + r.stderr).split('\n').find((l) => /skipped|fail|error/i.test(l)) ?? 'the perf suite did not produce figures'}`);
    return;
  }
  const p = JSON.parse(fs.readFileSync(file, 'utf8'));
  console.log(`   activate():                                  ${ms(p.activateMs)}   (aim < 20 ms)`);
  console.log(`   loading dist/extension.js (${p.bundleKB} KB):           ${ms(p.bundleLoadMs)}`);
  console.log(`   plain open, same size, nothing for dl-calc:  ${ms(p.plainOpenMs)}   anchor (the window's first Markdown open: ${ms(p.plainOpenFirstMs)})`);
  if (p.firstScreenWarmMs !== undefined) console.log(`   first values on the screen, ${p.noteKB} KB note, warm: ${ms(p.firstScreenWarmMs)}   ${ratio(p.firstScreenWarmMs, p.plainOpenMs)} the plain open   (goal ≤ 1.1×; the rest of the note follows)`);
  if (p.firstValuesWarmMs !== undefined) console.log(`   first values of the whole note (${p.noteStatements} statements), warm: ${ms(p.firstValuesWarmMs)}   ${ratio(p.firstValuesWarmMs, p.plainOpenMs)} the plain open   (the checks follow)`);
  console.log(`   first results with the checks, same note, warm: ${ms(p.firstResultsWarmMs)}   ${ratio(p.firstResultsWarmMs, p.plainOpenMs)} the plain open`);
  if (p.firstResultsWarmEvaluationMs !== undefined) console.log(`     of which the evaluation, host to host:     ${ms(p.firstResultsWarmEvaluationMs)}`);
  if (p.evaluationsPerOpen) console.log(`     evaluations of each opened note (cold, then the warm ones): ${p.evaluationsPerOpen.join(', ')}`);
  console.log(`   first results, same note, cold:              ${ms(p.firstResultsColdMs)}   ${ratio(p.firstResultsColdMs, p.plainOpenMs)} the plain open   (worker start + mathjs load; first screen ${ms(p.firstScreenColdMs)}, first values ${ms(p.firstValuesColdMs)})`);
  if (p.firstResultsColdEvaluationMs !== undefined) console.log(`     of which the checks' run, host to host:      ${ms(p.firstResultsColdEvaluationMs)}   (worker restarts: ${p.workerRestartsCold})`);
  for (const delay of [150, 0]) {
    const k = p[`keystrokeToDecorationsMs_delay${delay}`];
    const own = p[`engineOwn3000Ms_delay${delay}`];
    console.log(
      `   keystroke → decorations, 3,000 statements, evaluationDelay ${delay}: ${ms(k)}   ${ratio(k, own)} the engine's own evaluation (${ms(own)})${delay === 150 ? '   (goal ≤ 1.3×; 150 is the default)' : ''}` +
        `; host round trip ${ms(p[`evaluation3000Ms_delay${delay}`])}`,
    );
    const arrival = p[`changeToDecorationsMs_delay${delay}`];
    if (arrival !== undefined) console.log(`     from the edit's arrival in the extension host: ${ms(arrival)}   ${ratio(arrival, own)} (editor.edit's trip to the window and back left out)`);
  }
}

void main();
