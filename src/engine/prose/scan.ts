// Finds arithmetic written in plain text: `6*6*8 = 288`, `(64 - 5)/1 + 1 = 60`,
// `=0.3(1−0.3)(0.5×−0.02)=−0.0021`, `3×3×64＝576。`. A claim is numbers, operators and
// brackets joined by `=` or `≈`, standing apart from words; anything that could be a date,
// a version, a time, a range, a ratio, a name or a unit is left alone (docs/latex-checks.md).
// Each claim is rewritten as the LaTeX the chain checker reads, with a map back to the
// text, so prose is compared exactly as math is. One pass over the text: linear.

/** A claim found in prose. */
export interface ProseClaim {
  /** Offsets of the claim in the scanned text. */
  readonly start: number;
  readonly end: number;
  /** The claim as LaTeX: `5 \times 5 \times 3 = 75`. */
  readonly latex: string;
  /** For each offset into `latex` (and `latex.length`), the offset in the scanned text. */
  readonly sourceAt: readonly number[];
}

/** A part of the text that is not prose (code, math, HTML, links): a barrier like a word. */
export interface Masked {
  readonly start: number;
  readonly end: number;
}

// No hand calculation in a sentence is this long; longer runs are skipped unread.
const MAX_CLAIM = 240;
const MAX_DEPTH = 24;

type Kind = 'num' | 'op' | 'minus' | 'lp' | 'rp' | 'rel' | 'pct' | 'pow' | 'space';

interface Lexeme {
  readonly kind: Kind;
  readonly start: number;
  readonly end: number;
  /** LaTeX written for it. */
  readonly tex: string;
  /** For numbers: the digits as written (commas kept), to tell dates, versions, ranges. */
  readonly text: string;
}

const OPS: Record<string, string> = {
  '+': '+',
  '＋': '+',
  '＊': '\\times',
  '／': '/',
  '*': '\\times',
  '×': '\\times',
  '∗': '\\times',
  '·': '\\cdot',
  '⋅': '\\cdot',
  '/': '/',
  '÷': '\\div',
};
const MINUS = new Set(['-', '−', '－']);
const LP = new Set(['(', '（']);
const RP = new Set([')', '）']);
const REL: Record<string, string> = { '=': '=', '＝': '=', '≈': '\\approx' };
const SPACE = new Set([' ', '\t', '\u00a0', '\u3000']);
// Escapes Markdown writers use so that `*` is not emphasis or `-` not a list.
const ESCAPED = new Set(['*', '-', '+']);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
/** Every character a claim's run can start with, asked once per character of a note's prose. */
const RUN_START = new Set([...'0123456789\\', ...Object.keys(OPS), ...MINUS, ...LP, ...Object.keys(REL)]);

/** Han, kana, Hangul and CJK/full-width punctuation: prose around a number, not a name. */
function isCjk(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x9fff) || // radicals, punctuation, kana, Han
    (code >= 0xac00 && code <= 0xd7af) || // Hangul
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff01 && code <= 0xff0f) || // full-width punctuation (not digits or letters)
    (code >= 0xff1a && code <= 0xff20) ||
    (code >= 0xff3b && code <= 0xff40) ||
    (code >= 0xff5b && code <= 0xff65)
  );
}

// ASCII neighbours that leave a claim standing apart. Not `:` (ratios, times), `,` or `.`
// (lists, decimal commas, versions), `!` (factorial), `$` (prices), `#`, `@`, `&`, `_`.
const OPEN_BEFORE = new Set(['(', '（', '[', '{', '"', "'", '“', '‘', '«', '*', '~', ' ', '\t', '\u00a0']);
const CLOSE_AFTER = new Set(['.', ',', ';', ':', '?', ')', '）', ']', '}', '"', "'", '”', '’', '»', '*', '~', ' ', '\t', '\u00a0']);

function apartBefore(c: string | undefined): boolean {
  return c === undefined || c === '\n' || OPEN_BEFORE.has(c) || isCjk(c.charCodeAt(0));
}

function apartAfter(text: string, at: number): boolean {
  const c = text[at];
  if (c === undefined || c === '\n' || isCjk(c.charCodeAt(0))) return true;
  // A hard line break (`\` at the end of the line).
  if (c === '\\' && (text[at + 1] === '\n' || text[at + 1] === undefined)) return true;
  if (!CLOSE_AFTER.has(c)) return false;
  // `3.14...`: truncated, not rounded; `= 25:1`, `= 1,5`: the number goes on.
  if (c === '.' && text[at + 1] === '.') return false;
  if ((c === '.' || c === ',' || c === ':') && isDigit(text[at + 1])) return false;
  return true;
}

