// `npm run bench cli` (or one of cli-start, cli-scale, cli-cache): the CLI's figures (issue 14, goals 4 and 6), each a ratio
// against an anchor run side by side in this process; absolute times are for context only.
// - start-up: `dl-calc check examples` against `node -e 0` (goal ≤ 3×), with where it goes;
// - CI scale: notes/s with every core against today's CLI, commit fa3af74 (goal ≥ 1.8× on
//   2 cores), and against one process (how far it scales), cost
//   per note at 200, 1,000 and 3,000 notes (goal: flat), peak memory (goal: flat);
// - --cache: a first run (writing it) and a run with nothing changed, against no cache.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');
const bin = path.join(root, 'dist', 'cli.js');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
import { ratio } from './measure';
import { TODAY, buildOfCommit } from './commits';
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** A command line, with environment variables to add. */
type Command = string[] | { args: string[]; env: Record<string, string> };

function wall(command: Command, cwd = root): number {
  const { args, env } = Array.isArray(command) ? { args: command, env: {} } : command;
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Runs each command `runs` times, interleaved, so load changes hit all alike; medians. */
function sideBySide(runs: number, commands: Command[], cwd = root): number[] {
  const times: number[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((c, k) => times[k].push(wall(c, cwd)));
  return times.map(median);
}

/** Wall time and peak resident memory of the CLI and its child processes (Linux: /proc). */
function measured(args: string[]): Promise<{ ms: number; peakMb?: number }> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    const rss = (pid: number): number => {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
        return kb + (kids ? kids.split(/\s+/).map(Number).reduce((n, k) => n + rss(k), 0) : 0);
      } catch {
        return 0;
      }
    };
    const poll = setInterval(() => (peak = Math.max(peak, rss(child.pid!))), 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0 && code !== 1) reject(new Error(`dl-calc ${args.join(' ')} exited with ${code}`));
      resolve({ ms: Number(process.hrtime.bigint() - t) / 1e6, peakMb: process.platform === 'linux' ? peak / 1024 : undefined });
    });
  });
}

/** A course of `n` small notes of our own: a block of a dozen statements and a LaTeX chain each. */
function course(n: number): string {
  const dir = path.join(root, 'out', 'bench-cli', `course-${n}`);
  if (fs.existsSync(path.join(dir, `note-${n - 1}.md`))) return dir;
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const x = ((i % 9) + 1) / 10;
    fs.writeFileSync(
      path.join(dir, `note-${i}.md`),
      [
        `# Week ${i}`,
        '',
        `One step of gradient descent with $x = ${x}$ and $\\eta = 0.1$: $2 \\times ${x} = ${Number((2 * x).toFixed(2))}$.`,
        '',
        '```dl-calc',
        `x = ${x}; w = -0.4; b = 0.1; lr = 0.1`,
        'z = w * x + b',
        'a = sigmoid(z)',
        'g = (a - 0.5) * dsigmoid(z) * x',
        'w_new = w - lr * g',
        'w_new ≈ w - lr * g',
        `n = conv_out(32 + ${i % 5}, 3, 1, 1)`,
        'p = conv_params(3, 16, 3)',
        'v = [x, z, a]',
        's = softmax(v)',
        'sum(s) ≈ 1',
        '```',
        '',
      ].join('\n'),
    );
  }
  return dir;
}

