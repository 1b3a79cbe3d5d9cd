// Reading notes and writing exports for the CLI: only regular files, text decoded by its
// byte-order mark, errors in words, and exports written whole or not at all.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { ReadError } from './errors';

/** Largest note the CLI reads, in bytes; a larger one is reported as too large (exit 1). */
export const MAX_NOTE_BYTES = 32 * 1024 * 1024;

const WORDS: Record<string, () => string> = {
  ENOENT: () => l10n.t('no such file or directory'),
  EISDIR: () => l10n.t('it is a directory'),
  ENOTDIR: () => l10n.t('a part of the path is not a directory'),
  EACCES: () => l10n.t('permission denied'),
  EPERM: () => l10n.t('permission denied'),
  ELOOP: () => l10n.t('too many symbolic links (a link points back to itself)'),
  ENAMETOOLONG: () => l10n.t('the name is too long'),
  EMFILE: () => l10n.t('too many open files'),
  ENOSPC: () => l10n.t('no space left on the device'),
  EROFS: () => l10n.t('the file system is read-only'),
  EBUSY: () => l10n.t('the file is busy'),
  EXDEV: () => l10n.t('it is on another device'),
};

export function cannotRead(file: string, reason: string): string {
  return l10n.t('cannot read {file}: {reason}', { file, reason });
}

/** What a file-system error means, in words (never a bare ENOENT). */
export function inWords(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && Object.hasOwn(WORDS, code)) return WORDS[code]();
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
      throw new ReadError(l10n.t('cannot read the directory {dir}: {reason}', { dir, reason: inWords(e) }));
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
      throw new ReadError(cannotRead(p, inWords(e)));
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      // A mistyped or empty folder in CI must not pass as "no problems".
      if (found.length === 0) throw new ReadError(l10n.t('no notes in {dir}: it holds no *.md or *.markdown files', { dir: p }));
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
    throw new ReadError(cannotRead(file, inWords(e)));
  }
  if (stat.isDirectory()) throw new ReadError(cannotRead(file, l10n.t('it is a directory')));
  if (!stat.isFile()) throw new ReadError(cannotRead(file, l10n.t('it is not a regular file ({kind})', { kind: kindOf(stat) })));
  if (stat.size > MAX_NOTE_BYTES) return { tooLarge: stat.size };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new ReadError(cannotRead(file, inWords(e)));
  }
  return { text: decode(file, bytes) };
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return l10n.t('a named pipe');
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return l10n.t('a device');
  if (stat.isSocket()) return l10n.t('a socket');
  return l10n.t('not a file');
}

export function decode(file: string, bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) {
    throw new ReadError(cannotRead(file, l10n.t('it is not UTF-8 text (it holds NUL bytes: UTF-16 without a byte-order mark, or not text); save it as UTF-8')));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReadError(cannotRead(file, l10n.t('it is not UTF-8 text; save it as UTF-8')));
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
    throw new ReadError(l10n.t('cannot write {file}: {reason}', { file: target, reason: inWords(e) }));
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
