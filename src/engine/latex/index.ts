// Checks the hand calculations already written in a note's LaTeX: every chain
// `a = b \approx c` in the math the preview renders, segment by segment.
import type { Range } from '../types';
import { chainsOf, type Chain, type Segment } from './chains';
import { checkLink, literalOf, literalTolerance, sideInterval, type Side } from './compare';
import { nodes, type Node, type NumNode } from './ast';
import { emit } from './print';
import type { LatexValue } from './evaluate';
import { checkListLink, type ListSide } from './vectors';
import { readableName, UPDATE_RELATIONS } from './vocabulary';
import { findMathSpans, type MathSpan } from './mathSpans';
import { translate, type Translation } from './translate';
import { SymbolicRows, type RowsDelta } from './symbolicRows';
import { DELETED, replayWrites, signature, spanKey, stillHolds, TrackedMap, type SpanCache, type SpanTrace, type TracedScope } from './spanCache';
import { localiseReasons } from './reasons';
import { defaultSymbolicEnv } from './symbolicEnv';
import type { LatexChainResult, LatexEnv, LatexLink, LatexOptions, LatexSegment, LatexStatus } from './types';
import { NoteError } from '../messages';
import { extend } from '../extend';

export type { LatexChainResult, LatexEnv, LatexLink, LatexOptions, LatexSegment, LatexStatus, LatexWritten } from './types';
export { findMathSpans, type MathSpan } from './mathSpans';
export { chainsOf } from './chains';
export { translate } from './translate';
export { defaultEvaluate, defaultEvaluateAny, toLatexValue, type LatexValue } from './evaluate';
export { SpanCache } from './spanCache';

interface Evaluated {
  readonly out: LatexSegment;
  readonly translation?: Translation;
  /** A segment evaluated to a number (with only numbers as inputs). */
  readonly side?: Side;
  /** Any evaluated segment, lists and matrices included. */
  readonly list?: ListSide;
  /** Translated, but some names are unbound (symbolic option may still use it). */
  readonly unbound?: readonly string[];
  readonly bound?: Record<string, LatexValue>;
  /** It reads a name an earlier section changed (see Reading). */
  readonly usesAmbiguous?: boolean;
}

function rangeOf(span: MathSpan, start: number, end: number): Range {
  return { start: span.positionAt(start), end: span.positionAt(end) };
}

/** A name the note's own math bound: `$w = 0.5$`, the result of `$z = w x = 0.5$`, `w \leftarrow …`. */
interface LatexBinding {
  readonly value: LatexValue;
  /** Half a unit of the last digit written when the value is a rounded result; 0 for given data. */
  readonly uncertainty: number;
  /** 0-based line of the binding. */
  readonly line: number;
}

/**
 * The note's one scope as its math builds it, in document order: names bound in LaTeX,
 * and the numbers the note computed and wrote rounded (so a later `16.6667 \times 9`
 * knows its 16.6667 carries ±0.00005).
 */
class NoteScope implements TracedScope {
  /** The trace being recorded (spanCache.ts): every read and write of the maps below goes to it. */
  trace: SpanTrace | undefined;
  readonly names = new TrackedMap<LatexBinding>('names', this);
  /** Written results (value text → half a unit of the last digit). */
  readonly rounded = new TrackedMap<number>('rounded', this);
  /**
   * Names given a new value since the last heading (`w = w - 0.6667`), and names computed
   * from them. After a heading such a name is ambiguous: the new section may go on from
   * the update or start over from the first value, so its uses are skipped until it is
   * bound again.
   */
  readonly rebound = new TrackedMap<true>('rebound', this);
  /** What each rebound name held before its first change in this section (undefined: nothing). */
  readonly before = new TrackedMap<LatexBinding | undefined>('before', this);
  /** Ambiguous names, with the line of the heading that made them so. */
  readonly ambiguous = new TrackedMap<number>('ambiguous', this);
  /** An ambiguous name's two readings: where the section above left it, and before it changed. */
  readonly readings = new TrackedMap<{ readonly continued?: LatexBinding; readonly restarted?: LatexBinding }>('readings', this);

