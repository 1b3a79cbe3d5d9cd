// The dl-calc command line: picks the language and the command, and turns the two kinds of
// failure before any note is reported into exit code 2. Each command is a file of its own;
// `render` is its own bundle, loaded only when it runs.
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { check } from './check';
import { UsageError, failureOf } from './errors';
import { languageOfLocale, languages, takeLangFlag, useLanguage, type Language } from './lang';
import type { Io } from './output';
import { usage } from './usage';

export { ReadError, UsageError } from './errors';

type RenderModule = typeof import('./renderCommand');

/** The render command, from its own file: dist/renderCommand.js beside dist/cli.js (or out/ in tests). */
function loadRender(): RenderModule {
  // A computed path, so the bundler leaves the renderer out of dist/cli.js.
  const file = path.join(__dirname, 'renderCommand.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as RenderModule;
}

export async function main(
  argv: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const io: Io = { out, err };
  const { rest: args, lang } = takeLangFlag(argv);
  const [command, ...rest] = args;
  try {
    const asked = (lang as Language | undefined) ?? languageOfLocale(env);
    const language = languages.includes(asked) ? asked : 'en';
    useLanguage(language);
    if (lang !== undefined && !languages.includes(lang as Language)) throw new UsageError(l10n.t('--lang takes en or zh-cn'));
    if (command === 'check') return await check(rest, io, language);
    if (command === 'render') return await loadRender().render(rest, io, language);
    if (command === '--help' || command === '-h' || command === 'help') {
      out(usage());
      return 0;
    }
    throw new UsageError(command ? l10n.t('Unknown command "{command}"', { command }) : l10n.t('No command given'));
  } catch (e) {
    const failure = failureOf(e);
    if (failure) err(failure === 'usage' ? `dl-calc: ${(e as Error).message}\n\n${usage()}` : `dl-calc: ${(e as Error).message}`);
    if (failure) return 2;
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
      console.error(l10n.t('dl-calc: internal error: {message}', { message: e instanceof Error ? e.message : String(e) }));
      process.exitCode = 2;
    },
  );
}
