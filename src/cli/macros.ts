// `--macros FILE`: LaTeX macros for the checker and the export, as the preview has them from
// VS Code's settings. FILE is JSON: either the macros themselves ({"\\R": "\\mathbb{R}"}) or
// an object holding `markdown.math.macros` / `markdown.extension.katex.macros` (a
// settings.json without comments), VS Code's taking precedence as in the editor.
import * as fs from 'node:fs';
import * as l10n from '@vscode/l10n';
import { usableMacros, type TexMacros } from '../engine/texMacros';
import { ReadError, UsageError } from './errors';
import { cannotRead, inWords } from './files';

const SETTING_KEYS = ['markdown.extension.katex.macros', 'markdown.math.macros'];

export function readMacrosFile(file: string): TexMacros {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReadError(cannotRead(file, inWords(e)));
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(l10n.t('--macros {file}: not JSON ({reason})', { file, reason: (e as Error).message }));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(l10n.t('--macros {file}: expected an object of macros, like {example}', { file, example: '{"\\\\R": "\\\\mathbb{R}"}' }));
  }
  const record = data as Record<string, unknown>;
  if (SETTING_KEYS.some((k) => k in record)) {
    return Object.assign({}, ...SETTING_KEYS.map((k) => usableMacros(record[k]))) as TexMacros;
  }
  return usableMacros(record);
}
