// A pool of child processes, each working on one job at a time. A process, not a thread:
// a V8 fatal error (a heap exhausted past every pre-allocation check, an "invalid size")
// ends only the process it happens in, so the job it was on is reported as failed and a
// new process takes the next job. A process that stops answering (no heartbeat) past its
// limit is killed the same way. The host side is `ProcessPool`; the child side `serveJobs`.
// A small job may wait in a busy process behind another small one, so the process goes
// from one to the next without waiting for the host's round trip; when a process with two
// jobs ends, neither is blamed: both run again, each alone in its process.
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** A job's result, or why its process ended before answering. */
export type Outcome<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly kind: 'crash' | 'memory' | 'time'; readonly detail: string };

export interface ProcessPoolOptions<I> {
  /** The child's script; it calls `serveJobs`. */
  readonly script: string;
  /** Most processes at once. */
  readonly size: number;
  /** Handed to each process when it starts (settings, language, ...). */
  readonly init: I;
  /** Node options of each process (--max-old-space-size=...). */
  readonly execArgv?: readonly string[];
  /** A working process silent for this long (no heartbeat, no answer) is killed; 0 never. */
  readonly silenceLimitMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

type ToChild<I, J> = { readonly type: 'init'; readonly init: I; readonly beatMs: number } | { readonly type: 'job'; readonly id: number; readonly job: J };
type FromChild<R> =
  | { readonly type: 'ready' }
  | { readonly type: 'beat' }
  | { readonly type: 'done'; readonly id: number; readonly value: R }
  | { readonly type: 'failed'; readonly id: number; readonly error: string };

/** How often a child says it is alive. */
const BEAT_MS = 200;
/** The end of a dying process's stderr, kept to tell an exhausted heap from another crash. */
const STDERR_TAIL = 4096;

interface Job<J, R> {
  readonly id: number;
  readonly job: J;
  readonly resolve: (outcome: Outcome<R>) => void;
  /** May wait in a busy process behind another job that may wait; false once it was in a process that ended with two jobs (it runs alone, so an end is its own). */
  mayWait: boolean;
}

interface Member<J, R> {
  readonly child: ChildProcess;
  ready: boolean;
  /** The jobs sent to it, in order: the first is running, a second waits in the process. */
  readonly jobs: Job<J, R>[];
  lastHeard: number;
  killedForSilence: boolean;
  stderrTail: string;
}

export class ProcessPool<I, J, R> {
  private readonly members = new Set<Member<J, R>>();
  private readonly queue: Job<J, R>[] = [];
  private readonly watchdog: NodeJS.Timeout | undefined;
  private nextId = 1;
  private disposed = false;
  /** Processes that ended while working, for tests and the bench. */
  restarts = 0;

  constructor(private readonly options: ProcessPoolOptions<I>) {
    for (let i = 0; i < options.size; i++) this.spawn();
    if (options.silenceLimitMs > 0) {
      this.watchdog = setInterval(() => this.watch(), Math.max(BEAT_MS, Math.min(1000, options.silenceLimitMs / 4)));
      this.watchdog.unref();
    }
  }

