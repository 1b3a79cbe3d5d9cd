// Notation of derivations that the numeric translation does not read, rewritten on the
// tokens before a side is translated: indicators (`\mathbb{1}[x > 0]`, `1\{x > 0\}`,
// `\mathbf{1}_{x > 0}`) become a placeholder name whose value is a condition
// (`x > 0 ? 1 : 0`, a kink for the sampling), and sums with bounds written as whole numbers
// (`\sum_{i=1}^{3} x_i^2`) are written out term by term. Anything else is left alone,
// so the translation says why it cannot read it.
import type { TexToken } from './lexer';
import { translate } from './translate';
import { say } from '../messages';

/** Names the translation reads as one symbol and no note writes: the indicators' stand-ins. */
const PLACEHOLDERS = ['ϐ', 'ϑ', 'ϒ', 'ϕ', 'ϖ', 'ϰ', 'ϱ', 'ϵ'];
/** Stand-ins for argmax and argmin, read as calls of the note (see `argFunctions`). */
export const ARGMAX = 'ϙ';
export const ARGMIN = 'ϛ';
/** Terms an ellipsis may be written out to. */
export const MAX_ELLIPSIS_TERMS = 20;
const ELLIPSIS_CMDS = new Set(['ldots', 'cdots', 'dots', 'dotsc', 'dotsb']);
const ELLIPSIS_CHARS = new Set(['⋯', '…']);
/** What may stand between the items of a list or a sum written with an ellipsis. */
const ELLIPSIS_SEPARATORS = new Set([',', '+']);
const ARG_WORD_CMDS = new Set(['operatorname', 'mathrm', 'text', 'textrm', 'mathop']);
/** Terms a written-out sum may have. */
export const MAX_SUM_TERMS = 20;
/** Tokens a side may grow to by writing sums out. */
const MAX_TOKENS = 3000;

const RELATIONS: Record<string, string> = { '<': '<', '>': '>', lt: '<', gt: '>', le: '<=', leq: '<=', leqslant: '<=', ge: '>=', geq: '>=', geqslant: '>=' };
const EQUALITIES = new Set(['=', 'ne', 'neq']);
const INDICATOR_FONTS = new Set(['mathbb', 'mathbf', 'mathds', 'mathbbm', 'boldsymbol', 'bm']);

export interface Rewritten {
  readonly tokens: readonly TexToken[];
  /** Placeholder name → the mathjs source it stands for. */
  readonly values: ReadonlyMap<string, string>;
}

function isChar(t: TexToken | undefined, ...cs: string[]): boolean {
  return !!t && t.kind === 'char' && cs.includes(t.text);
}

/** Index after the group or bracket opened at `i` (brace, `(`, `[`, `\{`), or -1. */
function closing(t: readonly TexToken[], i: number): number {
  const first = t[i];
  if (!first || (first.kind !== 'lbrace' && first.kind !== 'open')) return -1;
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    const k = t[j].kind;
    if (k === 'lbrace' || k === 'open') depth++;
    else if ((k === 'rbrace' || k === 'close') && --depth === 0) return j + 1;
  }
  return -1;
}

function synthetic(kind: TexToken['kind'], text: string, at: TexToken): TexToken {
  return { kind, text, start: at.start, end: at.end, tight: false, ...(kind === 'num' ? { decimals: 0 } : {}) };
}

/**
 * A whole number written where a letter stood (`n` → 3): one character wide at the
 * letter, as the parser reads a subscript (`x_n` → `x_3` → the name x3, also for 12).
 */
function numberAt(k: number, at: TexToken): TexToken {
  return { kind: 'num', text: String(k), start: at.start, end: at.start + 1, tight: at.tight, decimals: 0 };
}

/** Whether the letter at `i` stands alone (not part of a word written together). */
function loneLetter(t: readonly TexToken[], i: number): boolean {
  const x = t[i];
  return x.kind === 'letter' && !(t[i - 1]?.kind === 'letter' && x.tight) && !(t[i + 1]?.kind === 'letter' && t[i + 1].tight);
}