  /**
   * Names defined by a formula (`$P = (F - 1)/2$`, `$z = x \cdot y$`), so that a later
   * `$P = 1$` can be seen to restate what the formula gives.
   */
  readonly formulas = new TrackedMap<Translation>('formulas', this);

  private readonly maps: ReadonlyMap<string, TrackedMap<unknown>> = new Map(
    [this.names, this.rounded, this.rebound, this.before, this.ambiguous, this.readings, this.formulas].map((m) => [m.id, m as TrackedMap<unknown>]),
  );

  map(id: string): TrackedMap<unknown> {
    return this.maps.get(id)!;
  }

  /** A heading at `line`: updates made in the section above no longer read one way. Runs between formulas, untraced. */
  heading(line: number): void {
    for (const n of this.rebound.keys()) {
      this.readings.apply(n, { continued: this.names.peek(n), restarted: this.before.peek(n) });
      this.names.apply(n, DELETED);
      this.ambiguous.apply(n, line);
    }
    this.rebound.clear();
    this.before.clear();
  }
}

/** The env with its lookups recorded in the trace being recorded. */
function tracedEnv(env: LatexEnv, scope: NoteScope): LatexEnv {
  const bindingLine = env.bindingLine?.bind(env);
  return {
    ...env,
    lookup: (name, line) => {
      const v = env.lookup(name, line);
      scope.trace?.ops.push({ read: 'lookup', name, line, answer: signature(v), value: v });
      return v;
    },
    ...(bindingLine
      ? {
          bindingLine: (name: string, line: number) => {
            const v = bindingLine(name, line);
            scope.trace?.ops.push({ read: 'bindingLine', name, line, answer: signature(v), value: v });
            return v;
          },
        }
      : {}),
  };
}

/** 0-based lines of ATX headings outside fenced code. */
export function headingLines(text: string): number[] {
  const out: number[] = [];
  let fence: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (!fence) fence = f[1][0];
      else if (f[1][0] === fence) fence = undefined;
      continue;
    }
    if (!fence && /^ {0,3}#{1,6}(\s|$)/.test(l)) out.push(i);
  }
  return out;
}

/**
 * How a chain reads the names an earlier section changed: not at all (skipped), as the
 * section above left them, or as they were before it changed them (the note starts over).
 */
type Reading = 'continued' | 'restarted' | undefined;

function evaluateSegment(span: MathSpan, seg: Segment, env: LatexEnv, carried: boolean, scope: NoteScope, reading: Reading = undefined): Evaluated {
  const uses = { ambiguous: false };
  const e = evaluateWith(span, seg, env, carried, scope, reading, uses);
  return uses.ambiguous ? extend(e, { usesAmbiguous: true }) : e;
}

