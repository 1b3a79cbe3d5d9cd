// Sizes written as letters: a sum to `n` (`\sum_{i=1}^{n} x_i`), a list or a sum with an
// ellipsis to `x_D` (`\arg\max(x_1, \ldots, x_D)`), and an index into such a list
// (`\frac{\partial y}{\partial x_i}`). A claim about them holds for every size and every
// index, so it is checked with the sizes drawn as small whole numbers and every index in
// turn: the letters become numbers on the tokens, the sums and ellipses are then written
// out (symbolicNotation.ts) and the x_i are fresh symbols x1, x2, …
import type { TexToken } from './lexer';

/** The sizes a size letter takes, in turn (the first is the one the points are shown for). */
export const SIZE_TRIALS: readonly number[] = [3, 4, 2];
/** Components (index values, all indices together) checked per size at most. */
export const MAX_COMPONENTS = 16;

const ELLIPSIS_CMDS = new Set(['ldots', 'cdots', 'dots', 'dotsc', 'dotsb']);
const ELLIPSIS_CHARS = new Set(['⋯', '…']);

function isChar(t: TexToken | undefined, ...cs: string[]): boolean {
  return !!t && t.kind === 'char' && cs.includes(t.text);
}

function isEllipsis(t: TexToken | undefined): boolean {
  return !!t && ((t.kind === 'cmd' && ELLIPSIS_CMDS.has(t.text)) || (t.kind === 'char' && ELLIPSIS_CHARS.has(t.text)));
}

/** The subscript at `i` (just after `_`): a lone letter or number, braced or not, and the index after it. */
function subscriptAt(t: readonly TexToken[], i: number): { token: TexToken; next: number } | undefined {
  const x = t[i];
  if (!x) return undefined;
  if (x.kind === 'letter' || x.kind === 'num') return { token: x, next: i + 1 };
  if (x.kind === 'lbrace' && (t[i + 1]?.kind === 'letter' || t[i + 1]?.kind === 'num') && t[i + 2]?.kind === 'rbrace') return { token: t[i + 1], next: i + 3 };
  return undefined;
}

export interface Sizes {
  /** Size letters: a sum's upper bound, the subscript ending an ellipsis. */
  readonly sizes: readonly string[];
  /** Letters that run over a range written in the row: a sum's index. */
  readonly bound: readonly string[];
  /** The lowest first index written (a sum's lower bound, an ellipsis's first subscript). */
  readonly from: number;
}

/** The size letters and the sums' indices of a row's tokens. */
export function sizesOf(t: readonly TexToken[]): Sizes {
  const sizes: string[] = [];
  const bound: string[] = [];
  let from: number | undefined;
  const low = (n: number) => (from = from === undefined ? n : Math.min(from, n));
  for (let i = 0; i < t.length; i++) {
    const x = t[i];
    // `\sum_{i=1}^{n}`, `\sum_{i=0}^n`.
    if (x.kind === 'cmd' && (x.text === 'sum' || x.text === 'prod') && isChar(t[i + 1], '_') && t[i + 2]?.kind === 'lbrace') {
      const lo = t.slice(i + 3, i + 6);
      if (lo.length === 3 && lo[0].kind === 'letter' && isChar(lo[1], '=') && lo[2].kind === 'num' && /^\d+$/.test(lo[2].text) && t[i + 6]?.kind === 'rbrace') {
        if (!bound.includes(lo[0].text)) bound.push(lo[0].text);
        low(Number(lo[2].text));
        if (isChar(t[i + 7], '^')) {
          const hi = subscriptAt(t, i + 8);
          if (hi?.token.kind === 'letter' && !sizes.includes(hi.token.text)) sizes.push(hi.token.text);
        }
      }
    }
    // `x_1, \ldots, x_D`, `x_1 + \cdots + x_{n}`: the last subscript is a size.
    if (isEllipsis(x) && (isChar(t[i - 1], ',', '+')) && isChar(t[i + 1], t[i - 1].text)) {
      const base = t[i + 2];
      if (base && (base.kind === 'letter' || base.kind === 'cmd') && isChar(t[i + 3], '_')) {
        const sub = subscriptAt(t, i + 4);
        if (sub?.token.kind === 'letter' && !sizes.includes(sub.token.text)) sizes.push(sub.token.text);
      }
      // The first item's subscript: `x_1` or `x_0` before the separator.
      const first = t[i - 2];
      if (first?.kind === 'num' && /^\d+$/.test(first.text) && isChar(t[i - 3], '_')) low(Number(first.text));
      else if (first?.kind === 'rbrace' && t[i - 3]?.kind === 'num' && /^\d+$/.test(t[i - 3].text)) low(Number(t[i - 3].text));
    }
  }
  return { sizes, bound, from: from ?? 1 };
}

/**
 * Letters written as a lone subscript (`x_i`, `w_{j}`) that are neither a size nor a sum's
 * index: indices the claim holds for, each one in turn.
 */
export function indicesOf(t: readonly TexToken[], sizes: Sizes): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    if (!isChar(t[i], '_')) continue;
    const sub = subscriptAt(t, i + 1);
    if (sub?.token.kind !== 'letter') continue;
    // Only a one-letter subscript: `w_{ij}` or `x_{new}` is a name.
    if (t[i + 1].kind === 'letter' && t[i + 2]?.kind === 'letter' && t[i + 2].tight) continue;
    const name = sub.token.text;
    if (sizes.sizes.includes(name) || sizes.bound.includes(name) || out.includes(name)) continue;
    out.push(name);
  }
  return out;
}

/** Every assignment of the indices to `from..size` (the first size), or undefined when there are too many. */
export function components(indices: readonly string[], from: number, size: number): Map<string, number>[] | undefined {
  let out: Map<string, number>[] = [new Map()];
  for (const name of indices) {
    const next: Map<string, number>[] = [];
    for (const m of out) for (let k = from; k < from + size; k++) next.push(new Map([...m, [name, k]]));
    if (next.length > MAX_COMPONENTS) return undefined;
    out = next;
  }
  return out;
}

/**
 * A subscript of several tokens that holds a sum's index, an index or a size (`x_{ij}`,
 * `x_{i-1}`, `w_{i,n}`): which name it means for each value cannot be read exactly.
 */
export function compoundIndex(t: readonly TexToken[], letters: ReadonlySet<string>): boolean {
  for (let i = 0; i < t.length; i++) {
    // A sum's own `_{i=1}` is its range, not a subscript.
    if (!isChar(t[i], '_') || t[i + 1]?.kind !== 'lbrace' || (t[i - 1]?.kind === 'cmd' && (t[i - 1].text === 'sum' || t[i - 1].text === 'prod'))) continue;
    let depth = 0;
    let count = 0;
    let uses = false;
    for (let j = i + 1; j < t.length; j++) {
      const x = t[j];
      if (x.kind === 'lbrace') depth++;
      else if (x.kind === 'rbrace' && --depth === 0) break;
      else {
        count++;
        if (x.kind === 'letter' && letters.has(x.text)) uses = true;
      }
    }
    if (uses && count > 1) return true;
  }
  return false;
}
