// The options the CLI's commands share: usage errors, and one flag for each thing the
// editor's settings can do (dlCalc.* and the LaTeX macros), read into engine settings.
import * as l10n from '@vscode/l10n';
import type { EngineSettings } from '../engine/types';
import { UsageError } from './errors';
import { readMacrosFile } from './macros';

export const DEFAULT_TIME_LIMIT_MS = 10_000;
/** setTimeout's largest delay; past it Node fires at once. */
const MAX_TIME_LIMIT_MS = 2_147_483_647;

export function parseTimeLimit(text: string): number {
  const ms = Number(text);
  if (text.trim() === '' || !Number.isInteger(ms) || ms < 0 || ms > MAX_TIME_LIMIT_MS) {
    throw new UsageError(l10n.t('--time-limit takes whole milliseconds from 1 to {max}, or 0 for no limit (got "{text}")', { max: MAX_TIME_LIMIT_MS, text }));
  }
  return ms;
}

/** What a note is evaluated with: the settings and the time limit of each step. */
export interface NoteOptions {
  timeLimitMs: number;
  settings: { -readonly [K in keyof EngineSettings]?: EngineSettings[K] };
}

export function defaultNoteOptions(): NoteOptions {
  return { timeLimitMs: DEFAULT_TIME_LIMIT_MS, settings: {} };
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(l10n.t('{flag} takes a whole number from {min} to {max} (got "{text}")', { flag, min, max, text }));
  return n;
}

type Flag = { readonly value?: true; apply(into: NoteOptions, value: string): void };

/** The settings as flags (docs/cli.md lists them beside the setting each one mirrors). */
const SETTING_FLAGS: Readonly<Record<string, Flag>> = {
  '--time-limit': { value: true, apply: (o, v) => (o.timeLimitMs = parseTimeLimit(v)) },
  '--precision': { value: true, apply: (o, v) => (o.settings.precision = wholeNumber('--precision', v, 1, 15)) },
  '--max-matrix-elements': { value: true, apply: (o, v) => (o.settings.maxMatrixElements = wholeNumber('--max-matrix-elements', v, 1, 100_000_000)) },
  '--no-grouping': { apply: (o) => (o.settings.grouping = false) },
  '--no-scale-hints': { apply: (o) => (o.settings.scaleHints = false) },
  '--no-latex': { apply: (o) => (o.settings.latexChecks = false) },
  '--symbolic': { apply: (o) => (o.settings.latexSymbolic = true) },
  '--no-prose': { apply: (o) => (o.settings.latexProse = false) },
  '--other-delimiters': { apply: (o) => (o.settings.latexOtherDelimiters = true) },
  '--macros': { value: true, apply: (o, v) => (o.settings.latexMacros = readMacrosFile(v)) },
};

/**
 * Reads a command's arguments: `flags` of its own (each a function given the value when
 * `valued` lists it), the setting flags, `--` and the rest as paths.
 */
export function readArgs(
  args: readonly string[],
  own: Readonly<Record<string, (value: string) => void>>,
  valued: readonly string[],
  options: NoteOptions,
): string[] {
  const paths: string[] = [];
  let inOptions = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!inOptions || a === '-' || !a.startsWith('-')) {
      paths.push(a);
      continue;
    }
    if (a === '--') {
      inOptions = false;
      continue;
    }
    const setting = Object.hasOwn(SETTING_FLAGS, a) ? SETTING_FLAGS[a] : undefined;
    const mine = Object.hasOwn(own, a) ? own[a] : undefined;
    if (!setting && !mine) throw new UsageError(l10n.t('Unknown option {option} (a file whose name starts with "-" goes after --)', { option: a }));
    let value = '';
    if (setting?.value || valued.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new UsageError(l10n.t('{option} needs a value', { option: a }));
      value = v;
    }
    if (setting) setting.apply(options, value);
    else mine!(value);
  }
  return paths;
}
