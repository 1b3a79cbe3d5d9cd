// `dl-calc render <note.md> [-o out.html]`: one self-contained HTML file, rendered by
// the same markdown-it plugin the preview uses.
import * as path from 'node:path';
import { renderNoteToHtml } from '../engine/render';
import { folderImageReader } from '../node/imageReader';
import { ReadError, readNote, sameFile, writeAtomic } from './files';
import { DEFAULT_TIME_LIMIT_MS, UsageError, newClient, parseTimeLimit } from './args';
import { readMacrosFile } from './macros';
import type { TexMacros } from '../engine/texMacros';

export async function render(args: string[], out: (line: string) => void, err: (line: string) => void = console.error): Promise<number> {
  let input: string | undefined;
  let output: string | undefined;
  let timeLimitMs = DEFAULT_TIME_LIMIT_MS;
  let options = true;
  let macros: TexMacros | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (options && a === '--') options = false;
    else if (options && (a === '-o' || a === '--output')) {
      output = args[++i];
      if (!output) throw new UsageError(`${a} needs a file name`);
    } else if (options && a === '--time-limit') {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      timeLimitMs = parseTimeLimit(v);
    } else if (options && a === '--macros') {
      const file = args[++i];
      if (!file) throw new UsageError(`${a} needs a file name`);
      macros = readMacrosFile(file);
    } else if (options && a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option ${a} (a file whose name starts with "-" goes after --)`);
    else if (input) throw new UsageError('render takes one note');
    else input = a;
  }
  if (!input) throw new UsageError('render needs a note');
  const target = output ?? input.replace(/\.(md|markdown)$/i, '') + '.html';
  if (sameFile(target, input)) throw new UsageError(`refusing to write the HTML over the note itself (${input}); name another file with -o`);
  const note = readNote(input);
  if (!('text' in note)) throw new ReadError(`cannot render ${input}: it is too large`);
  const doc = { uri: path.resolve(input), version: 1, text: note.text };
  const client = newClient(timeLimitMs);
  let html: string;
  try {
    const results = await client.evaluate(doc, macros ? { latexMacros: macros } : {}, true);
    const baseDir = path.dirname(path.resolve(input));
    html = renderNoteToHtml(doc.text, {
      results,
      baseDir,
      readImage: folderImageReader(baseDir),
      // Say which images were left as links, so a missing figure is noticed before the file is shared.
      onImageSkipped: (src, reason) => err(`dl-calc: ${input}: image ${src} not embedded: ${reason}`),
      macros,
    });
  } finally {
    client.dispose();
  }
  writeAtomic(target, html);
  out(`wrote ${target}`);
  return 0;
}