/**
 * The tokens with each lone letter in `values` replaced by its whole number, in
 * subscripts too (`x_{i}` → `x_3`), as one subscript the parser reads.
 */
export function replaceLetters(t: readonly TexToken[], values: ReadonlyMap<string, number>): TexToken[] {
  const out: TexToken[] = [];
  for (let i = 0; i < t.length; i++) {
    const x = t[i];
    // `_{i}`: the braces go with the letter.
    if (x.kind === 'lbrace' && isChar(t[i - 1], '_') && t[i + 1]?.kind === 'letter' && values.has(t[i + 1].text) && t[i + 2]?.kind === 'rbrace') {
      out.push(numberAt(values.get(t[i + 1].text)!, t[i + 1]));
      i += 2;
      continue;
    }
    if (x.kind === 'letter' && values.has(x.text) && loneLetter(t, i)) out.push(numberAt(values.get(x.text)!, x));
    else out.push(x);
  }
  return out;
}

/** `x > 0` as mathjs source of 1 or 0, or why not. */
function condition(inner: readonly TexToken[], src: string): string | { reason: string } {
  let at = -1;
  let depth = 0;
  for (let j = 0; j < inner.length; j++) {
    const x = inner[j];
    if (x.kind === 'lbrace' || x.kind === 'open') depth++;
    else if (x.kind === 'rbrace' || x.kind === 'close') depth--;
    else if (depth === 0 && ((x.kind === 'char' && (x.text in RELATIONS || EQUALITIES.has(x.text))) || (x.kind === 'cmd' && (x.text in RELATIONS || EQUALITIES.has(x.text))))) {
      if (at >= 0) return { reason: say('symbolic.indicatorCondition') };
      at = j;
    }
  }
  if (at < 0) return { reason: say('symbolic.indicatorCondition') };
  const op = RELATIONS[inner[at].text];
  if (!op) return { reason: say('symbolic.indicatorEquality') };
  const l = translate(inner.slice(0, at), src);
  const r = translate(inner.slice(at + 1), src);
  if (!l.ok || !r.ok) return { reason: say('symbolic.indicatorCondition') };
  return `((${l.expression}) ${op} (${r.expression}) ? 1 : 0)`;
}

/** The indicator starting at `i`, if one does: its condition's tokens and the index after it. */
function indicatorAt(t: readonly TexToken[], i: number): { inner: TexToken[]; next: number } | undefined {
  const x = t[i];
  let j: number;
  if (x.kind === 'cmd' && INDICATOR_FONTS.has(x.text) && t[i + 1]?.kind === 'lbrace' && t[i + 3]?.kind === 'rbrace' && ((t[i + 2]?.kind === 'num' && t[i + 2].text === '1') || (t[i + 2]?.kind === 'letter' && t[i + 2].text === 'I'))) {
    j = i + 4;
  } else if (x.kind === 'num' && x.text === '1' && t[i + 1]?.kind === 'open' && t[i + 1].text === '{' && t[i + 1].tight && !(t[i - 1] && ['num', 'letter'].includes(t[i - 1].kind) && x.tight)) {
    // `1\{x > 0\}`: a 1 glued to an escaped brace (a set-builder bracket after 1 is an indicator).
    j = i + 1;
  } else return undefined;
  if (isChar(t[j], '_') && t[j + 1]?.kind === 'lbrace') {
    const end = closing(t, j + 1);
    if (end < 0) return undefined;
    return { inner: t.slice(j + 2, end - 1), next: end };
  }
  const end = closing(t, j);
  if (end < 0 || t[j].kind !== 'open') return undefined;
  return { inner: t.slice(j + 1, end - 1), next: end };
}

