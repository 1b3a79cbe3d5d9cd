// Relative image paths resolved against the note and embedded as data: URLs, so that an
// exported file stands alone. Reading is injected: this module does no file I/O and uses
// no node:path, because it also runs where neither exists.

export type ImageReader = (path: string) => Uint8Array | undefined;

const mimeByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  svg: 'image/svg+xml',
};

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
 * The src to write for an image: a data: URL when it is a relative path the reader can
 * read, otherwise the src unchanged (remote images stay remote; an unreadable relative
 * one still works when the HTML is saved beside the note).
 */
export function embedImage(src: string, baseDir: string | undefined, readImage: ImageReader | undefined): string {
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
  const ext = /\.([a-zA-Z0-9]+)$/.exec(decoded)?.[1]?.toLowerCase();
  const mime = ext ? mimeByExtension[ext] : undefined;
  if (!mime) return src;
  let bytes: Uint8Array | undefined;
  try {
    bytes = readImage(resolveAgainst(baseDir, decoded));
  } catch {
    bytes = undefined;
  }
  return bytes ? `data:${mime};base64,${toBase64(bytes)}` : src;
}
