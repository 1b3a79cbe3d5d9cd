// The dl-calc command line: `check` notes in a terminal or CI, `render` them to HTML.
import * as path from 'node:path';
import { stoppedResult } from '../node/stops';
import { defaultSettings, type NoteResult } from '../engine/types';
import { jsonReport, problemLines, summaryLine, transcript, type CheckedFile } from './check';
import { DEFAULT_TIME_LIMIT_MS, UsageError, newClient, parseTimeLimit } from './args';
import { MAX_NOTE_BYTES, ReadError, collectNotes, readNote } from './files';
import { readMacrosFile } from './macros';
import type { TexMacros } from '../engine/texMacros';
import { languageOfLocale, languages, takeLangFlag, useLanguage, type Language } from './lang';

export { ReadError } from './files';

const USAGE = `Usage:
  dl-calc check [options] [--lang en|zh-cn] [--] <file|dir>...
  dl-calc render [--time-limit MS] [--macros FILE] [-o out.html] [--] <note.md>

check   Evaluates every \`\`\`dl-calc block and inline \`= expr\` of each note, and checks
        the hand calculations written in its LaTeX math ($0.5 - 0.0123 = 0.4877$: each
        "=" of a chain of numbers is recomputed, and a written number that is wrong
        beyond its rounding fails; math that cannot be read exactly is skipped). A
        directory means its *.md and *.markdown files, recursively. Prints each error
        and failed check as path:line:col: message, then a summary.
  --json            one JSON object instead (documented in docs/cli.md)
  --verbose, -v     every statement with its value, and each checked LaTeX chain
  --derivations     also each statement's derivation (implies --verbose)
  --time-limit MS   stop any one step (a statement, the LaTeX checks of a note) after
                    MS milliseconds, 1 to 2147483647, or 0 for no limit (default 10000)
  --precision N     significant digits shown, 1 to 15 (default 6)
  --other-delimiters  also check math in \\( \\), \\[ \\] and bare \\begin{align}
  --no-prose        leave arithmetic in plain text (6*6*8 = 288) unchecked
  --macros FILE     LaTeX macros as JSON ({"\\R": "\\mathbb{R}"}, or an object with
                    markdown.math.macros), expanded in checked math as in the preview
  --                ends the options: later arguments are files, even "-x.md"

render  Writes the note as one self-contained HTML file (default: the note's name with
        .html), sanitised, images inside the note's folder embedded.
  -o, --output FILE the HTML file to write (never the note itself)
  --time-limit MS   as for check
  --macros FILE     as for check, expanded in the export's math too

--lang  the language of messages: en or zh-cn (default: from LC_ALL, LC_MESSAGES, LANG).
        --json output keeps its English field names and kinds; only "message" is translated.

Exit code: 0 every check passes; 1 a check failed, an error occurred or a note could
not be fully read (too large, too deeply nested, stopped); 2 bad usage, or a file or
directory that cannot be read (missing, a directory with no notes, not UTF-8 text).`;

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
  const out: CheckArgs = { json: false, verbose: false, derivations: false, timeLimitMs: DEFAULT_TIME_LIMIT_MS, prose: defaultSettings.latexProse, otherDelimiters: defaultSettings.latexOtherDelimiters, paths: [] };
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (!options || a === '-' || !a.startsWith('-')) out.paths.push(a);
    else if (a === '--') options = false;
    else if (a === '--json') out.json = true;
    else if (a === '--verbose' || a === '-v') out.verbose = true;
    else if (a === '--derivations') out.derivations = out.verbose = true;
    else if (a === '--other-delimiters') out.otherDelimiters = true;
    else if (a === '--no-prose') out.prose = false;
    else if (a === '--macros') out.macros = readMacrosFile(value());
    else if (a === '--time-limit') out.timeLimitMs = parseTimeLimit(value());
    else if (a === '--precision') {
      out.precision = Number(value());
      if (!Number.isInteger(out.precision) || out.precision < 1 || out.precision > 15) throw new UsageError('--precision takes 1..15');
    } else throw new UsageError(`Unknown option ${a} (a file whose name starts with "-" goes after --)`);
  }
  if (out.paths.length === 0) throw new UsageError('check needs at least one file or directory');
  return out;
}

async function check(args: CheckArgs, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const files = collectNotes(args.paths);
  const client = newClient(args.timeLimitMs);
  const checked: CheckedFile[] = [];
  let unreadable = false;
  try {
    for (const file of files) {
      let note;
      try {
        note = readNote(file);
      } catch (e) {
        // One unreadable file is reported; every other note is still checked.
        if (!(e instanceof ReadError)) throw e;
        err(`dl-calc: ${e.message}`);
        unreadable = true;
        continue;
      }
      const doc = { uri: path.resolve(file), version: 1, text: 'text' in note ? note.text : '' };
      const settings = {
        ...(args.precision ? { precision: args.precision } : {}),
        latexProse: args.prose,
        latexOtherDelimiters: args.otherDelimiters,
        ...(args.macros ? { latexMacros: args.macros } : {}),
      };
      const result: NoteResult =
        'text' in note
          ? await client.evaluate(doc, settings, args.derivations)
          : stoppedResult(doc, `This note is too large to check: ${mb(note.tooLarge)}, more than the limit of ${mb(MAX_NOTE_BYTES)}`);
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
    if (checked.length > 0 || !unreadable) out(summaryLine(report));
  }
  const t = report.totals;
  if (unreadable) return 2;
  return t.failed > 0 || t.errors > 0 ? 1 : 0;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

export async function main(
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { rest: args, lang } = takeLangFlag(argv);
  const [command, ...rest] = args;
  try {
    if (lang !== undefined && !languages.includes(lang as Language)) throw new UsageError(`--lang takes ${languages.join(' or ')}`);
    useLanguage((lang as Language | undefined) ?? languageOfLocale(env));
    if (command === 'check') return await check(parseCheckArgs(rest), out, err);
    if (command === 'render') {
      const { render } = await import('./render');
      return await render(rest, out, err);
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

/** Exit code when the reader of the output goes away (`| head`): quietly, as a SIGPIPE would. */
const CLOSED_PIPE_EXIT = 141;

if (require.main === module) {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(CLOSED_PIPE_EXIT);
      throw e;
    });
  }
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      // A bug, not the note: one line, not a stack trace.
      console.error(`dl-calc: internal error: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 2;
    },
  );
}
