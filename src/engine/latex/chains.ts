// Splits a math span into rows (at top-level `\\`, through aligned-style environments)
// and each row into a chain of segments at its top-level relations.
import { lex, type TexToken } from './lexer';
import { parseSegment } from './translate';
import {
  DROPPED as DROP,
  DROPPED_WITH_ARG as DROP_WITH_ARG,
  RELATION_CHARS as REL_CHAR,
  RELATION_COMMANDS as REL_CMD,
  ROW_BREAKS,
  ROW_ENVIRONMENTS as ROW_ENVS,
  TRAILING_PUNCTUATION as TRAILING_PUNCT,
  type RelationKind,
} from './vocabulary';

export type { RelationKind } from './vocabulary';

export interface Relation {
  readonly kind: RelationKind;
  /** As written: "=", "\\approx", "<=", ... */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface Segment {
  readonly tokens: readonly TexToken[];
  /** Offsets into the span content; equal when the segment is empty. */
  readonly start: number;
  readonly end: number;
}

export interface Chain {
  readonly segments: readonly Segment[];
  /** relations[i] joins segments[i] and segments[i + 1]. */
  readonly relations: readonly Relation[];
  /** The row starts with a relation (`&= 0.47`): its left side is the previous row's end. */
  readonly continuation: boolean;
  /** For a continuation: the previous row's last segment, its implied left side. */
  readonly carried?: Segment;
}

const MAX_ARG_TOKENS = 64;

/** Reads `{...}` starting at tokens[i] (an lbrace) and returns its raw text and the index after it. */
function braceArg(tokens: readonly TexToken[], src: string, i: number): { text: string; next: number } | undefined {
  if (tokens[i]?.kind !== 'lbrace') return undefined;
  let depth = 0;
  // Environment names, tags and column specs are short: a bounded look keeps a long
  // unbalanced line linear.
  const stop = Math.min(tokens.length, i + MAX_ARG_TOKENS);
  for (let j = i; j < stop; j++) {
    if (tokens[j].kind === 'lbrace') depth++;
    else if (tokens[j].kind === 'rbrace' && --depth === 0) {
      return { text: src.slice(tokens[i].end, tokens[j].start).replace(/\s+/g, ''), next: j + 1 };
    }
  }
  return undefined;
}

interface RowBuilder {
  tokens: TexToken[];
}

/** Rows of a span: top-level tokens with row environments, tags and `&` removed. */
function rowsOf(src: string, tokens: readonly TexToken[]): TexToken[][] {
  const rows: TexToken[][] = [];
  let row: RowBuilder = { tokens: [] };
  let depth = 0;
  /** Each open environment: transparent (row env at top level) or opaque (nested, matrices). */
  const envs: boolean[] = [];
  const inRowEnv = (): boolean => envs.length > 0 && envs.every((e) => e);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'cmd' && (t.text === 'begin' || t.text === 'end')) {
      const arg = braceArg(tokens, src, i + 1);
      if (!arg) {
        row.tokens.push(t);
        continue;
      }
      if (t.text === 'begin') {
        let next = arg.next;
        let transparent = depth === 0 && ROW_ENVS.has(arg.text);
        if (arg.text.startsWith('alignat')) next = braceArg(tokens, src, next)?.next ?? next;
        if (arg.text === 'array' && depth === 0) {
          // A one-column array is a stack of equations; more columns are a table.
          const spec = braceArg(tokens, src, next);
          if (spec && /^[lcr|]*$/.test(spec.text) && spec.text.replace(/\|/g, '').length === 1) {
            transparent = true;
            next = spec.next;
          }
        }
        envs.push(transparent);
        if (transparent) {
          i = next - 1;
        } else {
          depth++;
          row.tokens.push(...tokens.slice(i, arg.next));
          i = arg.next - 1;
        }
      } else {
        const transparent = envs.pop() ?? false;
        if (transparent) {
          i = arg.next - 1;
        } else {
          depth = Math.max(0, depth - 1);
          row.tokens.push(...tokens.slice(i, arg.next));
          i = arg.next - 1;
        }
      }
      continue;
    }
    if (t.kind === 'cmd' && DROP_WITH_ARG.has(t.text)) {
      const arg = braceArg(tokens, src, i + 1);
      if (arg) i = arg.next - 1;
      continue;
    }
    if (t.kind === 'cmd' && DROP.has(t.text)) continue;
    if (depth === 0 && t.kind === 'cmd' && ROW_BREAKS.has(t.text)) {
      rows.push(row.tokens);
      row = { tokens: [] };
      // `\\[4pt]`: an optional spacing argument.
      if (tokens[i + 1]?.kind === 'open' && tokens[i + 1].text === '[' && tokens[i + 1].tight) {
        let close = -1;
        for (let j = i + 2; j < Math.min(tokens.length, i + 8); j++) {
          if (tokens[j].kind === 'close' && tokens[j].text === ']') {
            close = j;
            break;
          }
        }
        if (close > 0 && /^[-\d.\s]*[a-z]{2}$/.test(src.slice(tokens[i + 1].end, tokens[close].start).trim())) i = close;
      }
      continue;
    }
    if (depth === 0 && t.kind === 'char' && t.text === '&' && inRowEnv()) continue;
    if (t.kind === 'lbrace' || t.kind === 'open') depth++;
    else if (t.kind === 'rbrace' || t.kind === 'close') depth = Math.max(0, depth - 1);
    row.tokens.push(t);
  }
  rows.push(row.tokens);
  return rows;
}

