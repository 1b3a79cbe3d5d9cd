// Relative image paths resolved against the note and embedded as data: URLs, so that an
// exported file stands alone. Reading is injected: this module does no file I/O and uses
// no node:path, because it also runs where neither exists.

import { say } from '../messages';

export type ImageReader = (path: string) => Uint8Array | undefined;

/** Largest image embedded, in bytes (every reader holds to it). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * Where an export's images come from. The Node reader answers at once (`readNow`); VS
 * Code's workspace file system (the web) is asynchronous, so its source is asked for the
 * files the note names first (`readAhead`) and answers from what it read.
 */
export interface ImageSource {
  /** The note's folder: image paths resolve against it and must stay inside it. */
  readonly baseDir: string;
  /** A synchronous reader, where there is one. */
  readonly readNow?: ImageReader;
  /** Reads `paths` (absolute, as embedImage resolves them); resolves with a reader answering for them. */
  readAhead(paths: readonly string[]): Promise<ImageReader>;
}

/**
 * Renders with `source`'s images. With a synchronous reader, one pass; otherwise a first
 * pass learns which files the note would embed, they are read ahead, and the second pass
 * embeds them (and reports what it left as links). Without a source the images stay links.
 */
export async function renderWithImages<T>(
  source: ImageSource | undefined,
  render: (readImage: ImageReader | undefined, onSkipped: ImageSkipped | undefined) => T,
  onSkipped?: ImageSkipped,
): Promise<T> {
  if (!source) return render(undefined, onSkipped);
  if (source.readNow) return render(source.readNow, onSkipped);
  const wanted = new Set<string>();
  const skips: [string, string][] = [];
  const first = render(
    (file) => {
      wanted.add(file);
      return undefined;
    },
    (src, reason) => skips.push([src, reason]),
  );
  if (wanted.size === 0) {
    // Nothing to read: the first pass was the render, and its reports stand.
    for (const [src, reason] of skips) onSkipped?.(src, reason);
    return first;
  }
  return render(await source.readAhead([...wanted]), onSkipped);
}

/**
 * The image type of a file's bytes, by content, never by name: a private key renamed
 * figure.png is not an image and is never embedded.
 */
export function imageMime(bytes: Uint8Array): string | undefined {
  const b = bytes;
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 8 && b[0] === 0x89 && ascii(1, 4) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && ascii(4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(8, 12))) return 'image/avif';
  if (b.length >= 26 && ascii(0, 2) === 'BM') return 'image/bmp';
  if (b.length >= 6 && b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0) return 'image/x-icon';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 4096)).replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

/** Why an image was left as a link; the exporter reports it. */
export type ImageSkipped = (src: string, reason: string) => void;

/** True for `http:`, `data:`, `//host`, `#frag`, `C:\...` is not a scheme but a drive. */
function hasScheme(src: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(src) && !/^[a-zA-Z]:[\\/]/.test(src);
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[a-zA-Z]:[\\/]/.test(p);
}

/** Joins and normalises `.` and `..`, keeping the base's separator style. */
export function resolveAgainst(baseDir: string, relative: string): string {
  const sep = baseDir.includes('\\') && !baseDir.includes('/') ? '\\' : '/';
  const joined = isAbsolutePath(relative) ? relative : `${baseDir}${sep}${relative}`;
  const parts = joined.split(/[\\/]+/);
  const out: string[] = [];
  for (const part of parts) {
    if (part === '.') continue;
    if (part === '..') {
      if (out.length > 1 || (out.length === 1 && out[0] !== '')) out.pop();
      continue;
    }
    out.push(part);
  }
  const result = out.join(sep);
  return joined.startsWith('/') && !result.startsWith('/') ? sep + result : result;
}

/** Base64 of bytes, with Buffer where there is one (Node) and btoa elsewhere (a web worker). */
export function toBase64(bytes: Uint8Array): string {
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/**
 * The src to write for an image: a data: URL when it is a relative path inside the note's
 * folder (`baseDir`) naming a real image file the reader can read; otherwise the src
 * unchanged, a plain link (remote images stay remote; `onSkipped` hears why a local one
 * was not embedded). Absolute paths, `..` out of the folder (also percent-encoded) and
 * files that are not images by content are never read into the export. The reader must
 * hold symbolic links to the same rule (it resolves them; this module cannot).
 */
export function embedImage(src: string, baseDir: string | undefined, readImage: ImageReader | undefined, onSkipped?: ImageSkipped): string {
  const trimmed = src.trim();
  if (!trimmed || !readImage || baseDir === undefined || hasScheme(trimmed) || trimmed.startsWith('//') || trimmed.startsWith('#')) {
    return src;
  }
  const pathPart = trimmed.replace(/[?#].*$/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    decoded = pathPart;
  }
  if (isAbsolutePath(decoded) || hasScheme(decoded)) {
    onSkipped?.(src, say('image.absolute'));
    return src;
  }
  const base = resolveAgainst(baseDir, '.');
  const target = resolveAgainst(baseDir, decoded);
  const sep = base.includes('\\') && !base.includes('/') ? '\\' : '/';
  if (!target.startsWith(base.endsWith(sep) ? base : base + sep)) {
    onSkipped?.(src, say('image.outside'));
    return src;
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = readImage(target);
  } catch (e) {
    onSkipped?.(src, e instanceof Error ? e.message : String(e));
    return src;
  }
  if (!bytes) {
    onSkipped?.(src, say('image.notFound'));
    return src;
  }
  const mime = imageMime(bytes);
  if (!mime) {
    onSkipped?.(src, say('image.notImage'));
    return src;
  }
  return `data:${mime};base64,${toBase64(bytes)}`;
}