/**
 * Reads a number at `at`: digits, optional thousands groups (`120,000`), optional decimals.
 * Returns undefined for what only looks like one: versions (`1.2.3`), a group that is not
 * three digits followed by a digit.
 */
function readNumber(text: string, at: number): { end: number; tex: string; text: string } | 'bad' {
  let i = at;
  while (isDigit(text[i])) i++;
  let tex = text.slice(at, i);
  // Thousands groups: 1–3 digits, then `,ddd` groups, none followed by another digit.
  if (i - at <= 3 && text[i] === ',' && isDigit(text[i + 1])) {
    let j = i;
    const groups: string[] = [];
    while (text[j] === ',' && isDigit(text[j + 1]) && isDigit(text[j + 2]) && isDigit(text[j + 3]) && !isDigit(text[j + 4])) {
      groups.push(text.slice(j + 1, j + 4));
      j += 4;
    }
    if (groups.length) {
      tex += groups.map((g) => `{,}${g}`).join('');
      i = j;
    }
  }
  if (text[i] === '.' && isDigit(text[i + 1])) {
    const d = i;
    i++;
    while (isDigit(text[i])) i++;
    tex += text.slice(d, i);
    // A second dot with digits: a version or a date, not a number.
    if (text[i] === '.' && isDigit(text[i + 1])) return 'bad';
  }
  return { end: i, tex, text: text.slice(at, i) };
}

/** A run of claim characters between barriers, lexed; 'bad' when it holds a non-number. */
function lexRun(text: string, from: number, limit: number): { lexemes: Lexeme[]; end: number; bad: boolean } {
  const lexemes: Lexeme[] = [];
  let i = from;
  let bad = false;
  while (i < limit) {
    const c = text[i];
    let kind: Kind | undefined;
    let end = i + 1;
    let tex = c;
    let raw = c;
    if (isDigit(c)) {
      const n = readNumber(text, i);
      if (n === 'bad') {
        bad = true;
        // Skip the whole dotted thing so the run ends as a barrier would.
        while (i < limit && (isDigit(text[i]) || (text[i] === '.' && isDigit(text[i + 1])))) i++;
        break;
      }
      kind = 'num';
      end = n.end;
      tex = n.tex;
      raw = n.text;
    } else if (c === '\\' && ESCAPED.has(text[i + 1])) {
      const e = text[i + 1];
      kind = e === '-' ? 'minus' : 'op';
      tex = e === '-' ? '-' : OPS[e];
      end = i + 2;
    } else if (c in OPS) {
      kind = 'op';
      tex = OPS[c];
    } else if (MINUS.has(c)) {
      kind = 'minus';
      tex = '-';
    } else if (LP.has(c)) {
      kind = 'lp';
      tex = '(';
    } else if (RP.has(c)) {
      kind = 'rp';
      tex = ')';
    } else if (c in REL) {
      kind = 'rel';
      tex = REL[c];
    } else if (c === '%' || c === '％') {
      kind = 'pct';
      tex = '\\%';
    } else if (c === '^') {
      kind = 'pow';
    } else if (SPACE.has(c)) {
      kind = 'space';
      tex = ' ';
    }
    if (!kind) break;
    lexemes.push({ kind, start: i, end, tex, text: raw });
    i = end;
  }
  return { lexemes, end: i, bad };
}

/** Recursive descent over one side; returns the index after it, or -1 when it is not arithmetic. */
class SideParser {
  operators = 0;
  constructor(private readonly t: readonly Lexeme[]) {}

  private skip(i: number): number {
    while (this.t[i]?.kind === 'space') i++;
    return i;
  }

  expr(i: number, depth: number): number {
    if (depth > MAX_DEPTH) return -1;
    i = this.term(i, depth);
    for (;;) {
      if (i < 0) return -1;
      const j = this.skip(i);
      const k = this.t[j];
      if (k && (k.kind === 'minus' || (k.kind === 'op' && k.tex === '+'))) {
        this.operators++;
        i = this.term(j + 1, depth);
      } else return i;
    }
  }

  private term(i: number, depth: number): number {
    i = this.factor(i, depth);
    for (;;) {
      if (i < 0) return -1;
      const j = this.skip(i);
      const k = this.t[j];
      if (k && k.kind === 'op' && k.tex !== '+') {
        this.operators++;
        i = this.factor(j + 1, depth);
      } else if (k && k.kind === 'lp' && j === i) {
        // `0.3(1−0.3)`: a bracket right after a factor multiplies it.
        this.operators++;
        i = this.factor(j, depth);
      } else return i;
    }
  }