/** `\sum_{i=1}^{3}` at `i`: the index, the bounds and the index after them. */
function sumAt(t: readonly TexToken[], i: number): { index: string; from: number; to: number; next: number } | { reason: string } | undefined {
  if (!(t[i].kind === 'cmd' && t[i].text === 'sum')) return undefined;
  if (!isChar(t[i + 1], '_') || t[i + 2]?.kind !== 'lbrace') return { reason: say('symbolic.sumBounds') };
  const lowEnd = closing(t, i + 2);
  const low = t.slice(i + 3, lowEnd - 1);
  if (lowEnd < 0 || low.length !== 3 || low[0].kind !== 'letter' || !isChar(low[1], '=') || low[2].kind !== 'num' || !/^\d+$/.test(low[2].text)) return { reason: say('symbolic.sumBounds') };
  if (!isChar(t[lowEnd], '^')) return { reason: say('symbolic.sumBounds') };
  let to: string | undefined;
  let next: number;
  const h = t[lowEnd + 1];
  if (h?.kind === 'num') {
    to = h.text;
    next = lowEnd + 2;
  } else if (h?.kind === 'lbrace') {
    const end = closing(t, lowEnd + 1);
    const inner = t.slice(lowEnd + 2, end - 1);
    if (end < 0 || inner.length !== 1 || inner[0].kind !== 'num') return { reason: say('symbolic.sumBounds') };
    to = inner[0].text;
    next = end;
  } else return { reason: say('symbolic.sumBounds') };
  if (!/^\d+$/.test(to)) return { reason: say('symbolic.sumBounds') };
  return { index: low[0].text, from: Number(low[2].text), to: Number(to), next };
}

/** Where a summand ends: the next `+` or `-` (or relation) outside brackets, or the end. */
function summandEnd(t: readonly TexToken[], from: number): number {
  let depth = 0;
  for (let j = from; j < t.length; j++) {
    const x = t[j];
    if (x.kind === 'lbrace' || x.kind === 'open') depth++;
    else if (x.kind === 'rbrace' || x.kind === 'close') {
      if (--depth < 0) return j;
    } else if (depth === 0 && j > from && (isChar(x, '+', '-', '=', '<', '>', ',') || (x.kind === 'cmd' && ['pm', 'mp'].includes(x.text)))) return j;
  }
  return t.length;
}

/** One sum written out, or why not. */
function writeOutSum(t: readonly TexToken[], i: number, s: { index: string; from: number; to: number; next: number }): TexToken[] | { reason: string } {
  const count = s.to - s.from + 1;
  if (count < 1 || count > MAX_SUM_TERMS) return { reason: say('symbolic.sumTooLong', { limit: MAX_SUM_TERMS }) };
  const end = summandEnd(t, s.next);
  const body = t.slice(s.next, end);
  if (!body.length) return { reason: say('symbolic.sumBounds') };
  const at = t[i];
  // Braces, not a bracket: `a \sum …` must not read as a call a(…).
  const out: TexToken[] = [synthetic('lbrace', '{', at)];
  for (let k = s.from; k <= s.to; k++) {
    if (k > s.from) out.push(synthetic('char', '+', at));
    out.push(synthetic('open', '(', at));
    out.push(...replaceLetters(body, new Map([[s.index, k]])));
    out.push(synthetic('close', ')', at));
  }
  out.push(synthetic('rbrace', '}', at));
  return [...t.slice(0, i), ...out, ...t.slice(end)];
}


/** The word written in a brace group (`{arg\,max}` → `argmax`), spacing dropped; undefined if it is not letters. */
function wordIn(inner: readonly TexToken[]): string | undefined {
  let w = '';
  for (const x of inner) {
    if (x.kind === 'letter') w += x.text;
    else if (x.kind === 'cmd' && (x.text === ',' || x.text === ';' || x.text === ' ' || x.text === '!')) continue;
    else if (x.kind === 'cmd' && (x.text === 'max' || x.text === 'min' || x.text === 'arg')) w += x.text;
    else return undefined;
  }
  return w;
}

/**
 * argmax or argmin at `i`: `\arg\max`, `\operatorname{argmax}` (also `*`, `arg\,max`,
 * `\mathrm`, `\text`), `\argmax` (the usual macro name), or the letters `argmax` before a
 * bracket. Returns the stand-in and the index after the word, or why it cannot be read.
 */