function evaluateWith(span: MathSpan, seg: Segment, env: LatexEnv, carried: boolean, scope: NoteScope, reading: Reading, uses: { ambiguous: boolean }): Evaluated {
  const latex = span.content.slice(seg.start, seg.end).trim();
  const base = { latex, range: rangeOf(span, seg.start, seg.end), carried: carried || undefined };
  if (!seg.tokens.length) return { out: extend(base, { names: [], skipReason: 'empty' }) };
  let t = translate(seg.tokens, span.content);
  if (!t.ok) return { out: extend(base, { names: [], skipReason: t.reason }) };
  const line = span.positionAt(seg.start).line;
  const vars: Record<string, LatexValue> = {};
  const uncertain = new Map<string, number>();
  const unbound: string[] = [];
  const ambiguous: string[] = [];
  for (const n of t.names) {
    const own = scope.names.get(n);
    const block = env.lookup(n, line);
    const blockLine = block === undefined ? undefined : (env.bindingLine?.(n, line) ?? -1);
    const since = scope.ambiguous.get(n);
    if (since !== undefined && (blockLine === undefined || blockLine < since)) {
      uses.ambiguous = true;
      const read = reading && scope.readings.get(n)?.[reading];
      if (!read) {
        ambiguous.push(n);
        continue;
      }
      vars[n] = read.value;
      if (read.uncertainty > 0) uncertain.set(n, read.uncertainty);
      continue;
    }
    // The nearest binding above wins: a dl-calc assignment or the note's own math.
    if (own && (blockLine === undefined || own.line >= blockLine)) {
      vars[n] = own.value;
      if (own.uncertainty > 0) uncertain.set(n, own.uncertainty);
    } else if (typeof block === 'number' && Number.isFinite(block)) vars[n] = block;
    else unbound.push(n);
  }
  const common = extend(base, { expression: t.expression, plain: t.plain, names: t.names });
  if (ambiguous.length) {
    const reason = `${ambiguous.map(readableName).join(', ')} changed in an earlier section: which value is meant is not certain`;
    return { out: extend(common, { skipReason: reason }), translation: t, unbound: ambiguous, bound: vars };
  }
  // `A + I`: an identity sized by the matrix it is added to (`\tilde{A} = A + I`). Looked
  // at only when I is the one name unbound, so other segments pay nothing for it.
  let listSub: ReadonlyMap<Node, string> | undefined;
  const squareSize = (n: Node): number | undefined => {
    try {
      const v = env.evaluateAny?.(emit(n), vars);
      return Array.isArray(v) && v.length > 0 && v.every((row) => Array.isArray(row) && row.length === v.length) ? v.length : undefined;
    } catch {
      return undefined;
    }
  };
  const ast = t.ast;
  const withMatrix = () => Object.values(vars).some((v) => typeof v !== 'number') || nodes(ast).some((n) => n.k === 'matrix');
  const identity = unbound.length === 1 && unbound[0] === 'I' && withMatrix() ? identitySized(t.ast, squareSize) : undefined;
  if (identity) {
    unbound.length = 0;
    listSub = identity;
    t = extend(t, { expression: emit(t.ast, identity), names: t.names.filter((n) => n !== 'I') });
  }
  if (unbound.length) {
    const reason = `unbound name${unbound.length > 1 ? 's' : ''}: ${unbound.map(readableName).join(', ')}`;
    return { out: extend(common, { skipReason: reason }), translation: t, unbound, bound: vars };
  }
  // The scope's rounded results only grow, and a side is compared before its chain teaches the scope.
  const rounded = scope.rounded;
  const roundedNum = (n: NumNode): number => rounded.get(n.value) ?? 0;
  const isList = Object.values(vars).some((v) => typeof v !== 'number') || nodes(t.ast).some((n) => n.k === 'tuple' || n.k === 'matrix' || n.k === 'transpose');
  if (isList) {
    if (!env.evaluateAny) return { out: extend(common, { skipReason: 'lists and matrices are not evaluated here' }), translation: t };
    let v: LatexValue;
    try {
      v = env.evaluateAny(t.expression, vars);
    } catch (e) {
      // `\exp(z)`, `e^{z}`, `\sqrt{z}` of a list z: the note means each element.
      const mapped = emit(t.ast, listSub, true);
      try {
        if (mapped === t.expression) throw e;
        v = env.evaluateAny(mapped, vars);
        t = extend(t, { expression: mapped });
      } catch {
        return { out: extend(common, { skipReason: `evaluation failed: ${(e as Error).message}` }), translation: t };
      }
    }
    const list: ListSide = { value: v, plain: t.plain, ast: t.ast, vars, uncertain, roundedNum };
    if (typeof v !== 'number') return { out: extend(common, { list: v }), translation: t, list };
    // A number from lists (`v \cdot w^T`): compared as a number; rounded list inputs only
    // widen it through the first-order fallback, which evaluates with the lists as given.
    const side: Side = { value: v, plain: t.plain, ast: t.ast, hasNames: t.names.length > 0, vars: vars as Record<string, number>, uncertain, roundedNum };
    return { out: extend(common, { value: v }), translation: t, list, side };
  }
  const scalars = vars as Record<string, number>;
  let value: number;
  try {
    value = env.evaluate(t.expression, scalars);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new NoteError('latex.value.notFiniteNumber');
  } catch (e) {
    return { out: extend(common, { skipReason: `evaluation failed: ${(e as Error).message}` }), translation: t };
  }
  return {
    out: extend(common, { value }),
    translation: t,
    side: { value, plain: t.plain, ast: t.ast, hasNames: t.names.length > 0, vars: scalars, uncertain, roundedNum },
    list: { value, plain: t.plain, ast: t.ast, vars, uncertain, roundedNum },
  };
}

