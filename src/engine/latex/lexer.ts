// Splits LaTeX math source into tokens that remember their offsets, so every later
// stage (rows, chains, translation) can point back at the exact characters written.
import { DELIMITER_COMMANDS as DELIM_CMD, SIZE_CLOSE, SIZE_EITHER as SIZE_ANY, SIZE_OPEN, type DelimiterEntry } from './vocabulary';

export type TexTokenKind =
  | 'num' // 0.5, 1{,}000, 12\,345 (text is as written, value is the cleaned digits)
  | 'letter' // a single Latin letter
  | 'cmd' // \frac, \, , \\ ... (text is the name without the backslash)
  | 'lbrace' // {
  | 'rbrace' // }
  | 'open' // ( [ \left( \left[ \left| \{ \left. \bigl( ...
  | 'close' // ) ] \right) ...
  | 'char'; // anything else: + - / = < > | ' ! , . & ^ _ and other code points

export interface TexToken {
  readonly kind: TexTokenKind;
  /** Number value text without separators / command name / character / delimiter. */
  readonly text: string;
  /** Offsets into the span content, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Digits after the decimal point, for numbers. */
  readonly decimals?: number;
  /** True when no whitespace separates this token from the previous one. */
  readonly tight: boolean;
}

interface RawToken {
  kind: TexTokenKind;
  text: string;
  start: number;
  end: number;
  decimals?: number;
  tight: boolean;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z]$/.test(c);
}

/** Reads a number at `i`: digits, an optional fraction, and thousands groups written `{,}` or `\,`. */
function readNumber(src: string, i: number): { end: number; text: string; decimals: number } | undefined {
  let j = i;
  let digits = '';
  while (isDigit(src[j])) digits += src[j++];
  // Thousands groups only in the integer part and only of exactly three digits, so
  // that `0{,}5` (a decimal comma) or `2\,3` is never read as a grouped number.
  if (digits.length > 0 && digits.length <= 3) {
    for (;;) {
      const sep = src.startsWith('{,}', j) ? 3 : src.startsWith('\\,', j) ? 2 : 0;
      if (!sep) break;
      const g = src.slice(j + sep, j + sep + 3);
      if (!/^\d{3}$/.test(g) || isDigit(src[j + sep + 3])) break;
      digits += g;
      j += sep + 3;
    }
  }
  let decimals = 0;
  if (src[j] === '.' && isDigit(src[j + 1])) {
    j++;
    let frac = '';
    while (isDigit(src[j])) frac += src[j++];
    decimals = frac.length;
    digits = (digits || '0') + '.' + frac;
  }
  if (!digits) return undefined;
  return { end: j, text: digits, decimals };
}

/** Raw tokens: whitespace and comments dropped, `tight` records adjacency. */
function rawTokens(src: string): RawToken[] {
  const out: RawToken[] = [];
  let i = 0;
  let tight = true;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      tight = false;
      continue;
    }
    if (c === '%') {
      // A TeX comment runs to the end of the line.
      while (i < src.length && src[i] !== '\n') i++;
      tight = false;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1]))) {
      const n = readNumber(src, i)!;
      out.push({ kind: 'num', text: n.text, start, end: n.end, decimals: n.decimals, tight });
      i = n.end;
    } else if (c === '\\') {
      if (isLetter(src[i + 1])) {
        let j = i + 1;
        while (isLetter(src[j])) j++;
        out.push({ kind: 'cmd', text: src.slice(i + 1, j), start, end: j, tight });
        i = j;
      } else if (i + 1 < src.length) {
        const cp = String.fromCodePoint(src.codePointAt(i + 1)!);
        out.push({ kind: 'cmd', text: cp, start, end: i + 1 + cp.length, tight });
        i += 1 + cp.length;
      } else {
        out.push({ kind: 'char', text: '\\', start, end: i + 1, tight });
        i++;
      }
    } else if (c === '{') {
      out.push({ kind: 'lbrace', text: c, start, end: i + 1, tight });
      i++;
    } else if (c === '}') {
      out.push({ kind: 'rbrace', text: c, start, end: i + 1, tight });
      i++;
    } else if (c === '(' || c === '[') {
      out.push({ kind: 'open', text: c, start, end: i + 1, tight });
      i++;
    } else if (c === ')' || c === ']') {
      out.push({ kind: 'close', text: c, start, end: i + 1, tight });
      i++;
    } else if (isLetter(c)) {
      out.push({ kind: 'letter', text: c, start, end: i + 1, tight });
      i++;
    } else {
      const cp = String.fromCodePoint(src.codePointAt(i)!);
      // Letters pasted from a math font (`𝑥`, `𝐰`) stand for the plain letter.
      const plainLetter = mathLetter(cp.codePointAt(0)!);
      out.push(plainLetter ? { kind: 'letter', text: plainLetter, start, end: i + cp.length, tight } : { kind: 'char', text: cp, start, end: i + cp.length, tight });
      i += cp.length;
    }
    tight = true;
  }
  return out;
}

/**
 * Tokens of a LaTeX source. Sizing commands are folded into the delimiter they size
 * (`\left(` becomes one `open` token), so brackets can be matched by kind alone.
 */
export function lex(src: string): TexToken[] {
  const raw = rawTokens(src);
  const out: TexToken[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    if (t.kind === 'cmd' && (SIZE_OPEN.has(t.text) || SIZE_CLOSE.has(t.text) || SIZE_ANY.has(t.text))) {
      const d = raw[i + 1];
      const delim = d ? delimiterOf(d) : undefined;
      if (d && delim) {
        const kind: TexTokenKind = SIZE_OPEN.has(t.text)
          ? 'open'
          : SIZE_CLOSE.has(t.text)
            ? 'close'
            : delim.kind === 'either'
              ? 'char'
              : delim.kind;
        out.push({ kind, text: delim.delim, start: t.start, end: d.end, tight: t.tight });
        i++;
        continue;
      }
    }
    if (t.kind === 'cmd' && DELIM_CMD[t.text]) {
      const d = DELIM_CMD[t.text];
      out.push({ kind: d.kind === 'either' ? 'char' : d.kind, text: d.delim, start: t.start, end: t.end, tight: t.tight });
      continue;
    }
    out.push(t);
  }
  return out;
}

function delimiterOf(t: RawToken): DelimiterEntry | undefined {
  if (t.kind === 'open') return { kind: 'open', delim: t.text };
  if (t.kind === 'close') return { kind: 'close', delim: t.text };
  if (t.kind === 'char' && (t.text === '|' || t.text === '.' || t.text === '/')) return { kind: 'either', delim: t.text };
  if (t.kind === 'char' && (t.text === '<' || t.text === '>')) return { kind: t.text === '<' ? 'open' : 'close', delim: t.text };
  if (t.kind === 'cmd') return DELIM_CMD[t.text];
  return undefined;
}

/**
 * The Latin letter a Mathematical Alphanumeric Symbol stands for (U+1D400–U+1D6A3: bold,
 * italic, script, fraktur, double-struck, sans-serif and monospace, each 52 letters A–Z
 * a–z), or undefined. Notes copied from a PDF or a web page carry them.
 */
function mathLetter(code: number): string | undefined {
  if (code < 0x1d400 || code > 0x1d6a3) return undefined;
  const k = (code - 0x1d400) % 52;
  return String.fromCharCode(k < 26 ? 65 + k : 97 + k - 26);
}