function argWordAt(t: readonly TexToken[], i: number): { name: string; next: number } | { reason: string } | undefined {
  const x = t[i];
  let word: string | undefined;
  let next = i + 1;
  if (x.kind === 'cmd' && x.text === 'arg' && t[i + 1]?.kind === 'cmd' && (t[i + 1].text === 'max' || t[i + 1].text === 'min')) {
    word = 'arg' + t[i + 1].text;
    next = i + 2;
  } else if (x.kind === 'cmd' && (x.text === 'argmax' || x.text === 'argmin')) {
    word = x.text;
  } else if (x.kind === 'cmd' && ARG_WORD_CMDS.has(x.text)) {
    let j = i + 1;
    if (isChar(t[j], '*')) j++;
    const end = closing(t, j);
    if (end < 0 || t[j].kind !== 'lbrace') return undefined;
    const w = wordIn(t.slice(j + 1, end - 1));
    if (w?.toLowerCase() !== 'argmax' && w?.toLowerCase() !== 'argmin') return undefined;
    word = w.toLowerCase();
    next = end;
  } else if (x.kind === 'letter' && x.text === 'a' && !(t[i - 1]?.kind === 'letter' && x.tight)) {
    let j = i;
    let w = '';
    while (t[j]?.kind === 'letter' && (j === i || t[j].tight)) w += t[j++].text;
    if (w !== 'argmax' && w !== 'argmin') return undefined;
    word = w;
    next = j;
  } else return undefined;
  // `\arg\max_i x_i` (over an index) and a word without its bracketed arguments are not read.
  if (!(t[next]?.kind === 'open' && t[next].text === '(')) return { reason: say('symbolic.argForm', { name: word }) };
  return { name: word === 'argmax' ? ARGMAX : ARGMIN, next };
}

/** `x_3` or `x_{3}` ending at `end` (exclusive): the base token and the number, or undefined. */
function numberedBefore(t: readonly TexToken[], end: number): { base: TexToken; n: number; start: number } | undefined {
  let k = end - 1;
  let num: TexToken | undefined;
  if (t[k]?.kind === 'num') num = t[k--];
  else if (t[k]?.kind === 'rbrace' && t[k - 1]?.kind === 'num' && t[k - 2]?.kind === 'lbrace') {
    num = t[k - 1];
    k -= 3;
  }
  if (!num || !/^\d+$/.test(num.text) || !isChar(t[k], '_')) return undefined;
  const base = t[k - 1];
  if (!base || (base.kind !== 'letter' && base.kind !== 'cmd') || (t[k - 2]?.kind === 'letter' && base.tight && base.kind === 'letter')) return undefined;
  return { base, n: Number(num.text), start: k - 1 };
}

function numberedAfter(t: readonly TexToken[], start: number): { base: TexToken; n: number; end: number } | undefined {
  const base = t[start];
  if (!base || (base.kind !== 'letter' && base.kind !== 'cmd') || !isChar(t[start + 1], '_')) return undefined;
  let num: TexToken | undefined;
  let end: number;
  if (t[start + 2]?.kind === 'num') {
    num = t[start + 2];
    end = start + 3;
  } else if (t[start + 2]?.kind === 'lbrace' && t[start + 3]?.kind === 'num' && t[start + 4]?.kind === 'rbrace') {
    num = t[start + 3];
    end = start + 5;
  } else return undefined;
  if (!/^\d+$/.test(num.text) || (t[end]?.kind === 'letter' && t[end].tight)) return undefined;
  return { base, n: Number(num.text), end };
}

/**
 * Ellipses between numbered items written out: `x_1, \ldots, x_4` → `x_1, x_2, x_3, x_4`,
 * `x_1 + \cdots + x_3` likewise. Both ends must be the same name with whole-number
 * subscripts, the same separator (`,` or `+`) on both sides; anything else is left for the
 * translation to skip.
 */