/**
 * `A + I`, `I - A`: each unbound `I` added to or subtracted from a square matrix becomes the
 * identity of its size; undefined when some `I` stands elsewhere (`2I`) or beside anything
 * but a square matrix.
 */
function identitySized(ast: Node, squareSize: (n: Node) => number | undefined): ReadonlyMap<Node, string> | undefined {
  const sub = new Map<Node, string>();
  const all = nodes(ast);
  const isI = (x: Node) => x.k === 'name' && x.name === 'I';
  for (const n of all) {
    if (n.k !== 'bin' || (n.op !== '+' && n.op !== '-') || isI(n.a) === isI(n.b)) continue;
    const size = squareSize(isI(n.a) ? n.b : n.a);
    if (size === undefined) return undefined;
    sub.set(isI(n.a) ? n.a : n.b, `identity(${size})`);
  }
  const count = all.filter((n) => n.k === 'name' && n.name === 'I').length;
  return count > 0 && sub.size === count ? sub : undefined;
}

/** Compares each pair of adjacent segments of a chain. */
function linksOf(span: MathSpan, chain: Chain, segs: readonly Evaluated[], env: LatexEnv, bound: string | undefined): LatexLink[] {
  const links: LatexLink[] = [];
  chain.relations.forEach((rel, i) => {
    const L = segs[i];
    const R = segs[i + 1];
    const head = { left: i, right: i + 1, relation: rel.text };
    if (i === 0 && bound && !chain.continuation) {
      links.push(extend(head, { reason: 'binding' }));
      return;
    }
    if ((L.list || R.list) && L.list && R.list && !(L.side && R.side)) {
      const c = checkListLink(rel.kind, L.list, R.list, span.content, env.evaluateAny!.bind(env));
      const written = c.written && { range: rangeOf(span, c.written.start, c.written.end), text: c.written.text, replacement: c.written.replacement };
      links.push(extend(head, { ok: c.ok, tolerance: c.tolerance, message: c.message, reason: c.reason, written }));
      return;
    }
    if (L.side && R.side) {
      const c = checkLink(rel.kind, L.side, R.side, span.content, env.evaluate.bind(env));
      const written = c.written && {
        range: rangeOf(span, c.written.start, c.written.end),
        text: c.written.text,
        replacement: c.written.replacement,
      };
      links.push(extend(head, { ok: c.ok, tolerance: c.tolerance, message: c.message, reason: c.reason, written }));
      return;
    }
    links.push(extend(head, { reason: L.out.skipReason ?? R.out.skipReason ?? 'not evaluated' }));
  });
  return links;
}

/**
 * A chain that reads names an earlier section changed: the section may go on from the
 * update or start over. When its ambiguous links all hold under one reading (and one at
 * least is checked), the note evidently meant that reading and those links are checked
 * under it; otherwise they stay skipped. Never flagged: a wrong link under both readings
 * may be the other reading's right one.
 */
