// `dl-calc check`: every note checked in a pool of child processes (one per core, one note
// at a time each), reported in the order the notes were named as soon as each is ready, and
// forgotten once reported, so memory stays flat however many notes a course has.
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { ProcessPool, type Outcome } from '../node/processPool';
import { stoppedResult } from '../node/stops';
import { CheckCache, buildIdentity } from './cache';
import type { CheckInit, CheckJob } from './checkProcess';
import { UsageError, failureOf } from './errors';
import { MAX_NOTE_BYTES, collectNotes, readNote } from './files';
import type { Language } from './lang';
import { defaultNoteOptions, readArgs } from './args';
import { addTotals, emptyTotals, noteOutput, summaryLine, type NoteOutput, type OutputMode } from '../engine/report';
import { JsonReportWriter, type Io } from './output';

/** Heap of each checking process, in MB: room for a large note's results beside its worker's own limit. */
const PROCESS_HEAP_MB = 1024;
/**
 * V8's tier-up budget in each checking process (default 66 KB of bytecode): a course is
 * thousands of short runs of the same engine code, and optimising it early costs more CPU
 * than it gives back on two cores (docs/performance.md, CI scale: 10–15 % less CPU).
 */
const INTERRUPT_BUDGET = 1024 * 1024;
/**
 * Notes per process before another one is started: each process loads mathjs once (a
 * third of a second of CPU), which a few notes do not repay.
 */
const NOTES_PER_PROCESS = 8;
/** A checking process silent this long past the time limit (its own thread stuck) is killed. */
const SILENCE_GRACE_MS = 2000;
/**
 * A note this small (in characters) may wait in a busy process behind another, so no
 * process idles while the host hands it the next note; a larger one gets a process to itself
 * (two large notes in one heap, or a long wait behind one, cost more than the round trip).
 */
const MAY_WAIT_CHARS = 256 * 1024;

interface CheckArgs {
  readonly paths: string[];
  readonly mode: OutputMode;
  readonly jobs: number;
  readonly cache?: string;
  readonly init: CheckInit;
}

function parseCheckArgs(args: readonly string[], lang: Language): CheckArgs {
  const options = defaultNoteOptions();
  const mode = { json: false, verbose: false, derivations: false };
  let jobs = availableParallelism();
  let cache: string | undefined;
  const paths = readArgs(
    args,
    {
      '--json': () => (mode.json = true),
      '--verbose': () => (mode.verbose = true),
      '-v': () => (mode.verbose = true),
      '--derivations': () => (mode.derivations = mode.verbose = true),
      '--jobs': (v) => {
        jobs = Number(v);
        if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(l10n.t('{flag} takes a whole number from {min} to {max} (got "{text}")', { flag: '--jobs', min: 1, max: 256, text: v }));
      },
      '--cache': (v) => (cache = v),
    },
    ['--jobs', '--cache'],
    options,
  );
  if (paths.length === 0) throw new UsageError(l10n.t('check needs at least one file or directory'));
  return { paths, mode, jobs, cache, init: { lang, timeLimitMs: options.timeLimitMs, settings: options.settings, mode } };
}

/** One note's turn in the report: what it prints, or why it could not be read. */
type Reported = { readonly output: NoteOutput } | { readonly unreadable: string };

export async function check(argv: readonly string[], io: Io, lang: Language): Promise<number> {
  const args = parseCheckArgs(argv, lang);
  const files = collectNotes(args.paths);
  const cache = args.cache ? new CheckCache(args.cache, buildIdentity(), [args.init, process.cwd()], io.err) : undefined;
  let pool: ProcessPool<CheckInit, CheckJob, NoteOutput> | undefined;
  // Started on the first note that is not in the cache: a process per core, or fewer for a few notes.
  const checker = () =>
    (pool ??= new ProcessPool({
      script: path.join(__dirname, 'checkProcess.js'),
      size: Math.min(args.jobs, Math.ceil(files.length / NOTES_PER_PROCESS)),
      init: args.init,
      execArgv: [`--max-old-space-size=${PROCESS_HEAP_MB}`, `--interrupt-budget=${INTERRUPT_BUDGET}`],
      silenceLimitMs: args.init.timeLimitMs > 0 ? args.init.timeLimitMs + SILENCE_GRACE_MS : 0,
    }));

  const checkOne = async (file: string): Promise<Reported> => {
    let note;
    try {
      note = readNote(file);
    } catch (e) {
      // One unreadable file is reported; every other note is still checked.
      if (failureOf(e) !== 'read') throw e;
      return { unreadable: (e as Error).message };
    }
    const doc = { uri: path.resolve(file), version: 1, text: '' };
    if (!('text' in note)) {
      const message = l10n.t('This note is too large to check: {size}, more than the limit of {limit}', { size: mb(note.tooLarge), limit: mb(MAX_NOTE_BYTES) });
      return { output: noteOutput({ path: file, result: stoppedResult(doc, message) }, args.mode) };
    }
    const key = cache?.key(file, note.text);
    const replayed = key === undefined ? undefined : cache?.get(file, key);
    if (replayed) return { output: replayed };
    const outcome = await checker().run({ path: file, uri: doc.uri, text: note.text }, note.text.length <= MAY_WAIT_CHARS);
    const output = outcome.ok ? outcome.value : noteOutput({ path: file, result: stoppedResult(doc, couldNotCheck(outcome, args.init.timeLimitMs)) }, args.mode);
    if (key !== undefined && outcome.ok) cache?.set(file, key, output);
    return { output };
  };

  const totals = emptyTotals();
  const json = args.mode.json ? new JsonReportWriter(io.out) : undefined;
  let reported = 0;
  let unreadable = false;
  const report = (r: Reported) => {
    if ('unreadable' in r) {
      io.err(`dl-calc: ${r.unreadable}`);
      unreadable = true;
      return;
    }
    reported++;
    addTotals(totals, r.output.totals);
    if (json) json.file(r.output.json!);
    else for (const line of r.output.lines) io.out(line);
  };

  // A window of notes in flight: every process has work, a slow note holds back only the
  // report (kept in order), and memory is bounded by the window, not by the course.
  const window = Math.max(8, 4 * args.jobs);
  const inFlight: Promise<Reported>[] = [];
  try {
    for (const file of files) {
      inFlight.push(checkOne(file));
      if (inFlight.length >= window) report(await inFlight.shift()!);
    }
    while (inFlight.length) report(await inFlight.shift()!);
  } finally {
    pool?.dispose();
  }
  cache?.save();
  if (json) json.end(totals);
  else if (reported > 0 || !unreadable) io.out(summaryLine(totals, reported));
  if (unreadable) return 2;
  return totals.failed > 0 || totals.errors > 0 ? 1 : 0;
}

/** "This note could not be checked: its process …", at the note's first line. */
function couldNotCheck(outcome: Exclude<Outcome<unknown>, { ok: true }>, timeLimitMs: number): string {
  if (outcome.kind === 'time') {
    return l10n.t('This note could not be checked: its process stopped answering for longer than the time limit of {limit} (option --time-limit) and was ended', { limit: formatMs(timeLimitMs) });
  }
  if (outcome.kind === 'memory') return l10n.t('This note could not be checked: its process ran out of memory and was ended; the other notes were still checked');
  return l10n.t('This note could not be checked: its process crashed ({detail}); the other notes were still checked', { detail: outcome.detail });
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