export async function startUp(): Promise<void> {
  console.log('\n== CLI start: `dl-calc check examples` against a bare node start (goal ≤ 3×)');
  const loadWorker = path.join(root, 'out', 'bench-cli', 'worker-ready.js');
  fs.mkdirSync(path.dirname(loadWorker), { recursive: true });
  // The evaluation worker alone: the editor's client starts it (through the loader and a
  // code cache in out/, or without one) and waits for the answer to an empty note.
  const dist = path.join(root, 'dist');
  const benchCache = path.join(root, 'out', 'bench-cli', 'v8');
  fs.writeFileSync(
    loadWorker,
    `const { EvaluationClient } = require(${JSON.stringify(path.join(root, 'out', 'src', 'node', 'evaluationClient.js'))});
const client = new EvaluationClient({ timeLimitMs: () => 0, workerPath: ${JSON.stringify(path.join(dist, 'evaluationWorker.js'))}, codeCacheDir: process.argv[2] || null });
client.evaluate({ uri: 'ready.md', version: 1, text: '# ready\\n' }).then(() => client.dispose());\n`,
  );
  wall([loadWorker, benchCache]); // writes its code cache
  // A file as the cache folder turns the cache off (nothing can be read or written there).
  const noCache = { XDG_CACHE_HOME: path.join(dist, 'cli.js') };
  wall([bin, 'check', 'examples']); // writes the cache if there is none for this build
  const [node, help, checkProcess, worker, workerNoCache, one, all, allNoCache] = sideBySide(7, [
    ['-e', '0'],
    [bin, 'help'],
    // The checking process's own code, without its worker.
    ['-e', `require(${JSON.stringify(path.join(dist, 'checkProcess.js'))})`],
    [loadWorker, benchCache],
    [loadWorker],
    [bin, 'check', '--jobs', '1', 'examples'],
    [bin, 'check', 'examples'],
    { args: [bin, 'check', 'examples'], env: noCache },
  ]);
  console.log(`   node -e 0 (anchor):                     ${ms(node)}`);
  console.log(`   dl-calc help (the CLI's own code):      ${ms(help)}   ${ratio(help, node)}`);
  console.log(`   a checking process's code, no worker:   ${ms(checkProcess)}   ${ratio(checkProcess, node)}`);
  console.log(`   the evaluation worker ready, code cache: ${ms(worker)}   ${ratio(worker, node)}   (no cache: ${ms(workerNoCache)}, ${ratio(workerNoCache, node)})`);
  console.log(`   dl-calc check --jobs 1 examples:        ${ms(one)}   ${ratio(one, node)}`);
  console.log(`   dl-calc check examples:                 ${ms(all)}   ${ratio(all, node)}   (goal ≤ 3×; without the code cache ${ratio(allNoCache, node)})`);
}

/** The CLI of an earlier commit, with the worker it starts from its own folder; undefined without git. */
function cliOfCommit(commit: string): string | undefined {
  const entries = [
    { entry: 'src/cli/main.ts', outfile: 'cli.js', banner: '#!/usr/bin/env node' },
    { entry: 'src/node/evaluationWorker.ts', outfile: 'evaluationWorker.js' },
  ];
  return buildOfCommit(commit, path.join(root, 'out', 'bench-cli', commit), entries, ['src', 'l10n'])?.[0];
}

/** What `cli check --json dir` found, or why it is not a check of the `n` notes. */
function checkedCourse(cli: string, dir: string, n: number): { totals: Record<string, number> } | { wrong: string } {
  const r = spawnSync(process.execPath, [cli, 'check', '--json', dir], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) return { wrong: `exit code ${r.status}: ${r.stderr.trim().split('\n')[0]}` };
  try {
    const report = JSON.parse(r.stdout) as { files: unknown[]; totals: Record<string, number> };
    if (report.files.length !== n || !report.totals.statements) return { wrong: `it checked ${report.files.length} notes, ${report.totals.statements} statements` };
    return report;
  } catch {
    return { wrong: 'no report' };
  }
}