function readAmbiguous(
  span: MathSpan,
  chain: Chain,
  segs: Evaluated[],
  links: LatexLink[],
  env: LatexEnv,
  bound: string | undefined,
  evaluateAll: (reading: Reading) => Evaluated[],
): [Evaluated[], LatexLink[]] {
  const open = links.map((l, i) => l.ok === undefined && l.reason !== 'binding' && (segs[i].usesAmbiguous === true || segs[i + 1].usesAmbiguous === true));
  if (!open.some(Boolean)) return [segs, links];
  for (const reading of ['continued', 'restarted'] as const) {
    const s = evaluateAll(reading);
    const l = linksOf(span, chain, s, env, bound);
    const holds = open.every((o, i) => !o || l[i].ok !== false) && open.some((o, i) => o && l[i].ok === true);
    if (!holds) continue;
    // Links that did not read an ambiguous name keep their first verdict.
    return [s, links.map((x, i) => (open[i] ? l[i] : x))];
  }
  return [segs, links];
}

/** Formula chains a restated value is followed through: deeper is not how notes define. */
const FORMULA_DEPTH = 8;

/**
 * The value a name's formula gives with the values bound now (`P` from `P = (F - 1)/2`
 * and `F = 3`), following names that are themselves formulas; undefined when any input
 * is unbound, ambiguous or circular.
 */