  /** Runs `job` in a process; `mayWait`: it may wait in a busy process behind another such job (a small note). */
  run(job: J, mayWait = false): Promise<Outcome<R>> {
    if (this.disposed) return Promise.reject(new Error('the process pool is closed'));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve, mayWait });
      this.pump();
    });
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.watchdog);
    for (const m of this.members) m.child.kill('SIGKILL');
    this.members.clear();
  }

  private pump(): void {
    // Idle processes first; then a job that may wait goes behind one that may too.
    for (const m of this.members) if (m.jobs.length === 0) this.give(m);
    for (const m of this.members) if (m.jobs.length === 1 && m.jobs[0].mayWait && this.queue[0]?.mayWait) this.give(m);
    // A process that died is replaced only when there is work for it.
    if (this.queue.length > 0 && this.members.size < this.options.size && !this.disposed) {
      this.spawn();
      this.pump();
    }
  }

  private give(m: Member<J, R>): void {
    if (this.queue.length === 0 || !m.child.connected) return;
    const job = this.queue.shift()!;
    if (m.jobs.length === 0) m.lastHeard = performance.now();
    m.jobs.push(job);
    m.child.send({ type: 'job', id: job.id, job: job.job } satisfies ToChild<I, J>);
  }

  private spawn(): void {
    const child = fork(this.options.script, [], {
      execArgv: [...(this.options.execArgv ?? [])],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: this.options.env ?? process.env,
    });
    const member: Member<J, R> = { child, ready: false, jobs: [], lastHeard: performance.now(), killedForSilence: false, stderrTail: '' };
    this.members.add(member);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => (member.stderrTail = (member.stderrTail + d).slice(-STDERR_TAIL)));
    child.on('message', (message: FromChild<R>) => {
      member.lastHeard = performance.now();
      if (message.type === 'ready') member.ready = true;
      if (message.type !== 'done' && message.type !== 'failed') return;
      const at = member.jobs.findIndex((j) => j.id === message.id);
      if (at < 0) return;
      const [job] = member.jobs.splice(at, 1);
      job.resolve(message.type === 'done' ? { ok: true, value: message.value } : { ok: false, kind: 'crash', detail: message.error });
      this.pump();
    });
    let ended = false;
    const end = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (ended) return;
      ended = true;
      this.members.delete(member);
      const jobs = member.jobs.splice(0);
      if (jobs.length) this.restarts++;
      if (jobs.length === 1) jobs[0].resolve(this.why(member, code, signal, error));
      else if (jobs.length > 1) {
        // Either job may have ended it: both run again, each alone, first in line.
        for (const j of jobs) j.mayWait = false;
        this.queue.unshift(...jobs);
      }
      if (!this.disposed) this.pump();
    };
    // 'close' comes after stderr is read to its end, so the reason of a crash is complete.
    child.on('close', (code, signal) => end(code, signal));
    child.on('error', (error) => {
      end(null, null, error);
      child.kill('SIGKILL');
    });
    child.send({ type: 'init', init: this.options.init, beatMs: BEAT_MS } satisfies ToChild<I, J>);
  }

  private why(member: Member<J, R>, code: number | null, signal: NodeJS.Signals | null, error?: Error): Outcome<R> {
    if (member.killedForSilence) return { ok: false, kind: 'time', detail: `no answer for ${this.options.silenceLimitMs} ms` };
    if (/heap out of memory|Reached heap limit|allocation failed/i.test(member.stderrTail)) return { ok: false, kind: 'memory', detail: 'out of memory' };
    const fatal = /^(?:#\s*)?(?:FATAL ERROR|Fatal error|Fatal JavaScript[^\n]*):?\s*([^\n]*)/m.exec(member.stderrTail);
    const how = error ? error.message : signal ? `signal ${signal}` : `exit code ${code}`;
    return { ok: false, kind: 'crash', detail: fatal?.[1]?.trim() ? `${fatal[1].trim()}, ${how}` : how };
  }

  private watch(): void {
    const now = performance.now();
    for (const m of this.members) {
      // Loading counts for nothing: only a process that has started and then falls silent is stopped.
      if (m.jobs.length && m.ready && !m.killedForSilence && now - m.lastHeard > this.options.silenceLimitMs) {
        m.killedForSilence = true;
        m.child.kill('SIGKILL');
      }
    }
  }
}

/**
 * The child's side: `start(init)` once, then each job is answered with `work(job)`. A
 * heartbeat goes to the host while the process's thread is free; a job that throws is
 * answered as failed, with its message.
 */
export function serveJobs<I, J, R>(start: (init: I) => (job: J) => Promise<R> | R): void {
  let work: ((job: J) => Promise<R> | R) | undefined;
  const send = (message: FromChild<R>) => process.send?.(message);
  process.on('message', (message: ToChild<I, J>) => {
    if (message.type === 'init') {
      work = start(message.init);
      setInterval(() => send({ type: 'beat' }), message.beatMs).unref();
      send({ type: 'ready' });
      return;
    }
    const id = message.id;
    Promise.resolve()
      .then(() => work!(message.job))
      .then(
        (value) => send({ type: 'done', id, value }),
        (e) => send({ type: 'failed', id, error: e instanceof Error ? e.message : String(e) }),
      );
  });
  // The host is gone (ended, killed): nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
}
