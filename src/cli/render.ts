// `dl-calc render <note.md> [-o out.html]`: one self-contained HTML file, rendered by
// the same markdown-it plugin the preview uses.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderNoteToHtml } from '../engine/render';
import { EvaluationClient } from '../node/evaluationClient';
import { ReadError, UsageError, readNote } from './main';
import { readMacrosFile } from './macros';
import type { TexMacros } from '../engine/texMacros';

export async function render(args: string[], out: (line: string) => void): Promise<number> {
  let input: string | undefined;
  let output: string | undefined;
  let macros: TexMacros | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') {
      output = args[++i];
      if (!output) throw new UsageError(`${a} needs a file name`);
    } else if (a === '--macros') {
      const file = args[++i];
      if (!file) throw new UsageError(`${a} needs a file name`);
      macros = readMacrosFile(file);
    } else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}`);
    else if (input) throw new UsageError('render takes one note');
    else input = a;
  }
  if (!input) throw new UsageError('render needs a note');
  const text = readNote(input);
  const client = new EvaluationClient({ timeLimitMs: () => 10_000 });
  let html: string;
  try {
    const results = await client.evaluate({ uri: path.resolve(input), version: 1, text }, macros ? { latexMacros: macros } : {}, true);
    const baseDir = path.dirname(path.resolve(input));
    html = renderNoteToHtml(text, {
      results,
      baseDir,
      readImage: (file) => {
        try {
          return fs.readFileSync(file);
        } catch {
          return undefined;
        }
      },
      macros,
    });
  } finally {
    client.dispose();
  }
  const target = output ?? input.replace(/\.(md|markdown)$/i, '') + '.html';
  try {
    fs.writeFileSync(target, html);
  } catch (e) {
    throw new ReadError(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  out(`wrote ${target}`);
  return 0;
}