function segmentOf(tokens: TexToken[], at: number): Segment {
  return tokens.length
    ? { tokens, start: tokens[0].start, end: tokens[tokens.length - 1].end }
    : { tokens, start: at, end: at };
}

/** Splits one row at its top-level relations. */
function chainOf(row: readonly TexToken[]): Chain {
  const segments: Segment[] = [];
  const relations: Relation[] = [];
  let current: TexToken[] = [];
  let depth = 0;
  for (let i = 0; i < row.length; i++) {
    const t = row[i];
    let kind: RelationKind | undefined;
    if (depth === 0) {
      if (t.kind === 'cmd' && REL_CMD[t.text]) kind = REL_CMD[t.text];
      else if (t.kind === 'char' && REL_CHAR[t.text]) kind = REL_CHAR[t.text];
    }
    if (kind) {
      let start = t.start;
      let end = t.end;
      let text = t.kind === 'cmd' ? '\\' + t.text : t.text;
      const prev = current[current.length - 1];
      // `!=`, `:=`, `<=`, `>=` written as two characters.
      if (t.text === '=' && t.tight && prev?.kind === 'char' && (prev.text === '!' || prev.text === ':')) {
        current.pop();
        kind = 'other';
        start = prev.start;
        text = prev.text + '=';
      }
      const nx = row[i + 1];
      if ((t.text === '<' || t.text === '>') && t.kind === 'char' && nx?.kind === 'char' && nx.text === '=' && nx.tight) {
        kind = t.text === '<' ? 'le' : 'ge';
        end = nx.end;
        text += '=';
        i++;
      }
      segments.push(segmentOf(current, start));
      relations.push({ kind, text, start, end });
      current = [];
      continue;
    }
    if (t.kind === 'lbrace' || t.kind === 'open') depth++;
    else if (t.kind === 'rbrace' || t.kind === 'close') depth = Math.max(0, depth - 1);
    current.push(t);
  }
  // Sentence punctuation after the last formula (`= 0.47.`) is not part of it.
  while (current.length && current[current.length - 1].kind === 'char' && TRAILING_PUNCT.has(current[current.length - 1].text)) {
    current.pop();
  }
  const lastRel = relations[relations.length - 1];
  segments.push(segmentOf(current, lastRel ? lastRel.end : 0));
  return { segments, relations, continuation: relations.length > 0 && segments[0].tokens.length === 0 };
}

/** Separators between two statements on one row: `w = 3, b = 4`, `a = 1; b = 2`, `x = 1 \quad y = 2`. */
function isStatementSeparator(t: TexToken): boolean {
  return (t.kind === 'char' && (t.text === ',' || t.text === ';' || t.text === '，' || t.text === '；')) || (t.kind === 'cmd' && (t.text === 'quad' || t.text === 'qquad'));
}

/**
 * `w = 3, b = 4` is two statements: where a segment followed by `=` ends in a separator
 * and a lone name, the row splits there, so each name starts its own chain.
 */
function splitStatements(chain: Chain, src: string): Chain[] {
  const out: Chain[] = [];
  let segments: Segment[] = [chain.segments[0]];
  let relations: Relation[] = [];
  let first = true;
  const flush = (): void => {
    out.push({ segments, relations, continuation: first && chain.continuation });
    first = false;
  };
  for (let k = 1; k < chain.segments.length; k++) {
    const seg = chain.segments[k];
    relations.push(chain.relations[k - 1]);
    const nextRel = chain.relations[k];
    let cut = -1;
    if (nextRel && (nextRel.kind === 'eq' || nextRel.kind === 'approx')) {
      let depth = 0;
      seg.tokens.forEach((t, j) => {
        if (t.kind === 'lbrace' || t.kind === 'open') depth++;
        else if (t.kind === 'rbrace' || t.kind === 'close') depth--;
        else if (depth === 0 && isStatementSeparator(t)) cut = j;
      });
    }
    const tail = cut > 0 ? seg.tokens.slice(cut + 1) : [];
    const name = tail.length ? parseSegment(tail, src) : undefined;
    if (cut > 0 && name?.ok && name.ast.k === 'name') {
      const head = seg.tokens.slice(0, cut);
      segments.push(segmentOf(head, seg.start));
      flush();
      segments = [segmentOf(tail, tail[0].start)];
      relations = [];
    } else segments.push(seg);
  }
  flush();
  return out.filter((c) => c.relations.length > 0);
}

/** The chains of a span's LaTeX: one per row that has at least one relation. */
export function chainsOf(content: string): Chain[] {
  const tokens = lex(content);
  const out: Chain[] = [];
  let previous: Chain | undefined;
  for (const row of rowsOf(content, tokens)) {
    // An empty row (`\\ \\`, spacing only) is nothing: `&=` below continues the row above it.
    if (!row.length) continue;
    const whole = chainOf(row);
    const parts = whole.relations.length > 1 ? splitStatements(whole, content) : [whole];
    if (!parts.length) parts.push(whole);
    for (let chain of parts) {
      if (chain.continuation && previous) {
        const last = previous.segments[previous.segments.length - 1];
        if (last.tokens.length) chain = { ...chain, carried: last };
      }
      if (chain.relations.length > 0) out.push(chain);
      previous = chain;
    }
  }
  return out;
}