function writeOutEllipses(tokens: readonly TexToken[]): TexToken[] | { reason: string } {
  const t = tokens.slice();
  for (let e = 0; e < t.length; e++) {
    const x = t[e];
    if (!((x.kind === 'cmd' && ELLIPSIS_CMDS.has(x.text)) || (x.kind === 'char' && ELLIPSIS_CHARS.has(x.text)))) continue;
    const sepL = t[e - 1];
    const sepR = t[e + 1];
    if (!sepL || !sepR || sepL.kind !== 'char' || !ELLIPSIS_SEPARATORS.has(sepL.text) || !isChar(sepR, sepL.text)) continue;
    const a = numberedBefore(t, e - 1);
    const b = numberedAfter(t, e + 2);
    if (!a || !b || a.base.kind !== b.base.kind || a.base.text !== b.base.text) continue;
    if (b.n <= a.n) continue;
    if (b.n - a.n + 1 > MAX_ELLIPSIS_TERMS) return { reason: say('symbolic.ellipsisTooLong', { limit: MAX_ELLIPSIS_TERMS }) };
    const middle: TexToken[] = [];
    for (let k = a.n + 1; k < b.n; k++) {
      middle.push({ ...a.base, start: x.start, end: x.end, tight: false }, synthetic('char', '_', x), numberAt(k, x), synthetic('char', sepL.text, x));
    }
    // `x_1 , [x_2 , x_3 ,] x_4`: the ellipsis and one separator give way to the items.
    t.splice(e, 2, ...middle);
    e += middle.length - 1;
  }
  return t;
}

/** Whether the tokens hold an argmax, an argmin or an ellipsis this module may read. */
function usesArgOrEllipsis(tokens: readonly TexToken[]): boolean {
  return tokens.some(
    (x, i) =>
      (x.kind === 'cmd' && (x.text === 'arg' || x.text === 'argmax' || x.text === 'argmin' || ELLIPSIS_CMDS.has(x.text) || (ARG_WORD_CMDS.has(x.text) && argWordAt(tokens, i) !== undefined))) ||
      (x.kind === 'char' && ELLIPSIS_CHARS.has(x.text)) ||
      (x.kind === 'letter' && x.text === 'a' && argWordAt(tokens, i) !== undefined),
  );
}

/** The side's tokens with indicators replaced and bounded sums written out, or why a piece cannot be read. */
export function rewriteNotation(tokens: readonly TexToken[], src: string): Rewritten | { reason: string } {
  const written = writeOutEllipses(tokens);
  if ('reason' in written) return written;
  let t = written;
  // Sums first (innermost last written out is fine: each pass writes out the first one).
  for (let guard = 0; guard < 16; guard++) {
    const i = t.findIndex((x) => x.kind === 'cmd' && x.text === 'sum');
    if (i < 0) break;
    const s = sumAt(t, i);
    if (!s || 'reason' in s) return { reason: s?.reason ?? say('symbolic.sumBounds') };
    const w = writeOutSum(t, i, s);
    if ('reason' in w) return w;
    if (w.length > MAX_TOKENS) return { reason: say('symbolic.sumTooLong', { limit: MAX_SUM_TERMS }) };
    t = w;
  }
  const values = new Map<string, string>();
  const out: TexToken[] = [];
  for (let i = 0; i < t.length; i++) {
    const arg = argWordAt(t, i);
    if (arg && 'reason' in arg) return arg;
    if (arg) {
      out.push({ kind: 'letter', text: arg.name, start: t[i].start, end: t[arg.next - 1].end, tight: t[i].tight });
      i = arg.next - 1;
      continue;
    }
    const ind = indicatorAt(t, i);
    if (!ind) {
      out.push(t[i]);
      continue;
    }
    const c = condition(ind.inner, src);
    if (typeof c !== 'string') return c;
    if (values.size >= PLACEHOLDERS.length) return { reason: say('symbolic.indicatorCondition') };
    const name = PLACEHOLDERS[values.size];
    values.set(name, c);
    out.push({ kind: 'letter', text: name, start: t[i].start, end: t[ind.next - 1].end, tight: t[i].tight });
    i = ind.next - 1;
  }
  return { tokens: out, values };
}

/** Whether the tokens use notation this module reads (so a side is worth rewriting). */
export function usesNotation(tokens: readonly TexToken[]): boolean {
  if (usesArgOrEllipsis(tokens)) return true;
  return tokens.some((x, i) => (x.kind === 'cmd' && (x.text === 'sum' || INDICATOR_FONTS.has(x.text))) || (x.kind === 'num' && x.text === '1' && tokens[i + 1]?.kind === 'open' && tokens[i + 1].text === '{'));
}