  private factor(i: number, depth: number): number {
    i = this.skip(i);
    const k = this.t[i];
    if (!k) return -1;
    if (k.kind === 'minus') return depth > MAX_DEPTH ? -1 : this.factor(i + 1, depth + 1);
    let j: number;
    if (k.kind === 'num') j = i + 1;
    else if (k.kind === 'lp') {
      j = this.expr(i + 1, depth + 1);
      if (j < 0) return -1;
      j = this.skip(j);
      if (this.t[j]?.kind !== 'rp') return -1;
      j++;
    } else return -1;
    if (this.t[j]?.kind === 'pow') {
      // `2^10`, `2^-3`: an integer exponent written right after the caret.
      let e = j + 1;
      if (this.t[e]?.kind === 'minus') e++;
      const n = this.t[e];
      if (n?.kind !== 'num' || n.text.includes('.') || n.text.includes(',')) return -1;
      this.operators++;
      j = e + 1;
    }
    if (this.t[j]?.kind === 'pct') j++;
    return j;
  }
}

const INT = /^\d+$/;

/** `3-5`, `2020-01-05`, `1/2/2023`: what reads as a range or a date, not a sum. */
function looksLikeRangeOrDate(side: readonly Lexeme[]): boolean {
  const parts = side.filter((l) => l.kind !== 'space');
  if (parts.length === 3 && parts[0].kind === 'num' && parts[1].kind === 'minus' && parts[1].end - parts[1].start === 1 && parts[2].kind === 'num') {
    // Written tight, hyphen only: `10-20` is a range; `10 - 20` or `10−20` is a subtraction.
    if (INT.test(parts[0].text) && INT.test(parts[2].text) && parts[0].end === parts[1].start && parts[1].end === parts[2].start) return true;
  }
  const tight = parts.every((p, k) => k === 0 || parts[k - 1].end === p.start);
  if (parts.length === 5 && tight && parts.every((p, k) => (k % 2 === 0 ? p.kind === 'num' && INT.test(p.text) : p.tex === '-' || p.tex === '/'))) {
    const sep = new Set([parts[1], parts[3]].map((p) => p.tex));
    const nums = [parts[0], parts[2], parts[4]].map((p) => p.text);
    if (sep.size === 1 && (nums.some((n) => n.length === 4) || nums.every((n) => Number(n) <= 31))) return true;
  }
  return false;
}

function hasLeadingZero(l: Lexeme): boolean {
  return l.kind === 'num' && l.text.length > 1 && l.text[0] === '0' && l.text[1] !== '.';
}

