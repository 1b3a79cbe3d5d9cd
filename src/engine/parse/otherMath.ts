// Math written for MathJax sites rather than for VS Code's preview: `\( … \)`, `\[ … \]`
// (in Markdown source often `\\( … \\)`, which Markdown turns into `\(`), and a bare
// `\begin{align} … \end{align}`. The preview shows them as text; the checker reads them
// when the user asks it to (dlCalc.latexChecks.otherDelimiters), and prose arithmetic never
// reads inside them.
export interface OtherMath {
  /** Offsets of the whole formula, delimiters included, in the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly display: boolean;
  /** The LaTeX inside, as MathJax receives it. */
  readonly content: string;
  /** For each offset into `content` (and `content.length`), the offset in the scanned text. */
  readonly sourceAt: readonly number[];
}

// Environments MathJax typesets on their own, outside any delimiter.
const BARE_ENVS = /^\\begin\{(equation|align|alignat|gather|multline|eqnarray|flalign)(\*?)\}/;
const MAX_FORMULA = 20000;

// What Markdown unescapes: `\\(` is how a note writes `\(` so that Markdown keeps it.
const ESCAPABLE = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'.split(''));

function unescaped(text: string, from: number, to: number): { content: string; sourceAt: number[] } {
  let content = '';
  const sourceAt: number[] = [];
  for (let i = from; i < to; i++) {
    if (text[i] === '\\' && i + 1 < to && ESCAPABLE.has(text[i + 1])) i++;
    content += text[i];
    sourceAt.push(i);
  }
  sourceAt.push(to);
  return { content, sourceAt };
}

function raw(text: string, from: number, to: number): { content: string; sourceAt: number[] } {
  const sourceAt: number[] = [];
  for (let i = from; i <= to; i++) sourceAt.push(i);
  return { content: text.slice(from, to), sourceAt };
}

/** Number of backslashes ending at `at - 1`. */
function backslashesBefore(text: string, at: number): number {
  let n = 0;
  while (at - 1 - n >= 0 && text[at - 1 - n] === '\\') n++;
  return n;
}

/**
 * `indexOf` that remembers its last answer per needle, so that many openings without a
 * closing do not search the rest of the text again each time.
 */
class Finder {
  private readonly last = new Map<string, { from: number; at: number }>();
  constructor(private readonly text: string) {}
  find(needle: string, from: number): number {
    const l = this.last.get(needle);
    if (l && from >= l.from && (l.at < 0 || from <= l.at)) return l.at;
    const at = this.text.indexOf(needle, from);
    this.last.set(needle, { from, at });
    return at;
  }
}

/**
 * Formulas in `text` outside the `regions` (code, `$` math, HTML, links; sorted, not
 * overlapping), in order.
 * Linear: each closing delimiter is searched for once from its opening.
 */
export function findOtherMath(text: string, regions: readonly { start: number; end: number }[]): OtherMath[] {
  const out: OtherMath[] = [];
  const finder = new Finder(text);
  let r = 0;
  let i = text.indexOf('\\');
  while (i >= 0 && i < text.length) {
    while (r < regions.length && regions[r].end <= i) r++;
    if (r < regions.length && regions[r].start <= i) {
      i = text.indexOf('\\', regions[r].end);
      continue;
    }
    const limit = r < regions.length ? regions[r].start : text.length;
    const found = formulaAt(text, i, limit, finder);
    if (found) {
      out.push(found);
      i = text.indexOf('\\', found.end);
    } else {
      // Skip the whole backslash run: `\\\\(` is not an opening.
      let j = i;
      while (text[j] === '\\') j++;
      i = text.indexOf('\\', j);
    }
  }
  return out;
}

function formulaAt(text: string, i: number, limit: number, finder: Finder): OtherMath | undefined {
  if (backslashesBefore(text, i) > 0) return undefined;
  const double = text[i + 1] === '\\';
  const open = double ? text[i + 2] : text[i + 1];
  if (open === '(' || open === '[') {
    const width = double ? 3 : 2;
    const closer = (double ? '\\\\' : '\\') + (open === '(' ? ')' : ']');
    let close = finder.find(closer, i + width);
    // The closer must not itself be escaped by a further backslash (`\\\)`).
    while (close >= 0 && close < limit && backslashesBefore(text, close) % 2 === 1) close = finder.find(closer, close + 1);
    if (close < 0 || close + closer.length > limit || close - i > MAX_FORMULA) return undefined;
    const body = double ? unescaped(text, i + width, close) : raw(text, i + width, close);
    if (!body.content.trim()) return undefined;
    return { start: i, end: close + closer.length, display: open === '[', ...body };
  }
  const env = BARE_ENVS.exec(text.slice(i, i + 40));
  if (env) {
    const end = `\\end{${env[1]}${env[2]}}`;
    const close = finder.find(end, i);
    if (close < 0 || close + end.length > limit || close - i > MAX_FORMULA) return undefined;
    return { start: i, end: close + end.length, display: true, ...raw(text, i, close + end.length) };
  }
  return undefined;
}
