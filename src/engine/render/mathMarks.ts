// ✓ after math whose hand calculation holds, ✗ after math with a wrong link, the computed
// values on hover: the preview's and the export's view of the LaTeX checks. Math tokens
// are matched to the checker's spans by document order (both read the note with the same
// markdown-it configuration, see engine/parse), confirmed by their content.
import type MarkdownIt from 'markdown-it';
import { findMathSpans, findOutsideMathSpans, type MathSpan } from '../latex/mathSpans';
import { formatValue } from '../latex/compare';
import type { LatexChainResult } from '../latex/types';
import type { NoteResult, Position } from '../types';
import { escapeHtml } from './escape';
import { currentBundle, say } from '../messages';

type Token = MarkdownIt.Token;

export interface MathMark {
  readonly ok: boolean;
  /** What the hover says: each wrong link's message, or each chain's computed value. */
  readonly title: string;
}

export interface MarkLabels {
  /** Read before a verified formula's values: "Hand calculation holds". */
  readonly verified: string;
  /** Read before a wrong formula's messages: "Hand calculation does not hold". */
  readonly wrong: string;
}

let labelsIn: { bundle: unknown; labels: MarkLabels } | undefined;

/** The labels in the reader's language (one object per bundle, so the marks cache holds). */
export function defaultMarkLabels(): MarkLabels {
  const bundle = currentBundle();
  if (!labelsIn || labelsIn.bundle !== bundle) labelsIn = { bundle, labels: { verified: say('render.mathHolds'), wrong: say('render.mathWrong') } };
  return labelsIn.labels;
}

/** Meta key: a math token's place among the note's math, in document order. */
export const MATH_ORDINAL = 'dlCalcMath';

const MATH_TOKENS = new Set(['math_inline', 'math_inline_block', 'math_block']);

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

function isMathFence(token: Token): boolean {
  return token.type === 'fence' && token.info.trim().toLowerCase() === 'math';
}

/** Numbers every math token the way findMathSpans orders the spans, adding `meta` to each. */
export function numberMathTokens(tokens: readonly Token[], meta: Record<string, unknown> = {}): void {
  let n = 0;
  const tag = (t: Token) => {
    t.meta = { ...(t.meta ?? {}), ...meta, [MATH_ORDINAL]: n++ };
  };
  for (const token of tokens) {
    if ((token.type === 'math_block' && token.map) || isMathFence(token)) tag(token);
    else if (token.type === 'inline' && token.children) {
      for (const child of token.children) if (MATH_TOKENS.has(child.type)) tag(child);
    }
  }
}

function markOf(chains: readonly LatexChainResult[], labels: MarkLabels): MathMark | undefined {
  const wrong = chains.flatMap((c) => c.links.filter((l) => l.ok === false).map((l) => l.message ?? c.latex));
  if (wrong.length) return { ok: false, title: [labels.wrong, ...wrong].join('\n') };
  const verified = chains.filter((c) => c.status === 'verified');
  if (!verified.length) return undefined;
  const values = verified.map((c) => {
    // The chain's first computed side, as the hover in the editor shows it.
    const seg = c.segments.find((s) => s.value !== undefined && s.plain !== undefined && s.expression !== undefined) ?? c.segments.find((s) => s.value !== undefined);
    return seg ? `${seg.plain ?? seg.latex} = ${formatValue(seg.value!)}` : c.latex;
  });
  return { ok: true, title: [labels.verified, ...values].join('\n') };
}

interface Marks {
  readonly spans: readonly MathSpan[];
  readonly marks: readonly (MathMark | undefined)[];
}

const cache = new WeakMap<NoteResult, { src: string; labels: MarkLabels; marks: Marks }>();

/**
 * Each span's mark from the checked chains that stand in it. Spans and chains both in
 * document order: each span's chains are found from where the last span's search began,
 * so 200,000 formulas cost linear time, not spans × chains.
 */
function marksOfSpans(spans: readonly MathSpan[], checked: readonly LatexChainResult[], labels: MarkLabels): (MathMark | undefined)[] {
  const chains = [...checked].sort((a, b) => (before(a.range.start, b.range.start) ? (before(b.range.start, a.range.start) ? 0 : -1) : 1));
  let from = 0;
  return spans.map((span) => {
    while (from < chains.length && !before(span.range.start, chains[from].range.start)) from++;
    const inside: LatexChainResult[] = [];
    for (let i = from; i < chains.length && before(chains[i].range.start, span.range.end); i++) {
      // Results of an older version must not mark an edited formula: the text must agree.
      if (span.content.includes(chains[i].latex)) inside.push(chains[i]);
    }
    return markOf(inside, labels);
  });
}

