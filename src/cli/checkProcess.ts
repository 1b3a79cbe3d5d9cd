// One of `dl-calc check`'s child processes (src/node/processPool.ts): it evaluates one note
// at a time in its evaluation worker and answers with what the note prints, so a note that
// crashes V8 ends this process, never the CLI. The results are forgotten once answered.
import type { EngineSettings } from '../engine/types';
import { serveJobs } from '../node/processPool';
import { newClient } from './client';
import { useLanguage, type Language } from './lang';
import type { NoteOutput, OutputMode } from '../engine/report';

export interface CheckInit {
  readonly lang: Language;
  readonly timeLimitMs: number;
  readonly settings: Partial<EngineSettings>;
  readonly mode: OutputMode;
}

export interface CheckJob {
  /** The path as the user named it, printed in the report. */
  readonly path: string;
  readonly uri: string;
  readonly text: string;
}

/**
 * For the tests of process isolation only (docs/cli.md): with DL_CALC_TEST_FAULT set to
 * crash, oom or hang, a note containing this marker aborts the process, exhausts its heap
 * for real, or blocks its thread forever.
 */
const FAULT_MARKER = 'dl-calc-test-fault';

function testFault(text: string): void {
  const fault = process.env.DL_CALC_TEST_FAULT;
  if (!fault || !text.includes(FAULT_MARKER)) return;
  if (fault === 'crash') process.abort();
  if (fault === 'hang') for (;;);
  if (fault === 'oom') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(4e6).fill(Math.random()));
  }
}

serveJobs<CheckInit, CheckJob, NoteOutput>((init) => {
  useLanguage(init.lang);
  const client = newClient(init.timeLimitMs);
  client.warmUp();
  return async (job) => {
    testFault(job.text);
    const doc = { uri: job.uri, version: 1, text: job.text };
    const restarts = client.restarts;
    // Memory stays flat in the number of notes: nothing of a reported note is kept (check forgets it).
    const output = await client.check(doc, init.settings, job.path, init.mode);
    // A step stopped by the time limit may finish on the next run: such a result is not complete (not cached).
    // (A stop while this note waited behind another counts too: at worst a note is checked again next time.)
    return client.restarts === restarts ? output : { ...output, complete: false };
  };
});