function formulaValue(
  name: string,
  line: number,
  env: LatexEnv,
  scope: NoteScope,
  seen: Set<string>,
  memo: Map<string, number | undefined> = new Map(),
): { value: number; vars: Record<string, number>; t: Translation } | undefined {
  const t = scope.formulas.get(name);
  if (!t || seen.has(name) || seen.size >= FORMULA_DEPTH) return undefined;
  seen.add(name);
  const vars: Record<string, number> = {};
  for (const n of t.names) {
    if (scope.ambiguous.has(n)) return undefined;
    const own = scope.names.get(n)?.value;
    const block = env.lookup(n, line);
    // Each name's formula is followed once per restatement (a wide formula tree stays linear).
    let v = typeof own === 'number' ? own : typeof block === 'number' ? block : memo.get(n);
    if (v === undefined && !memo.has(n) && typeof own !== 'number' && typeof block !== 'number') {
      v = formulaValue(n, line, env, scope, seen, memo)?.value;
      memo.set(n, v);
    }
    if (v === undefined || !Number.isFinite(v)) return undefined;
    vars[n] = v;
  }
  seen.delete(name);
  try {
    const value = env.evaluate(t.expression, vars);
    return Number.isFinite(value) ? { value, vars, t } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `$P = 1$` where a formula above defines P: when the formula gives the written number
 * with the values bound now, the binding restates a result and is verified. When it does
 * not, it is a new value (a target, a what-if: `目标是 $z = 150$`), never flagged.
 */
function restatement(
  span: MathSpan,
  chain: Chain,
  segs: readonly Evaluated[],
  env: LatexEnv,
  scope: NoteScope,
  bound: string,
): { head: Evaluated; link: LatexLink } | undefined {
  const R = segs[1];
  if (!R?.side || !R.translation || !literalOf(R.translation.ast) || !scope.formulas.has(bound)) return undefined;
  const line = span.positionAt(chain.segments[0].start).line;
  const f = formulaValue(bound, line, env, scope, new Set());
  if (!f) return undefined;
  const L: Side = { value: f.value, plain: f.t.plain, ast: f.t.ast, hasNames: true, vars: f.vars, uncertain: new Map(), roundedNum: () => 0 };
  const c = checkLink(chain.relations[0].kind, L, R.side, span.content, env.evaluate.bind(env));
  if (c.ok !== true) return undefined;
  const written = c.written && { range: rangeOf(span, c.written.start, c.written.end), text: c.written.text, replacement: c.written.replacement };
  const head: Evaluated = extend(segs[0], { out: extend(segs[0].out, { expression: f.t.expression, plain: f.t.plain, value: f.value }) });
  return { head, link: { left: 0, right: 1, relation: chain.relations[0].text, ok: true, tolerance: c.tolerance, written } };
}

/** The name a chain's first segment binds, when it is a lone name and the first relation binds. */
function boundName(chain: Chain, span: MathSpan): string | undefined {
  if (chain.continuation || !chain.relations.length) return undefined;
  const rel = chain.relations[0];
  if (rel.kind !== 'eq' && rel.kind !== 'approx' && !UPDATE_RELATIONS.has(rel.text)) return undefined;
  const head = chain.segments[0];
  if (!head.tokens.length) return undefined;
  const t = translate(head.tokens, span.content);
  if (!t.ok) return undefined;
  if (t.ast.k === 'name') return t.ast.name;
  if (t.ast.k === 'deriv' && t.ast.quantity) return t.ast.quantity;
  return undefined;
}

function checkChain(
  span: MathSpan,
  chain: Chain,
  env: LatexEnv,
  options: LatexOptions,
  scope: NoteScope,
  binding: { name?: string },
  rows: SymbolicRows | undefined,
): LatexChainResult {
  // `w = …` binds w (the first link is a definition, not a claim); `&= …` below it continues it.
  const bound = chain.continuation ? binding.name : boundName(chain, span);
  binding.name = bound;
  const evaluateAll = (reading: Reading): Evaluated[] =>
    chain.segments.map((s, i) =>
      i === 0 && chain.continuation && chain.carried
        ? evaluateSegment(span, chain.carried, env, true, scope, reading)
        : evaluateSegment(span, s, env, false, scope, reading),
    );
  let segs = evaluateAll(undefined);
  let links = linksOf(span, chain, segs, env, bound);
  if (segs.some((s) => s.usesAmbiguous)) [segs, links] = readAmbiguous(span, chain, segs, links, env, bound, evaluateAll);
  if (bound && !chain.continuation && chain.relations.length === 1) {
    const r = restatement(span, chain, segs, env, scope, bound);
    if (r) [segs, links] = [[r.head, ...segs.slice(1)], [r.link]];
  }
  // Definitions, derivative claims and identities with free symbols (symbolicRows.ts).
  const own = chain.continuation && chain.carried ? [chain.carried, ...chain.segments.slice(1)] : chain.segments;
  const line = span.positionAt(chain.segments[0].start).line;
  const numeric = links.map((l) => l.ok !== undefined);
  for (const [i, s] of rows?.chain(chain, own, span.content, numeric, (n) => env.lookup(n, line)) ?? []) {
    if (links[i].ok !== undefined) continue;
    links[i] = extend(links[i], { ok: s.ok, message: s.message, reason: s.ok === undefined ? (s.reason ?? links[i].reason) : undefined, symbolic: s.ok !== undefined || undefined, sampled: s.sampled });
  }
  learn(chain, segs, scope, bound, span, env);
  const status: LatexStatus = links.some((l) => l.ok === false) ? 'failed' : links.some((l) => l.ok === true) ? 'verified' : 'skipped';
  const first = chain.continuation ? chain.relations[0].start : chain.segments[0].start;
  const lastSeg = chain.segments[chain.segments.length - 1];
  const end = lastSeg.tokens.length ? lastSeg.end : chain.relations[chain.relations.length - 1].end;
  const reason =
    status === 'skipped'
      ? (segs.find((s, i) => s.out.skipReason && s.out.skipReason !== 'empty' && !(i === 0 && bound && !chain.continuation))?.out.skipReason ??
        links.find((l) => l.reason && l.reason !== 'binding')?.reason ??
        (bound ? 'binding' : 'nothing to compare'))
      : undefined;
  return {
    range: rangeOf(span, first, end),
    latex: span.content.slice(first, end),
    status,
    display: span.display,
    segments: segs.map((s) => s.out),
    links,
    ...(bound ? { binds: bound } : {}),
    ...(reason ? { reason } : {}),
    ...(span.where ? { where: span.where } : {}),
  };
}

/**
 * Records a written result as a rounded intermediate for later uses of the same digits.
 * Only decimals: a later `2` or `100` is far more often a constant than a reused result.
 */
function remember(scope: NoteScope, n: NumNode, half: number): void {
  if (n.decimals === 0 || half <= 0) return;
  scope.rounded.set(n.value, Math.max(scope.rounded.get(n.value) ?? 0, half));
}

/** The number a side is when it is one written plainly (`0.5`, `-0.5`, `(0.5)`, `\mathbf{0.5}`). */
function plainNumber(n: Node): NumNode | undefined {
  if (n.k === 'num') return n;
  if ((n.k === 'neg' || n.k === 'paren') && n.arg.k === 'num') return n.arg;
  return undefined;
}

/**
 * What a chain teaches the scope: the written results it computed (rounded
 * intermediates from here on) and the value its bound name now holds.
 */
function learn(chain: Chain, segs: readonly Evaluated[], scope: NoteScope, bound: string | undefined, span: MathSpan, env: LatexEnv): void {
  // Segments after the bound name (or all, for a continuation or a claim without one).
  const from = bound && !chain.continuation ? 1 : 0;
  let computedBefore = chain.continuation;
  let result: { value: LatexValue; uncertainty: number } | undefined;
  for (let i = from; i < segs.length; i++) {
    const s = segs[i];
    const t = s.translation;
    const lit = t ? literalOf(t.ast) : undefined;
    if (lit) {
      let uncertainty = 0;
      if (computedBefore) {
        // A result written rounded: exact only when it is exactly what its left side
        // computed from exact inputs; else it carries half a unit of its last digit, or
        // what its left side's rounded inputs allow, whichever is more.
        const prevSide = segs[i - 1]?.side;
        const prev = prevSide?.value;
        const exact = prev !== undefined && Math.abs(prev - lit.value) <= 1e-12 * Math.max(Math.abs(prev), 1e-300);
        const iv = prevSide ? sideInterval(prevSide, false, env.evaluate.bind(env)) : undefined;
        const spread = iv ? (iv[1] - iv[0]) / 2 : 0;
        uncertainty = Math.max(exact ? 0 : literalTolerance(lit, chain.relations[i - 1]?.kind === 'approx'), spread);
        const n = plainNumber(t!.ast);
        if (n) remember(scope, n, uncertainty);
      }
      result = { value: lit.value, uncertainty };
    } else if (s.side) {
      const iv = sideInterval(s.side, false, env.evaluate.bind(env));
      result = { value: s.side.value, uncertainty: iv ? (iv[1] - iv[0]) / 2 : 0 };
      computedBefore = true;
    } else if (s.list) {
      // A list: written elements (rounded when computed), or the computed list.
      const elems = t && (t.ast.k === 'tuple' || t.ast.k === 'matrix') ? (t.ast.k === 'tuple' ? t.ast.items : t.ast.rows.flat()) : undefined;
      const lits = elems?.map((e) => ({ lit: literalOf(e), n: plainNumber(e) }));
      let uncertainty = 0;
      if (lits && lits.every((l) => l.lit) && computedBefore) {
        const prev = segs[i - 1]?.list?.value;
        const prevFlat = prev === undefined || typeof prev === 'number' ? undefined : (prev.flat(3) as number[]);
        lits.forEach(({ lit, n }, k) => {
          const p = prevFlat?.length === lits.length ? prevFlat[k] : undefined;
          if (p !== undefined && Math.abs(p - lit!.value) <= 1e-12 * Math.max(Math.abs(p), 1e-300)) return;
          const u = literalTolerance(lit!, chain.relations[i - 1]?.kind === 'approx');
          uncertainty = Math.max(uncertainty, u);
          if (n) remember(scope, n, u);
        });
      }
      result = { value: s.list.value, uncertainty };
      computedBefore = true;
    } else if (s.out.skipReason && s.out.skipReason !== 'empty') {
      computedBefore = true;
    }
  }
  // A formula in names (not the name itself: `w = w - 0.6667` is an update) defines the name.
  const formula = bound && !chain.continuation ? segs[1]?.translation : undefined;
  if (bound && formula && formula.names.length && !formula.names.includes(bound) && !literalOf(formula.ast)) scope.formulas.set(bound, formula);
  if (!bound || !result) return;
  const before = scope.names.get(bound);
  const changed = before !== undefined && differs(before.value, result.value, Math.max(before.uncertainty, result.uncertainty));
  const fromRebound = segs.some((s) => s.translation?.names.some((n) => scope.rebound.has(n)));
  if (changed || fromRebound) {
    if (!scope.rebound.has(bound)) scope.before.set(bound, before);
    scope.rebound.set(bound, true);
  } else {
    scope.rebound.delete(bound);
    scope.before.delete(bound);
  }
  scope.ambiguous.delete(bound);
  scope.readings.delete(bound);
  scope.names.set(bound, extend(result, { line: span.positionAt(chain.segments[0].start).line }));
}

/** Two values differ by more than `tol` (element-wise for lists; a shape change differs). */
function differs(a: LatexValue, b: LatexValue, tol: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) > Math.max(tol, 1e-12 * Math.abs(b));
  if (typeof a === 'number' || typeof b === 'number' || a.length !== b.length) return true;
  return a.some((x, i) => differs(x, b[i], tol));
}

/**
 * Checks every chain of the given spans (math, or prose and other delimiters read as
 * math), in document order, in one scope. `headings` are the 0-based lines of the note's
 * headings (see NoteScope.heading).
 */
export function checkSpans(
  spans: readonly MathSpan[],
  env: LatexEnv,
  options: LatexOptions = {},
  headings: readonly number[] = [],
  cache?: SpanCache,
): LatexChainResult[] {
  const out: LatexChainResult[] = [];
  const scope = new NoteScope();
  const traced = tracedEnv(env, scope);
  const rows = new SymbolicRows(env.symbolic ?? defaultSymbolicEnv(), { singleEquals: options.symbolic === true });
  let h = 0;
  for (const span of spans) {
    const line = span.range.start.line;
    while (h < headings.length && headings[h] < line) scope.heading(headings[h++]);
    // Definitions and symbolic claims are read in the math the preview renders, not in prose.
    const spanRows = span.where ? undefined : rows;
    const key = cache ? spanKey(span, options.symbolic === true) : '';
    const last = cache?.find(key);
    if (last?.results && (!spanRows || last.rowsBefore === spanRows.state) && stillHolds(last, scope, env)) {
      // Nothing it read has changed: its results stand, and it teaches the scope what it did.
      replayWrites(last, scope);
      if (spanRows && last.rowsDelta) spanRows.replay(last.rowsDelta as RowsDelta);
      out.push(...last.results);
      cache!.reuse(key, last);
      continue;
    }
    const trace: SpanTrace | undefined = cache ? { ops: [] } : undefined;
    const rowsBefore = spanRows && cache ? spanRows.state : undefined;
    const mark = spanRows?.mark() ?? 0;
    scope.trace = trace;
    const results: LatexChainResult[] = [];
    const binding: { name?: string } = {};
    try {
      for (const chain of chainsOf(span.content)) results.push(checkChain(span, chain, traced, options, scope, binding, spanRows));
    } finally {
      scope.trace = undefined;
    }
    out.push(...results);
    if (cache && trace) cache.keep(key, extend(trace, { rowsBefore, rowsDelta: spanRows?.since(mark), results }));
  }
  cache?.finish();
  // The reasons the user reads (hover, CLI) in their language; decided on in English above.
  return localiseReasons(out);
}

/** Checks every chain written in the note's math, in document order. */
export function checkLatexChains(text: string, env: LatexEnv, options: LatexOptions = {}): LatexChainResult[] {
  return checkSpans(findMathSpans(text), env, options, headingLines(text));
}
