// Translates one LaTeX segment into a mathjs expression, or says why it can't: the
// segment's tokens (spacing dropped) are parsed (parser.ts) and printed (print.ts).
import type { TexToken } from './lexer';
import type { Node } from './ast';
import { parseAll, Skip, State, TOO_LONG } from './parser';
import { emit, notEvaluable, plain } from './print';
import { HAN_CHAR, PROSE_CHAR, REMARK_COMMANDS, SPACES_WITH_ARG, TEXT_COMMANDS, THIN_SPACES, WIDE_SPACES } from './vocabulary';

export type { Node } from './ast';
export { emit, plain } from './print';
export { nodes } from './ast';

export interface Translation {
  readonly ok: true;
  /** mathjs source, fully parenthesised. */
  readonly expression: string;
  /** Readable form for messages: "0.5 − 0.0123". */
  readonly plain: string;
  /** dl-calc names used, in order of first use. */
  readonly names: readonly string[];
  /** A name is followed by a bracket (`f(x)`): a product here, maybe a call to the writer. */
  readonly nameBeforeBracket: boolean;
  readonly ast: Node;
}

export interface Untranslatable {
  readonly ok: false;
  readonly reason: string;
  /** The tree, when the segment parsed but cannot be evaluated as a number (derivatives, cases, lists). */
  readonly ast?: Node;
}

/** A parsed segment: its tree and the names it uses, or why it does not parse. */
export type Parsed =
  | { readonly ok: true; readonly ast: Node; readonly names: readonly string[]; readonly nameBeforeBracket: boolean }
  | { readonly ok: false; readonly reason: string };

/** Segments longer than this are not hand calculations: skipped before parsing. */
const MAX_TOKENS = 4000;

/** Drops spacing; a wide space (\quad) may only lead or trail, never separate terms. */
function withoutSpacing(tokens: readonly TexToken[]): TexToken[] | string {
  const kept: TexToken[] = [];
  const wide: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'cmd' && THIN_SPACES.has(t.text)) continue;
    if (t.kind === 'char' && t.text === '~') continue;
    if (t.kind === 'cmd' && WIDE_SPACES.has(t.text)) {
      if (SPACES_WITH_ARG.has(t.text) && tokens[i + 1]?.kind === 'lbrace') {
        while (i < tokens.length && tokens[i].kind !== 'rbrace') i++;
      }
      wide.push(kept.length);
      continue;
    }
    kept.push(t);
  }
  // `= 0.0714 \quad \text{(均方误差)}`: a trailing remark after a wide space is not math.
  const cut = wide.find((w) => w > 0 && w < kept.length && onlyText(kept, w));
  const body = cut === undefined ? kept : kept.slice(0, cut);
  if (wide.some((w) => w > 0 && w < body.length)) return 'text separated by \\quad';
  return body;
}

/** True when tokens[from..] are nothing but `\text{…}` groups. */
function onlyText(tokens: readonly TexToken[], from: number): boolean {
  let i = from;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind !== 'cmd' || !REMARK_COMMANDS.has(t.text) || tokens[i + 1]?.kind !== 'lbrace') return false;
    let depth = 0;
    let j = i + 1;
    for (; j < tokens.length; j++) {
      if (tokens[j].kind === 'lbrace') depth++;
      else if (tokens[j].kind === 'rbrace' && --depth === 0) break;
    }
    if (j >= tokens.length) return false;
    i = j + 1;
  }
  return true;
}

/**
 * Indices of Han characters that form a subscript (`w_{新}`, `x_{\text{输入}}`): part of a
 * name. A subscript group holds only letters, digits and Han characters.
 */
function hanSubscripts(tokens: readonly TexToken[]): Set<number> {
  const out = new Set<number>();
  // `{` then, optionally, `\text{`: the group(s) a subscript's characters stand in.
  const opening = (at: number): number => {
    let k = at;
    if (tokens[k]?.kind === 'lbrace' && tokens[k + 1]?.kind === 'cmd' && TEXT_COMMANDS.has(tokens[k + 1].text) && tokens[k + 2]?.kind === 'lbrace') return k + 3;
    if (tokens[k]?.kind === 'cmd' && TEXT_COMMANDS.has(tokens[k].text)) k++;
    return tokens[k]?.kind === 'lbrace' ? k + 1 : -1;
  };
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i].kind !== 'char' || tokens[i].text !== '_') continue;
    const from = opening(i + 1);
    if (from < 0) continue;
    const han: number[] = [];
    let j = from;
    for (; j < tokens.length && tokens[j].kind !== 'rbrace'; j++) {
      const t = tokens[j];
      if (t.kind === 'char' && HAN_CHAR.test(t.text)) han.push(j);
      else if (t.kind !== 'letter' && t.kind !== 'num') break;
    }
    if (tokens[j]?.kind === 'rbrace') for (const k of han) out.add(k);
  }
  return out;
}

/** The last parse of each token list (as `translations` below: the left side's reading and the translation share it). */
const parses = new WeakMap<readonly TexToken[], { readonly src: string; readonly result: Parsed }>();

/** Parses a segment's tokens into a tree. `src` is the span content the offsets point into. */
export function parseSegment(tokens: readonly TexToken[], src: string): Parsed {
  const last = parses.get(tokens);
  if (last && last.src === src) return last.result;
  const result = parseUncached(tokens, src);
  parses.set(tokens, { src, result });
  return result;
}

function parseUncached(tokens: readonly TexToken[], src: string): Parsed {
  const kept = withoutSpacing(tokens);
  if (typeof kept === 'string') return { ok: false, reason: kept };
  if (!kept.length) return { ok: false, reason: 'empty' };
  if (kept.length > MAX_TOKENS) return { ok: false, reason: TOO_LONG };
  const inSubscript = hanSubscripts(kept);
  for (let i = 0; i < kept.length; i++) if (kept[i].kind === 'char' && PROSE_CHAR.test(kept[i].text) && !inSubscript.has(i)) return { ok: false, reason: 'prose in math' };
  const s = new State(kept, src);
  try {
    const ast = parseAll(s);
    return { ok: true, ast, names: s.names, nameBeforeBracket: s.nameBeforeBracket };
  } catch (e) {
    if (e instanceof Skip) return { ok: false, reason: e.message };
    throw e;
  }
}

/**
 * The last translation of each token list. A chain's segment is read by the numeric check,
 * the binding, and the symbolic rows, each translating the same tokens (9 lists, 20 calls in a
 * note of one block and three formulas). Keyed by the list itself, so it lives as long as the
 * note's parse and no note ever reads another's; the result is immutable (readonly trees).
 */
const translations = new WeakMap<readonly TexToken[], { readonly src: string; readonly result: Translation | Untranslatable }>();

/** Translates a segment's tokens. `src` is the span content the offsets point into. */
export function translate(tokens: readonly TexToken[], src: string): Translation | Untranslatable {
  const last = translations.get(tokens);
  if (last && last.src === src) return last.result;
  const result = translateUncached(tokens, src);
  translations.set(tokens, { src, result });
  return result;
}

function translateUncached(tokens: readonly TexToken[], src: string): Translation | Untranslatable {
  const p = parseSegment(tokens, src);
  if (!p.ok) return p;
  const why = notEvaluable(p.ast);
  if (why) return { ok: false, reason: why, ast: p.ast };
  return { ok: true, ast: p.ast, expression: emit(p.ast), plain: plain(p.ast), names: p.names, nameBeforeBracket: p.nameBeforeBracket };
}
