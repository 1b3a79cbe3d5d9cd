// Reading notes and writing exports for the CLI: only regular files, text decoded by its
// byte-order mark, errors in words, and exports written whole or not at all.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A file or directory the CLI could not use: reported in words, exit code 2. */
export class ReadError extends Error {}

/** Largest note the CLI reads, in bytes; a larger one is reported as too large (exit 1). */
export const MAX_NOTE_BYTES = 32 * 1024 * 1024;

const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links (a link points back to itself)',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EBUSY: 'the file is busy',
  EXDEV: 'it is on another device',
};

/** What a file-system error means, in words (never a bare ENOENT). */
export function inWords(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && WORDS[code]) return WORDS[code];
  return code ? `${(e as Error).message.replace(/^\w+: /, '').replace(/, \w+ .*$/, '')}` : String((e as Error)?.message ?? e);
}

/** Expands directories into their Markdown files, sorted, skipping dependency and hidden folders. */
export function collectNotes(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string, found: string[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new ReadError(`cannot read the directory ${dir}: ${inWords(e)}`);
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, found);
      else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) found.push(full);
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      throw new ReadError(`cannot read ${p}: ${inWords(e)}`);
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      // A mistyped or empty folder in CI must not pass as "no problems".
      if (found.length === 0) throw new ReadError(`no notes in ${p}: it holds no *.md or *.markdown files`);
      files.push(...found);
    } else files.push(p);
  }
  return files;
}

export type NoteText = { readonly text: string } | { readonly tooLarge: number };

/**
 * A note's text. Only regular files are read (a FIFO or /dev/zero would never end); UTF-8,
 * or UTF-16 with a byte-order mark; anything else is a ReadError saying what it is.
 */
export function readNote(file: string): NoteText {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new ReadError(`cannot read ${file}: ${inWords(e)}`);
  }
  if (stat.isDirectory()) throw new ReadError(`cannot read ${file}: it is a directory`);
  if (!stat.isFile()) throw new ReadError(`cannot read ${file}: it is not a regular file (${kindOf(stat)})`);
  if (stat.size > MAX_NOTE_BYTES) return { tooLarge: stat.size };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new ReadError(`cannot read ${file}: ${inWords(e)}`);
  }
  return { text: decode(file, bytes) };
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

export function decode(file: string, bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) {
    throw new ReadError(`cannot read ${file}: it is not UTF-8 text (it holds NUL bytes: UTF-16 without a byte-order mark, or not text); save it as UTF-8`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReadError(`cannot read ${file}: it is not UTF-8 text; save it as UTF-8`);
  }
}

/**
 * Writes a file whole or not at all: to a temporary file beside it, then renamed over it,
 * so a failed write leaves the previous file as it was.
 */
export function writeAtomic(target: string, content: string): void {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, content, { flag: 'wx' });
    fs.renameSync(temp, target);
  } catch (e) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // There was nothing to remove.
    }
    throw new ReadError(`cannot write ${target}: ${inWords(e)}`);
  }
}

/** True when two paths name the same file (through links too); false when either is missing. */
export function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}
