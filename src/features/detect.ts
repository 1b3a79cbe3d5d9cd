// Does a Markdown note have anything for dl-calc to do? Used before anything is started:
// a cheap text test first, then markdown-it's own parse (the same one the engine uses),
// loaded only when the text test passes. With LaTeX checks on, math holding a relation
// (`$0.5 - 0.03 = 0.47$`) counts too: a note with no blocks still gets its hand
// calculations checked.
/* eslint-disable @typescript-eslint/no-require-imports */

/** A fence whose info starts with dl-calc (or Pandoc's {.dl-calc}), or an inline code span starting with `=`. */
const MAYBE = /(`{3,}|~{3,})[ \t]*(?:\{[ \t]*\.)?dl-calc|`[ \t]*=/;
/** Math (`$…$`, `$$…$$`) with a relation the checker compares, or a math fence. */
const MATH_CHAIN = /\$[^$]*?(?:=|\\approx|\\simeq|≈|\\le|\\ge|<|>)[^$]*?\$|(`{3,}|~{3,})[ \t]*math\b/g;

export function mayHaveDlCalc(text: string): boolean {
  return MAYBE.test(text);
}

/** Math that may hold a numeric chain of (in)equalities (a digit and a relation). */
export function mayHaveMathChain(text: string): boolean {
  if (!text.includes('$') && !/(`{3,}|~{3,})[ \t]*math/.test(text)) return false;
  MATH_CHAIN.lastIndex = 0;
  for (let m = MATH_CHAIN.exec(text), n = 0; m && n < 10_000; m = MATH_CHAIN.exec(text), n++) {
    if (m[1] || /\d/.test(m[0])) return true;
  }
  return false;
}

/** Arithmetic in plain text (`6*6*8 = 288`) or math in `\\( \\)`-style delimiters, roughly. */
const OUTSIDE_MATH = /\d[ \t]*(?:[-+*/×÷·−＋]|\\\*)[ \t]*[\d(（][^\n]{0,120}?[=＝≈][ \t]*[-−]?\d|\\\(|\\\[|\\begin\{(?:align|equation|gather)/;

/** Math chains, or what the prose and other-delimiter checks may read. */
function mayHaveChecks(text: string): boolean {
  return mayHaveMathChain(text) || OUTSIDE_MATH.test(text);
}

/** Anything the note service should evaluate: dl-calc content, or math to check. */
export function mayHaveContent(text: string, latexChecks: boolean): boolean {
  return mayHaveDlCalc(text) || (latexChecks && mayHaveChecks(text));
}

export function hasDlCalcContent(text: string): boolean {
  if (!mayHaveDlCalc(text)) return false;
  const { parseNote } = require('../engine/blocks') as typeof import('../engine/blocks');
  const note = parseNote(text);
  return note.blocks.length > 0 || note.inlines.length > 0;
}

/** Should this note start the session? dl-calc blocks or spans, or (checks on) math chains. */
export function hasContent(text: string, latexChecks: boolean): boolean {
  return hasDlCalcContent(text) || (latexChecks && mayHaveChecks(text));
}