/** The mark of each of the note's math spans, from the checker's results. */
export function marksFor(result: NoteResult, src: string, labels: MarkLabels = defaultMarkLabels()): Marks {
  const hit = cache.get(result);
  if (hit && hit.src === src && hit.labels.verified === labels.verified && hit.labels.wrong === labels.wrong) return hit.marks;
  const spans = result.latex.length ? findMathSpans(src) : [];
  const marks = marksOfSpans(
    spans,
    result.latex.filter((c) => !c.where && c.status !== 'skipped'),
    labels,
  );
  const value = { spans, marks };
  cache.set(result, { src, labels, marks: value });
  return value;
}

/** Meta key: the place of a text token's first `\\( \\)` formula among the note's, in document order. */
export const OTHER_ORDINAL = 'dlCalcOther';

// `\( … \)` and `\[ … \]` as the preview shows them (a note's `\\(`): text, not math.
const OTHER_IN_TEXT = /\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]/g;

/**
 * Numbers the `\( \)` formulas left in text tokens (outside links, as the checker reads
 * them), adding `meta` to each token that holds some.
 */
export function numberOtherMath(tokens: readonly Token[], meta: Record<string, unknown> = {}): void {
  let n = 0;
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    let link = 0;
    for (const child of token.children) {
      if (child.type === 'link_open') link++;
      else if (child.type === 'link_close') link--;
      else if (child.type === 'text' && link === 0 && (child.content.includes('\\(') || child.content.includes('\\['))) {
        const count = child.content.match(OTHER_IN_TEXT)?.length ?? 0;
        if (!count) continue;
        child.meta = { ...(child.meta ?? {}), ...meta, [OTHER_ORDINAL]: n };
        n += count;
      }
    }
  }
}

const otherCache = new WeakMap<NoteResult, { src: string; labels: MarkLabels; marks: Marks }>();

/** The mark of each `\( \)` formula the checker read (dlCalc.latexChecks.otherDelimiters). */
export function otherMarksFor(result: NoteResult, src: string, labels: MarkLabels = defaultMarkLabels()): Marks {
  const hit = otherCache.get(result);
  if (hit && hit.src === src && hit.labels === labels) return hit.marks;
  const chains = result.latex.filter((c) => c.where === 'other-math' && c.status !== 'skipped');
  const spans = chains.length ? findOutsideMathSpans(src, { otherDelimiters: true }).filter((s) => s.where === 'other-math') : [];
  const marks = marksOfSpans(spans, chains, labels);
  const value = { spans, marks };
  otherCache.set(result, { src, labels, marks: value });
  return value;
}

/** A text token's HTML with a mark after each of its `\( \)` formulas that earned one; undefined when none did. */
export function textWithMarks(marks: Marks, token: Token): string | undefined {
  const first = token.meta?.[OTHER_ORDINAL];
  if (typeof first !== 'number' || !marks.marks.some(Boolean)) return undefined;
  let html = '';
  let last = 0;
  let k = 0;
  let marked = false;
  for (const m of token.content.matchAll(OTHER_IN_TEXT)) {
    const content = m[1] ?? m[2];
    const mark = markAt(marks, first + k++, (s) => s.content.trim() === content.trim());
    if (!mark) continue;
    const end = m.index + m[0].length;
    html += escapeHtml(token.content.slice(last, end)) + markHtml(mark);
    last = end;
    marked = true;
  }
  return marked ? html + escapeHtml(token.content.slice(last)) : undefined;
}

/** The mark of a rendered math token, if its span is found and earned one. */
export function markOfToken(marks: Marks, token: Token): MathMark | undefined {
  const n = token.meta?.[MATH_ORDINAL];
  if (typeof n !== 'number') return undefined;
  const content = isMathFence(token) ? token.content.replace(/\n$/, '') : token.content;
  return markAt(marks, n, (s) => s.content === content);
}

/**
 * The mark of the `n`th span when it is the formula rendered (`same`); else, since a span
 * the checker could not place shifts the order, of the nearest span that is.
 */
function markAt(marks: Marks, n: number, same: (span: MathSpan) => boolean): MathMark | undefined {
  const at = marks.spans[n];
  if (at && same(at)) return marks.marks[n];
  let best = -1;
  marks.spans.forEach((s, i) => {
    if (same(s) && (best < 0 || Math.abs(i - n) < Math.abs(best - n))) best = i;
  });
  return best >= 0 ? marks.marks[best] : undefined;
}

export function markHtml(mark: MathMark): string {
  const title = escapeHtml(mark.title);
  const cls = mark.ok ? 'dl-calc-math-ok' : 'dl-calc-math-wrong';
  return `<span class="dl-calc-math-mark ${cls}" title="${title}" aria-label="${title}" role="img">${mark.ok ? '✓' : '✗'}</span>`;
}

/** Math HTML with its mark: after an inline formula, beside a display one. */
export function withMark(html: string, mark: MathMark | undefined, display: boolean): string {
  if (!mark) return html;
  if (!display) return html + markHtml(mark);
  const trailing = html.endsWith('\n') ? '\n' : '';
  return `<div class="dl-calc-math-marked">${html.trimEnd()}${markHtml(mark)}</div>${trailing}`;
}