/** Checks a trimmed run and turns it into a claim, or undefined. */
function claimOf(text: string, run: Lexeme[], masked: (at: number) => boolean): ProseClaim | undefined {
  let a = 0;
  let b = run.length;
  // Emphasis around a claim (`**5\*5 = 25**`): asterisks at its edges are never products.
  const edge = (l: Lexeme) => l.kind === 'space' || (l.kind === 'op' && text[l.start] === '*');
  while (a < b && edge(run[a])) a++;
  while (b > a && edge(run[b - 1])) b--;
  // `(so 128/2/2 = 32)`, `(5*5 = 25)`: brackets of the sentence, not of the claim.
  // A bracket right after a word is a call or an index: `f(3) = 9`, `W(2+3 = 5)`.
  if (a < b && run[a].kind === 'lp' && !apartBefore(text[run[a].start - 1])) return undefined;
  let depth = 0;
  let lowest = 0;
  let relAtTop = false;
  for (let k = a; k < b; k++) {
    if (run[k].kind === 'lp') depth++;
    else if (run[k].kind === 'rp') lowest = Math.min(lowest, --depth);
    else if (run[k].kind === 'rel' && depth === 0) relAtTop = true;
  }
  let extraClose = -lowest;
  let extraOpen = depth - lowest;
  if (!relAtTop && extraClose === 0 && extraOpen === 0 && run[a].kind === 'lp' && run[b - 1].kind === 'rp') {
    extraClose = extraOpen = 1;
  }
  const trim = () => {
    while (a < b && run[a].kind === 'space') a++;
    while (b > a && run[b - 1].kind === 'space') b--;
  };
  for (; extraClose > 0 && b > a && run[b - 1].kind === 'rp'; extraClose--) {
    b--;
    trim();
  }
  for (; extraOpen > 0 && a < b && run[a].kind === 'lp'; extraOpen--) {
    a++;
    trim();
  }
  if (a >= b) return undefined;
  const startsWithRel = run[a].kind === 'rel';
  if (!startsWithRel) {
    const first = run[a];
    const before = text[first.start - 1];
    if (!apartBefore(before) || masked(first.start - 1)) return undefined;
    if (first.kind === 'op' || first.kind === 'pow' || first.kind === 'pct' || first.kind === 'rp') return undefined;
    if (first.kind === 'minus') {
      // `x - 3 = 2`: a minus after a word continues that word's expression.
      let p = first.start - 1;
      while (p >= 0 && SPACE.has(text[p])) p--;
      if (p >= 0 && !apartBefore(text[p]) && !isCjk(text.charCodeAt(p))) return undefined;
      if (p >= 0 && (masked(p) || /[\p{L}\p{N})\]]/u.test(text[p]) && !isCjk(text.charCodeAt(p)))) return undefined;
    }
  } else {
    // `= 0.3(…) = …`: what stands left of the first `=` is a name or a word, not checked.
    a++;
    while (a < b && run[a].kind === 'space') a++;
    if (a >= b) return undefined;
  }
  const last = run[b - 1];
  if (last.kind !== 'num' && last.kind !== 'rp' && last.kind !== 'pct') return undefined;
  if (!apartAfter(text, last.end) || masked(last.end)) return undefined;

  const body = run.slice(a, b);
  if (body.some(hasLeadingZero)) return undefined;
  // Split at relations; every side must be arithmetic on numbers.
  const sides: Lexeme[][] = [[]];
  for (const l of body) {
    if (l.kind === 'rel') sides.push([]);
    else sides[sides.length - 1].push(l);
  }
  if (sides.length < 2) return undefined;
  let operators = 0;
  for (const side of sides) {
    if (!side.some((l) => l.kind !== 'space')) return undefined;
    if (looksLikeRangeOrDate(side)) return undefined;
    const p = new SideParser(side);
    let end = p.expr(0, 0);
    if (end < 0) return undefined;
    while (side[end]?.kind === 'space') end++;
    if (end !== side.length) return undefined;
    operators += p.operators;
  }
  if (operators === 0) return undefined;

  // The LaTeX, with each character mapped back to the text.
  let latex = '';
  const sourceAt: number[] = [];
  const emit = (tex: string, at: number) => {
    latex += tex;
    for (let c = 0; c < tex.length; c++) sourceAt.push(at);
  };
  const emitNumber = (l: Lexeme) => {
    for (let r = 0; r < l.text.length; r++) emit(l.text[r] === ',' ? '{,}' : l.text[r], l.start + r);
  };
  for (let k = 0; k < body.length; k++) {
    const l = body[k];
    if (l.kind === 'num') emitNumber(l);
    else if (l.kind === 'pow') {
      // The parser let only `^`, an optional minus and an integer through.
      emit('^{', l.start);
      let e = k + 1;
      if (body[e].kind === 'minus') emit('-', body[e++].start);
      emitNumber(body[e]);
      emit('}', body[e].end);
      k = e;
    } else emit(/^\\[a-z]+$/i.test(l.tex) ? ` ${l.tex} ` : l.tex, l.start);
  }
  sourceAt.push(body[body.length - 1].end);
  return { start: body[0].start, end: body[body.length - 1].end, latex, sourceAt };
}

/** True when `at` falls in one of the sorted `masked` ranges. */
function inMasked(masked: readonly Masked[], at: number): boolean {
  let lo = 0;
  let hi = masked.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (masked[mid].end <= at) lo = mid + 1;
    else if (masked[mid].start > at) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * Claims in `text`, skipping `masked` ranges (sorted, not overlapping). Linear in the
 * length of the text.
 */
export function scanProse(text: string, masked: readonly Masked[] = []): ProseClaim[] {
  const out: ProseClaim[] = [];
  let m = 0;
  let i = 0;
  while (i < text.length) {
    while (m < masked.length && masked[m].end <= i) m++;
    const limit = m < masked.length ? Math.max(i, masked[m].start) : text.length;
    if (m < masked.length && i >= masked[m].start) {
      i = masked[m].end;
      continue;
    }
    const c = text[i];
    // A run can only start at a claim character; a number inside a word is skipped with it.
    if (!RUN_START.has(c)) {
      i++;
      continue;
    }
    if (isDigit(c) && /[\p{L}\p{N}_]/u.test(text[i - 1] ?? '') && !isCjk(text.charCodeAt(i - 1))) {
      // `W2`, `x3`, `v1.2`: digits that belong to a word.
      while (i < limit && (isDigit(text[i]) || text[i] === '.' || text[i] === ',')) i++;
      continue;
    }
    const run = lexRun(text, i, limit);
    if (run.end === i) {
      i++;
      continue;
    }
    const length = run.end - i;
    if (!run.bad && length <= MAX_CLAIM && run.lexemes.some((l) => l.kind === 'rel')) {
      const claim = claimOf(text, run.lexemes, (at) => inMasked(masked, at));
      if (claim) out.push(claim);
    }
    i = run.end;
  }
  return out;
}
