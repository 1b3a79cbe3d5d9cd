// `dl-calc help`: the usage text, in the reader's language, each description wrapped
// beside its option (a CJK character is two columns wide).
import * as l10n from '@vscode/l10n';

const WIDTH = 88;
const OPTION_COLUMN = 26;

export function usage(): string {
  const commands = [
    l10n.t('Usage:'),
    '  dl-calc check [options] [--] <file|dir>...',
    '  dl-calc render [options] [-o out.html] [--] <note.md>',
    '  dl-calc help',
  ];
  const check: [string, string][] = [
    ['--json', l10n.t('one JSON object instead (documented in docs/cli.md)')],
    ['--verbose, -v', l10n.t('every statement with its value, and each checked LaTeX chain')],
    ['--derivations', l10n.t("also each statement's derivation (implies --verbose)")],
    ['--jobs N', l10n.t('check N notes at once, each in its own process (default: one per core)')],
    ['--cache FILE', l10n.t('skip notes whose text, options and dl-calc did not change since the run that wrote FILE, printing what they printed then')],
  ];
  const render: [string, string][] = [['-o, --output FILE', l10n.t('the HTML file to write (never the note itself)')]];
  const both: [string, string][] = [
    ['--time-limit MS', l10n.t('stop any one step (a statement, the LaTeX checks of a note) after MS milliseconds, 1 to 2147483647, or 0 for no limit (default 10000; dlCalc.timeLimit)')],
    ['--precision N', l10n.t('significant digits shown, 1 to 15 (default 6; dlCalc.precision)')],
    ['--no-grouping', l10n.t('no thousands separators in values (dlCalc.grouping)')],
    ['--no-scale-hints', l10n.t('no "≈ 138.4 M" beside big integers (dlCalc.scaleHints)')],
    ['--max-matrix-elements N', l10n.t('the largest matrix a note may create (default 10000000; dlCalc.maxMatrixElements)')],
    ['--no-latex', l10n.t('leave the LaTeX and prose hand calculations unchecked (dlCalc.latexChecks.enabled)')],
    ['--symbolic', l10n.t('also check identities with free symbols at sample points (dlCalc.latexChecks.symbolic)')],
    ['--no-prose', l10n.t('leave arithmetic in plain text (6*6*8 = 288) unchecked (dlCalc.latexChecks.prose)')],
    ['--other-delimiters', l10n.t('also check math in {delimiters} (dlCalc.latexChecks.otherDelimiters)', { delimiters: '\\( \\), \\[ \\], \\begin{align}' })],
    ['--macros FILE', l10n.t('LaTeX macros as JSON ({example}, or an object with markdown.math.macros), as the preview has them', { example: '{"\\\\R": "\\\\mathbb{R}"}' })],
    ['--lang en|zh-cn', l10n.t('the language of messages (default: from LC_ALL, LC_MESSAGES, LANG); --json keeps its English field names')],
    ['--', l10n.t('ends the options: later arguments are files, even "-x.md"')],
  ];
  return [
    ...commands,
    '',
    ...wrap(
      `check   ${l10n.t('Evaluates every dl-calc block and inline = expr of each note and checks the hand calculations written in its LaTeX math and prose. A directory means its *.md and *.markdown files, recursively. Prints each error and failed check as path:line:col: message, then a summary.')}`,
      8,
    ),
    ...table(check),
    '',
    ...wrap(`render  ${l10n.t("Writes the note as one self-contained HTML file (default: the note's name with .html), sanitised, images inside the note's folder embedded.")}`, 8),
    ...table(render),
    '',
    l10n.t('Options of both commands (the editor setting each one mirrors in brackets):'),
    ...table(both),
    '',
    ...wrap(
      l10n.t(
        'Exit code: 0 every check passes; 1 a check failed, an error occurred or a note could not be fully checked (too large, too deeply nested, stopped, its process crashed); 2 bad usage, or a file or directory that cannot be read (missing, a directory with no notes, not UTF-8 text).',
      ),
      0,
    ),
  ].join('\n');
}

function table(rows: readonly [string, string][]): string[] {
  return rows.flatMap(([option, text]) => {
    const lead = `  ${option}`.padEnd(OPTION_COLUMN);
    const lines = wrap(lead.length > OPTION_COLUMN ? `  ${option}` : lead + text, OPTION_COLUMN);
    return lead.length > OPTION_COLUMN ? [...lines, ...wrap(' '.repeat(OPTION_COLUMN) + text, OPTION_COLUMN)] : lines;
  });
}

const wide = (c: string) => /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c);

/** Characters a line may not start with, or end with (Chinese line-breaking rules, in short). */
const NO_START = '，。；：、）”’！？)]}.,;:';
const NO_END = '（“‘([{';

const columnsOf = (text: string) => [...text].reduce((n, ch) => n + (wide(ch) ? 2 : 1), 0);

/** Where `line` may break last: at a space, or between two characters when one is wide. */
function lastBreak(line: string, indent: number): number {
  for (let i = line.length - 1; i > indent; i--) {
    const before = line[i - 1];
    const after = line[i];
    if (NO_START.includes(after) || NO_END.includes(before)) continue;
    if (after === ' ' || before === ' ' || wide(before) || wide(after)) return i;
  }
  return line.length;
}

/** Wraps at WIDTH columns, later lines indented by `indent`. */
function wrap(text: string, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const c of text) {
    if (columnsOf(line) + (wide(c) ? 2 : 1) > WIDTH && line.trim()) {
      const at = lastBreak(line, indent);
      lines.push(line.slice(0, at).trimEnd());
      line = ' '.repeat(indent) + line.slice(at).trimStart();
    }
    line += c;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}
