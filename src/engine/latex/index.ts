// Checks the hand calculations already written in a note's LaTeX: every chain
// `a = b \approx c` in the math the preview renders, segment by segment.
import type { Range } from '../types';
import { chainsOf, type Chain, type Segment } from './chains';
import { checkLink, type Side } from './compare';
import { findMathSpans, type MathSpan } from './mathSpans';
import { translate, type Translation } from './translate';
import type { LatexChainResult, LatexEnv, LatexLink, LatexOptions, LatexSegment, LatexStatus } from './types';
import { say } from '../messages';

export type { LatexChainResult, LatexEnv, LatexLink, LatexOptions, LatexSegment, LatexStatus, LatexWritten } from './types';
export { findMathSpans, type MathSpan } from './mathSpans';
export { chainsOf } from './chains';
export { translate } from './translate';
export { defaultEvaluate } from './evaluate';

interface Evaluated {
  readonly out: LatexSegment;
  readonly translation?: Translation;
  readonly side?: Side;
  /** Translated, but some names are unbound (symbolic option may still use it). */
  readonly unbound?: readonly string[];
  readonly bound?: Record<string, number>;
}

function rangeOf(span: MathSpan, start: number, end: number): Range {
  return { start: span.positionAt(start), end: span.positionAt(end) };
}

function evaluateSegment(span: MathSpan, seg: Segment, env: LatexEnv, carried: boolean): Evaluated {
  const latex = span.content.slice(seg.start, seg.end).trim();
  const base = { latex, range: rangeOf(span, seg.start, seg.end), carried: carried || undefined };
  if (!seg.tokens.length) return { out: { ...base, names: [], skipReason: 'empty' } };
  const t = translate(seg.tokens, span.content);
  if (!t.ok) return { out: { ...base, names: [], skipReason: t.reason } };
  const line = span.positionAt(seg.start).line;
  const vars: Record<string, number> = {};
  const unbound: string[] = [];
  for (const n of t.names) {
    const v = env.lookup(n, line);
    if (typeof v === 'number' && Number.isFinite(v)) vars[n] = v;
    else unbound.push(n);
  }
  const common = { ...base, expression: t.expression, plain: t.plain, names: t.names };
  if (unbound.length) {
    const reason = `unbound name${unbound.length > 1 ? 's' : ''}: ${unbound.join(', ')}`;
    return { out: { ...common, skipReason: reason }, translation: t, unbound, bound: vars };
  }
  let value: number;
  try {
    value = env.evaluate(t.expression, vars);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('not a finite number');
  } catch (e) {
    return { out: { ...common, skipReason: `evaluation failed: ${(e as Error).message}` }, translation: t };
  }
  return {
    out: { ...common, value },
    translation: t,
    side: { value, plain: t.plain, ast: t.ast, hasNames: t.names.length > 0, vars },
  };
}

/** A small deterministic generator, so symbolic checks give the same answer every run. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** `2 \times 9C^2 = 18C^2`: both sides at three random points for the free symbols. */
function symbolicLink(L: Evaluated, R: Evaluated, env: LatexEnv): Omit<LatexLink, 'left' | 'right' | 'relation'> | undefined {
  const lt = L.translation;
  const rt = R.translation;
  if (!lt || !rt || lt.nameBeforeBracket || rt.nameBeforeBracket) return undefined;
  const free = new Set([...(L.unbound ?? []), ...(R.unbound ?? [])]);
  if (!free.size) return undefined;
  // Same free symbols on both sides, and not a lone name being defined (`y = 2x`).
  const fl = (L.unbound ?? []).slice().sort().join();
  const fr = (R.unbound ?? []).slice().sort().join();
  if (fl !== fr || lt.ast.k === 'name' || rt.ast.k === 'name') return undefined;
  const next = random(0x9e3779b9);
  for (let k = 0; k < 3; k++) {
    const vars: Record<string, number> = { ...(L.bound ?? {}), ...(R.bound ?? {}) };
    for (const n of free) vars[n] = 0.5 + 2 * next();
    let a: number;
    let b: number;
    try {
      a = env.evaluate(lt.expression, vars);
      b = env.evaluate(rt.expression, vars);
    } catch {
      return undefined;
    }
    if (!(Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)))) {
      const at = [...free].map((n) => `${n} = ${vars[n].toPrecision(4)}`).join(', ');
      return { ok: false, symbolic: true, message: say('latex.notIdentity', { at, left: lt.plain, leftValue: a.toPrecision(6), right: rt.plain, rightValue: b.toPrecision(6) }) };
    }
  }
  return { ok: true, symbolic: true };
}

function checkChain(span: MathSpan, chain: Chain, env: LatexEnv, options: LatexOptions): LatexChainResult {
  const segs = chain.segments.map((s, i) =>
    i === 0 && chain.continuation && chain.carried ? evaluateSegment(span, chain.carried, env, true) : evaluateSegment(span, s, env, false),
  );
  const links: LatexLink[] = [];
  chain.relations.forEach((rel, i) => {
    const L = segs[i];
    const R = segs[i + 1];
    const head = { left: i, right: i + 1, relation: rel.text };
    if (L.side && R.side) {
      const c = checkLink(rel.kind, L.side, R.side, span.content, env.evaluate.bind(env));
      const written = c.written && {
        range: rangeOf(span, c.written.start, c.written.end),
        text: c.written.text,
        replacement: c.written.replacement,
      };
      links.push({ ...head, ok: c.ok, tolerance: c.tolerance, message: c.message, reason: c.reason, written });
      return;
    }
    if (options.symbolic && rel.kind === 'eq') {
      const s = symbolicLink(L, R, env);
      if (s) {
        links.push({ ...head, ...s });
        return;
      }
    }
    links.push({ ...head, reason: L.out.skipReason ?? R.out.skipReason ?? 'not evaluated' });
  });
  const status: LatexStatus = links.some((l) => l.ok === false) ? 'failed' : links.some((l) => l.ok === true) ? 'verified' : 'skipped';
  const own = chain.segments.filter((s) => s.tokens.length);
  const first = chain.continuation ? chain.relations[0].start : chain.segments[0].start;
  const lastSeg = chain.segments[chain.segments.length - 1];
  const end = lastSeg.tokens.length ? lastSeg.end : chain.relations[chain.relations.length - 1].end;
  const reason =
    status === 'skipped'
      ? (segs.find((s) => s.out.skipReason && s.out.skipReason !== 'empty')?.out.skipReason ?? links.find((l) => l.reason)?.reason ?? 'nothing to compare')
      : undefined;
  void own;
  return {
    range: rangeOf(span, first, end),
    latex: span.content.slice(first, end),
    status,
    display: span.display,
    segments: segs.map((s) => s.out),
    links,
    ...(reason ? { reason } : {}),
    ...(span.where ? { where: span.where } : {}),
  };
}

/** Checks every chain of the given spans (math, or prose and other delimiters read as math). */
export function checkSpans(spans: readonly MathSpan[], env: LatexEnv, options: LatexOptions = {}): LatexChainResult[] {
  const out: LatexChainResult[] = [];
  for (const span of spans) {
    for (const chain of chainsOf(span.content)) out.push(checkChain(span, chain, env, options));
  }
  return out;
}

/** Checks every chain written in the note's math, in document order. */
export function checkLatexChains(text: string, env: LatexEnv, options: LatexOptions = {}): LatexChainResult[] {
  return checkSpans(findMathSpans(text), env, options);
}
