// `$a$$b$`: two inline formulas written back to back. The markdown-it KaTeX plugin reads
// the middle `$$` as a display delimiter and renders neither; Typora renders two formulas.
// This inline rule claims such runs first and emits ordinary `math_inline` tokens, so the
// math plugin renders them exactly as it renders any other inline formula.

import type MarkdownIt from 'markdown-it';
import { MATH_ADJACENT, MATH_OFFSET } from '../parse/meta';

const DOLLAR = 0x24;

/** Next `$` at or after `from` that is not escaped by an odd run of backslashes. */
function closingDollar(src: string, from: number, max: number): number {
  for (let i = src.indexOf('$', from); i !== -1 && i < max; i = src.indexOf('$', i + 1)) {
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && src[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

const wordChar = /^[\w\d]$/u;
const space = /^\s$/u;

export function adjacentInlineMath(state: MarkdownIt.StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== DOLLAR || src.charCodeAt(start + 1) === DOLLAR) return false;
  // Without a math renderer the tokens would print as raw <math> tags.
  if (!state.md.renderer.rules.math_inline) return false;
  // Same opening condition as the math plugin's own inline rule.
  const prev = src[start - 1];
  if (prev === '$' || prev === '\\' || (prev !== undefined && !space.test(prev) && wordChar.test(prev))) return false;

  const spans: [number, number][] = [];
  let open = start;
  for (;;) {
    const close = closingDollar(src, open + 1, state.posMax);
    if (close === -1 || close === open + 1) break;
    spans.push([open + 1, close]);
    const next = src[close + 1];
    const after = src[close + 2];
    // `$b` right after a closing `$` starts another formula; `$$` or `$ ` does not.
    if (next === '$' && after !== undefined && after !== '$' && !space.test(after)) {
      open = close + 1;
      continue;
    }
    break;
  }
  if (spans.length < 2) return false;
  const end = spans[spans.length - 1][1];
  const following = src[end + 1];
  // The last formula must close where the math plugin would accept a closing `$`.
  if (following === '$' || (following !== undefined && !space.test(following) && wordChar.test(following))) {
    return false;
  }
  if (!silent) {
    for (const [from, to] of spans) {
      const token = state.push('math_inline', 'math', 0);
      token.markup = '$';
      token.content = src.slice(from, to);
      // Where the formula is, for the checker (the plugin's own tokens get it from the parse hooks).
      token.meta = { [MATH_OFFSET]: from, [MATH_ADJACENT]: true };
    }
  }
  state.pos = end + 1;
  return true;
}
