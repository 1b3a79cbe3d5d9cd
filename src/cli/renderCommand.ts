// `dl-calc render <note.md> [-o out.html]`: one self-contained HTML file, rendered by the
// same markdown-it plugin the preview uses. Its own bundle (dist/renderCommand.js), loaded
// only for this command: `check` never loads the renderer, KaTeX or the sanitiser.
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { renderNoteToHtml } from '../engine/render';
import { folderImageReader } from '../node/imageReader';
import { defaultNoteOptions, readArgs } from './args';
import { newClient } from './client';
import { ReadError, UsageError } from './errors';
import { readNote, sameFile, writeAtomic } from './files';
import { useLanguage, type Language } from './lang';
import type { Io } from './output';

export async function render(args: readonly string[], io: Io, lang: Language): Promise<number> {
  // This bundle has its own copy of the message catalogue: it is told the language too.
  useLanguage(lang);
  const options = defaultNoteOptions();
  let output: string | undefined;
  const takeOutput = (v: string) => {
    if (!v) throw new UsageError(l10n.t('{option} needs a file name', { option: '--output' }));
    output = v;
  };
  const paths = readArgs(args, { '-o': takeOutput, '--output': takeOutput }, ['-o', '--output'], options);
  if (paths.length === 0) throw new UsageError(l10n.t('render needs a note'));
  if (paths.length > 1) throw new UsageError(l10n.t('render takes one note'));
  const [input] = paths;
  const target = output ?? input.replace(/\.(md|markdown)$/i, '') + '.html';
  if (sameFile(target, input)) throw new UsageError(l10n.t('refusing to write the HTML over the note itself ({file}); name another file with -o', { file: input }));
  const note = readNote(input);
  if (!('text' in note)) throw new ReadError(l10n.t('cannot render {file}: it is too large', { file: input }));
  const doc = { uri: path.resolve(input), version: 1, text: note.text };
  const client = newClient(options.timeLimitMs);
  let html: string;
  try {
    const results = await client.evaluate(doc, options.settings, true);
    const baseDir = path.dirname(path.resolve(input));
    html = renderNoteToHtml(doc.text, {
      results,
      baseDir,
      readImage: folderImageReader(baseDir),
      // Say which images were left as links, so a missing figure is noticed before the file is shared.
      onImageSkipped: (src, reason) => io.err(l10n.t('dl-calc: {file}: image {src} not embedded: {reason}', { file: input, src, reason })),
      macros: options.settings.latexMacros,
    });
  } finally {
    client.dispose();
  }
  writeAtomic(target, html);
  io.out(l10n.t('wrote {file}', { file: target }));
  return 0;
}
