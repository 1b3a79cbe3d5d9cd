// The dl-calc command line: `check` notes in a terminal or CI, `render` them to HTML.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EvaluationClient } from '../node/evaluationClient';
import type { NoteResult } from '../engine/types';
import { jsonReport, problemLines, summaryLine, transcript, type CheckedFile } from './check';
import { readMacrosFile } from './macros';
import type { TexMacros } from '../engine/texMacros';
import { languageOfLocale, languages, takeLangFlag, useLanguage, type Language } from './lang';

const USAGE = `Usage:
  dl-calc check [--json] [--verbose] [--derivations] [--time-limit MS] [--precision N]
                [--other-delimiters] [--no-prose] [--macros FILE] [--lang en|zh-cn] <file|dir>...
  dl-calc render <note.md> [-o out.html] [--macros FILE]

check   evaluates every dl-calc block and inline \`= expr\` of each note (a directory
        means its *.md files, recursively) and prints each error and failed check as
        path:line:col: message, then a summary.
        Exit code: 0 all checks pass, 1 a check failed or an error occurred, 2 bad usage
        or an unreadable file.
        --other-delimiters also checks math in \\( \\), \\[ \\] and bare \\begin{align};
        --no-prose leaves arithmetic in plain text (6*6*8 = 288) unchecked.
render  writes the note as one self-contained HTML file.
--macros  LaTeX macros as JSON ({"\\R": "\\mathbb{R}"}, or an object with
        markdown.math.macros), expanded in checked math and the export as in the preview.
--lang  the language of messages: en or zh-cn (default: from LC_ALL, LC_MESSAGES, LANG).
        --json output keeps its English field names and kinds; only "message" is translated.`;

export class UsageError extends Error {}

interface CheckArgs {
  json: boolean;
  verbose: boolean;
  derivations: boolean;
  timeLimitMs: number;
  precision?: number;
  /** Hand calculations read outside the preview's math (docs/latex-checks.md). */
  prose: boolean;
  otherDelimiters: boolean;
  macros?: TexMacros;
  paths: string[];
}

function parseCheckArgs(args: string[]): CheckArgs {
  const out: CheckArgs = { json: false, verbose: false, derivations: false, timeLimitMs: 10_000, prose: true, otherDelimiters: false, paths: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') out.json = true;
    else if (a === '--verbose' || a === '-v') out.verbose = true;
    else if (a === '--derivations') out.derivations = out.verbose = true;
    else if (a === '--other-delimiters') out.otherDelimiters = true;
    else if (a === '--no-prose') out.prose = false;
    else if (a === '--macros') out.macros = readMacrosFile(value());
    else if (a === '--time-limit') {
      out.timeLimitMs = Number(value());
      if (!(out.timeLimitMs > 0)) throw new UsageError('--time-limit takes milliseconds > 0');
    } else if (a === '--precision') {
      out.precision = Number(value());
      if (!Number.isInteger(out.precision) || out.precision < 1 || out.precision > 15) throw new UsageError('--precision takes 1..15');
    } else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}`);
    else out.paths.push(a);
  }
  if (out.paths.length === 0) throw new UsageError('check needs at least one file or directory');
  return out;
}

/** Expands directories into their Markdown files, sorted, skipping dependency folders. */
export function collectNotes(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) files.push(full);
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new ReadError(`cannot read ${p}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(p);
    else files.push(p);
  }
  return files;
}

export class ReadError extends Error {}

export function readNote(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReadError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function check(args: CheckArgs, out: (line: string) => void): Promise<number> {
  const files = collectNotes(args.paths);
  const client = new EvaluationClient({ timeLimitMs: () => args.timeLimitMs });
  const checked: CheckedFile[] = [];
  try {
    for (const file of files) {
      const text = readNote(file);
      const settings = {
        ...(args.precision ? { precision: args.precision } : {}),
        latexProse: args.prose,
        latexOtherDelimiters: args.otherDelimiters,
        ...(args.macros ? { latexMacros: args.macros } : {}),
      };
      const result: NoteResult = await client.evaluate({ uri: path.resolve(file), version: 1, text }, settings, args.derivations);
      checked.push({ path: file, result });
    }
  } finally {
    client.dispose();
  }
  const report = jsonReport(checked);
  if (args.json) {
    out(JSON.stringify(report, null, 2));
  } else {
    for (const file of checked) {
      if (args.verbose) out(transcript(file, args.derivations).join('\n'));
      for (const line of problemLines(file)) out(line);
    }
    out(summaryLine(report));
  }
  const t = report.totals;
  return t.failed > 0 || t.errors > 0 ? 1 : 0;
}

export async function main(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { rest: args, lang } = takeLangFlag(argv);
  const [command, ...rest] = args;
  try {
    if (lang !== undefined && !languages.includes(lang as Language)) throw new UsageError(`--lang takes ${languages.join(' or ')}`);
    useLanguage((lang as Language | undefined) ?? languageOfLocale(env));
    if (command === 'check') return await check(parseCheckArgs(rest), out);
    if (command === 'render') {
      const { render } = await import('./render');
      return await render(rest, out);
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      out(USAGE);
      return 0;
    }
    throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  } catch (e) {
    if (e instanceof UsageError) {
      err(`dl-calc: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ReadError) {
      err(`dl-calc: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
}
