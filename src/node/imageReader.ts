// Reads the images an export embeds, for the CLI and the editor: regular files inside the
// note's folder only, symbolic links resolved and held to the same rule, size bounded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_IMAGE_BYTES, type ImageReader, type ImageSource } from '../engine/render/images';
import { NoteError } from '../engine/messages';

export { MAX_IMAGE_BYTES };

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

/**
 * The export's images of a note on the local disk (`folder`: the note's folder), read
 * synchronously. The web build has a twin (src/web/imageReader.ts) that has no local disk.
 */
export function localImageSource(folder: string): ImageSource | undefined {
  const readNow = folderImageReader(folder);
  return { baseDir: folder, readNow, readAhead: () => Promise.resolve(readNow) };
}
