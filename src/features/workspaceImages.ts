// The export's images read through VS Code's workspace file system (vscode.workspace.fs),
// where there is no local disk: VS Code for the Web, or a note in a virtual folder. The
// same rules as the Node reader (src/node/imageReader.ts): regular files inside the
// note's folder only, size bounded. The workspace file system cannot resolve a symbolic
// link, so none is followed: a link anywhere between the folder and the image (which
// stat reports) leaves the image as a link. Only the note's own file system is read
// (same scheme and authority: the adapter changes only the path), never a URL.
import { NoteError } from '../engine/messages';
import { MAX_IMAGE_BYTES, resolveAgainst, type ImageReader, type ImageSource } from '../engine/render/images';

/** vscode.FileType's bits. */
export const FILE_TYPE = { File: 1, Directory: 2, SymbolicLink: 64 } as const;

/** The part of vscode.workspace.fs the reader uses, on paths of the note's file system. */
export interface WorkspaceFiles {
  /** undefined when nothing is there. */
  stat(path: string): Promise<{ readonly type: number; readonly size: number } | undefined>;
  readFile(path: string): Promise<Uint8Array>;
}

/** At most this many distinct images are read for one export. */
export const MAX_IMAGES_READ = 500;

/** What was read for one path: the bytes, nothing (missing), or why not. */
type Read = Uint8Array | undefined | NoteError;

/** An ImageSource on `files`, confined to `baseDir` (a `/`-separated path). */
export function workspaceImageSource(baseDir: string, files: WorkspaceFiles): ImageSource {
  const base = resolveAgainst(baseDir, '.');
  const prefix = base.endsWith('/') ? base : base + '/';

  const readOne = async (file: string): Promise<Read> => {
    const target = resolveAgainst(base, file);
    if (!target.startsWith(prefix)) return new NoteError('image.outside');
    // Each step below the note's folder: a link cannot be followed, so it is not read through.
    const steps = target.slice(prefix.length).split('/');
    let at = base;
    let stat: { type: number; size: number } | undefined;
    try {
      for (const step of steps) {
        at = at.endsWith('/') ? at + step : `${at}/${step}`;
        stat = await files.stat(at);
        if (!stat) return undefined;
        if (stat.type & FILE_TYPE.SymbolicLink) return new NoteError('image.link');
      }
      if (!stat || !(stat.type & FILE_TYPE.File)) return new NoteError('image.notFile');
      if (stat.size > MAX_IMAGE_BYTES) return new NoteError('image.tooLarge', { limit: MAX_IMAGE_BYTES / 1024 / 1024 });
      const bytes = await files.readFile(target);
      // The size stat gave may be stale (or a provider's guess): the bytes are held to it too.
      return bytes.byteLength > MAX_IMAGE_BYTES ? new NoteError('image.tooLarge', { limit: MAX_IMAGE_BYTES / 1024 / 1024 }) : bytes;
    } catch {
      return new NoteError('image.unreadable');
    }
  };

  return {
    baseDir: base,
    async readAhead(paths) {
      const unique = [...new Set(paths)].slice(0, MAX_IMAGES_READ);
      const read = new Map<string, Read>();
      await Promise.all(unique.map(async (p) => read.set(p, await readOne(p))));
      const reader: ImageReader = (file) => {
        if (!read.has(file)) throw new NoteError('image.tooMany', { limit: MAX_IMAGES_READ });
        const r = read.get(file);
        if (r instanceof NoteError) throw r;
        return r;
      };
      return reader;
    },
  };
}