export async function scale(): Promise<void> {
  const cores = os.availableParallelism();
  console.log(`\n== CI scale: \`dl-calc check DIR\` with every core (${cores}) against today's CLI (${TODAY}), and against one process`);
  // 1,000 notes, as the issue measured: each process loads mathjs once, which 200 notes barely repay.
  const n = 1000;
  const big = course(n);
  const totals = (t: Record<string, number>) => `${t.statements} statements, ${t.passed} checks passed, ${t.failed} failed, ${t.errors} errors`;
  const now = checkedCourse(bin, big, n);
  if ('wrong' in now) throw new Error(`dl-calc check ${big}: ${now.wrong}`);
  let old = cliOfCommit(TODAY);
  if (!old) console.log(`   today's CLI: skipped, no git or no commit ${TODAY} here to build it from`);
  else {
    const then = checkedCourse(old, big, n);
    if ('wrong' in then) {
      console.log(`   today's CLI: skipped, ${TODAY}'s CLI does not check the course (${then.wrong})`);
      old = undefined;
    } else console.log(`   the course: ${n} notes; ${TODAY} finds ${totals(then.totals)} (now ${totals(now.totals)})`);
  }
  // Round robin, so a change of load falls on all alike; medians of three.
  const commands: Command[] = [[bin, 'check', '--jobs', '1', big], [bin, 'check', big], ...(old ? [[old, 'check', big]] : [])];
  const [one, every, today] = sideBySide(3, commands);
  const rate = (t: number) => `${((n / t) * 1000).toFixed(0)} notes/s`;
  if (today !== undefined) {
    console.log(`   ${n} notes, today's CLI (${TODAY}, anchor):   ${ms(today)}   ${rate(today)}`);
    console.log(`   ${n} notes, every core:                  ${ms(every)}   ${rate(every)}   ${ratio(today, every)} today's notes/s (goal ≥ 1.8× today's notes/s on 2 cores)`);
  } else console.log(`   ${n} notes, every core:                  ${ms(every)}   ${rate(every)}`);
  console.log(`   ${n} notes, one process (--jobs 1):      ${ms(one)}   ${rate(one)}`);
  console.log(`   scaling, every core against --jobs 1:     ${ratio(one, every)} the notes/s`);
  console.log(`   (machine load average now ${os.loadavg()[0].toFixed(1)} on ${cores} cores: with other work running, more processes cannot go faster)`);
  const sizes = (process.env.DL_CALC_BENCH_COURSE ?? '200,1000,3000').split(',').map(Number);
  const base = sizes[0];
  const runs: { n: number; ms: number; peakMb?: number }[] = [];
  for (const n of sizes) runs.push({ n, ...(await measured(['check', course(n)])) });
  // The cost of each note past the first `base` (start-up and the first notes cancel out).
  const marginal = (r: { n: number; ms: number }) => (r.ms - runs[0].ms) / (r.n - base);
  for (const r of runs) {
    const mem = r.peakMb === undefined ? '' : `   peak ${r.peakMb.toFixed(0)} MB, ${ratio(r.peakMb, runs[0].peakMb!)} of ${base} notes' (goal: flat)`;
    const cost = r === runs[0] ? `${ms(r.ms / r.n)} per note, start-up included` : `${ms(marginal(r))} per note past ${base}${r === runs[1] ? '' : `, ${ratio(marginal(r), marginal(runs[1]))} of ${runs[1].n}'s (goal: flat)`}`;
    console.log(`   ${String(r.n).padStart(5)} notes: ${ms(r.ms)}   ${cost}${mem}`);
  }
}

export async function cache(): Promise<void> {
  console.log('\n== --cache: 200 notes, a first run writes it, a second finds nothing changed');
  const dir = course(200);
  const file = path.join(root, 'out', 'bench-cli', 'bench.cache');
  const none: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    none.push(wall([bin, 'check', dir]));
    fs.rmSync(file, { force: true });
    cold.push(wall([bin, 'check', '--cache', file, dir]));
    warm.push(wall([bin, 'check', '--cache', file, dir]));
  }
  const [n, c, w] = [none, cold, warm].map(median);
  console.log(`   no cache (anchor):                      ${ms(n)}`);
  console.log(`   --cache, first run (writes it):         ${ms(c)}   ${ratio(c, n)}   (the cost of keeping it, ${(fs.statSync(file).size / 1024).toFixed(0)} KB)`);
  console.log(`   --cache, nothing changed:               ${ms(w)}   ${ratio(w, n)}`);
}
