// `dl-calc check --cache FILE`, as ESLint's --cache: a note whose text, options and dl-calc
// build did not change since the run that wrote FILE is not checked again; what it printed
// then is printed again. Only notes checked completely are kept (a stopped step may not
// stop on the next run). FILE is the only file written, and only if it is empty, missing
// or a dl-calc cache: anything else (a note named by mistake) is left as it is.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { dlCalcVersion as version } from '../engine/version.generated';
import { UsageError } from './errors';
import { writeAtomic } from './files';
import type { NoteOutput } from '../engine/report';

/** The cache's first bytes: what tells a dl-calc cache from any other file. */
const MARK = '{"dlCalcCache":1,';

interface Entry {
  readonly key: string;
  readonly output: NoteOutput;
}

interface CacheFile {
  readonly dlCalcCache: 1;
  /** The dl-calc build that wrote it; another build's results are not replayed. */
  readonly build: string;
  readonly notes: Record<string, Entry>;
}

/**
 * The build: the version and the bundles' sizes and times, so a rebuilt engine (same
 * version, a development build) counts as a new dl-calc.
 */
export function buildIdentity(dir = __dirname): string {
  const parts = [version];
  for (const file of ['evaluationWorker.js', 'checkProcess.js']) {
    try {
      const s = fs.statSync(path.join(dir, file));
      parts.push(`${file}:${s.size}:${Math.round(s.mtimeMs)}`);
    } catch {
      parts.push(`${file}:absent`);
    }
  }
  return parts.join(' ');
}

export class CheckCache {
  private readonly old = new Map<string, Entry>();
  private readonly fresh = new Map<string, Entry>();
  /** False when FILE is something else than a cache: it is never written. */
  private readonly writable: boolean;
  hits = 0;

  constructor(
    private readonly file: string,
    private readonly build: string,
    /** Options that change what a note prints (settings, mode, language). */
    private readonly options: unknown,
    warn: (line: string) => void,
  ) {
    let text: string | undefined;
    try {
      if (fs.statSync(file).isDirectory()) throw new UsageError(l10n.t('--cache {file}: it is a directory; name a file', { file }));
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if (e instanceof UsageError) throw e;
      // Missing: the first run writes it.
    }
    this.writable = text === undefined || text.trim() === '' || text.startsWith(MARK);
    if (!this.writable) {
      warn(l10n.t('dl-calc: --cache {file} is not a dl-calc cache file; it is left as it is and nothing is cached', { file }));
      return;
    }
    if (!text?.trim()) return;
    try {
      const data = JSON.parse(text) as CacheFile;
      if (typeof data.notes !== 'object' || data.notes === null) throw new Error('no notes');
      if (data.build !== build) return;
      for (const [note, entry] of Object.entries(data.notes)) {
        if (typeof entry?.key === 'string' && Array.isArray(entry.output?.lines) && typeof entry.output.totals === 'object') this.old.set(note, entry);
      }
    } catch {
      warn(l10n.t('dl-calc: the cache {file} could not be read (damaged); every note is checked again and the cache rewritten', { file }));
    }
  }

  /** The key of a note: its text, its path as printed, the options and the build. */
  key(note: string, text: string): string {
    return createHash('sha256').update(JSON.stringify([this.build, this.options, note])).update('\0').update(text).digest('base64url');
  }

  /** What the note printed last time, when nothing it depends on changed. */
  get(note: string, key: string): NoteOutput | undefined {
    const entry = this.old.get(path.resolve(note));
    if (entry?.key !== key) return undefined;
    this.fresh.set(path.resolve(note), entry);
    this.hits++;
    return entry.output;
  }

  set(note: string, key: string, output: NoteOutput): void {
    if (output.complete) this.fresh.set(path.resolve(note), { key, output });
  }

  /**
   * Writes FILE whole (a temporary file beside it, renamed): the notes of this run, and
   * those of earlier runs that still exist and were not checked now.
   */
  save(): void {
    if (!this.writable) return;
    const notes: Record<string, Entry> = {};
    for (const [note, entry] of this.old) if (!this.fresh.has(note) && fs.existsSync(note)) notes[note] = entry;
    for (const [note, entry] of this.fresh) notes[note] = entry;
    const body = JSON.stringify({ build: this.build, notes });
    writeAtomic(this.file, MARK + body.slice(1));
  }
}
