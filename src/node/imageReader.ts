// Reads the images an export embeds, for the CLI and the editor: regular files inside the
// note's folder only, symbolic links resolved and held to the same rule, size bounded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ImageReader } from '../engine/render/images';
import { NoteError } from '../engine/messages';

/** Largest image embedded, in bytes. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * An ImageReader confined to `folder`: undefined for a missing file; an Error saying why
 * for a link out of the folder, something that is not a file, or a file too large.
 */
export function folderImageReader(folder: string): ImageReader {
  let root: string | undefined;
  return (file) => {
    root ??= fs.realpathSync(folder);
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new NoteError((e as NodeJS.ErrnoException).code === 'ELOOP' ? 'image.linkLoop' : 'image.unreadable');
    }
    if (real !== root && !real.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
      throw new NoteError('image.linkOutside');
    }
    const stat = fs.statSync(real);
    if (!stat.isFile()) throw new NoteError('image.notFile');
    if (stat.size > MAX_IMAGE_BYTES) throw new NoteError('image.tooLarge', { limit: MAX_IMAGE_BYTES / 1024 / 1024 });
    return fs.readFileSync(real);
  };
}
