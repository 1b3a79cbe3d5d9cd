// The hand calculations written in a note's LaTeX, in the editor: the hover over a chain
// (each segment's value, each link's verdict) and the quick fixes (write the computed
// value; insert a block that evaluates both sides of a wrong symbolic claim). The ✓ after
// a verified chain is an inline mark (inlineResults.ts); the warning on a wrong link is one
// of the engine's diagnostics (code "latex").
import * as l10n from '@vscode/l10n';
import type { LatexChainResult, LatexLink, LatexSegment } from '../engine/latex/types';
import type { NoteResult, Position, Range } from '../engine/types';
import type { Markdown } from './markdown';
import type { TextEdit } from './record';
import { contains, rangesIntersect, sameRange, textIn, type NoteText } from './text';

/** A value the way the checker's messages write it (6 significant digits, a real minus). */
export function formatChainValue(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v).replace('-', '−');
  let s = String(Number(v.toPrecision(6)));
  if (s.includes('e')) s = v.toPrecision(6).replace(/\.?0+e/, 'e');
  return s.replace('-', '−');
}

export function chainAt(result: NoteResult, pos: Position): LatexChainResult | undefined {
  return (result.latex ?? []).find((c) => contains(c.range, pos));
}

/** Text for a Markdown table cell: one line, pipes escaped, in a code span. */
function cellCode(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  return flat.includes('`') ? `\`\` ${flat} \`\`` : `\`${flat}\``;
}

function cellText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

const RELATION: Record<string, string> = {
  '=': '=',
  '\\approx': '≈',
  '≈': '≈',
  '\\simeq': '≃',
  '\\approxeq': '≊',
  '<': '<',
  '>': '>',
  '\\le': '≤',
  '\\leq': '≤',
  '\\ge': '≥',
  '\\geq': '≥',
};

function segmentValue(s: LatexSegment): string {
  if (s.value !== undefined) return cellText(formatChainValue(s.value));
  return `*${cellText(s.skipReason ? l10n.t('not evaluated: {reason}', { reason: s.skipReason }) : l10n.t('not evaluated'))}*`;
}

function linkLine(link: LatexLink, segments: readonly LatexSegment[]): string {
  const l = segments[link.left];
  const r = segments[link.right];
  const name = (s: LatexSegment | undefined) => cellText(s?.plain ?? s?.latex ?? '?');
  const rel = RELATION[link.relation] ?? cellText(link.relation);
  const tol = link.tolerance !== undefined ? ` (${l10n.t('tolerance {tolerance}', { tolerance: cellText(formatChainValue(link.tolerance)) })})` : '';
  if (link.ok === true && link.sampled) return `$(pass) ${name(l)} ${rel} ${name(r)}: ${cellText(link.sampled.checkedAt)}`;
  if (link.ok === true) return `$(pass) ${name(l)} ${rel} ${name(r)}${tol}${link.symbolic ? `, ${l10n.t('at random points')}` : ''}`;
  if (link.ok === false && link.sampled) return `$(warning) ${cellText(link.message ?? l10n.t('{left} {relation} {right} does not hold', { left: name(l), relation: rel, right: name(r) }))}`;
  if (link.ok === false) return `$(warning) ${cellText(link.message ?? l10n.t('{left} {relation} {right} does not hold', { left: name(l), relation: rel, right: name(r) }))}${tol}`;
  return `$(circle-slash) ${name(l)} ${rel} ${name(r)}: ${l10n.t('not checked')}${link.reason ? ` (${cellText(link.reason)})` : ''}`;
}

const STATUS: Record<LatexChainResult['status'], () => string> = {
  verified: () => `$(pass) **${l10n.t('Hand calculation verified')}**`,
  failed: () => `$(warning) **${l10n.t('Hand calculation: a link is wrong')}**`,
  skipped: () => `$(circle-slash) **${l10n.t('Hand calculation not checked')}**`,
};

/** The hover of a chain: its status, each segment's value, each link's verdict ($(…) are theme icons). */
export function chainHover(chain: LatexChainResult): Markdown {
  let md = `${STATUS[chain.status]()}${chain.status === 'skipped' && chain.reason ? ` — ${cellText(chain.reason)}` : ''}\n\n`;
  md += `| | LaTeX | ${l10n.t('value')} |\n|---:|---|---|\n`;
  chain.segments.forEach((s, i) => {
    md += `| ${i + 1} | ${cellCode(s.latex || ' ')} | ${segmentValue(s)} |\n`;
  });
  md += '\n';
  const links = chain.links.filter((l) => l.ok !== undefined || chain.status !== 'skipped');
  for (const link of links) md += `${linkLine(link, chain.segments)}  \n`;
  if (chain.links.some((l) => l.ok === false && l.written)) md += `\n*${l10n.t('Quick fix (Ctrl+.): write the computed value.')}*`;
  else if (chain.links.some((l) => l.ok === false && l.sampled?.block)) md += `\n*${l10n.t('Quick fix (Ctrl+.): insert a dl-calc block that evaluates both sides at that point.')}*`;
  return [{ markdown: md }];
}

/**
 * The hover at a position: a checked chain there, for a result of today's text (ranges of
 * an older version may point at other text). Skipped chains stay quiet: prose math that
 * is not a calculation is most math.
 */
export function chainHoverAt(result: NoteResult, version: number, pos: Position): { markdown: Markdown; range: Range } | undefined {
  if (result.version !== version) return undefined;
  const chain = chainAt(result, pos);
  if (!chain || chain.status === 'skipped') return undefined;
  return { markdown: chainHover(chain), range: chain.range };
}

type Written = NonNullable<LatexLink['written']>;

/** Wrong links whose written number can be replaced, with where it is. */
export function fixableLinks(result: NoteResult): { chain: LatexChainResult; link: LatexLink & { written: Written } }[] {
  const out: { chain: LatexChainResult; link: LatexLink & { written: Written } }[] = [];
  for (const chain of result.latex ?? []) {
    for (const link of chain.links) {
      if (link.ok === false && link.written && link.written.replacement !== link.written.text) out.push({ chain, link: link as LatexLink & { written: Written } });
    }
  }
  return out;
}

/** Wrong symbolic claims (derivatives, identities) that come with a block to insert. */
export function blockLinks(result: NoteResult): { chain: LatexChainResult; link: LatexLink; block: string }[] {
  const out: { chain: LatexChainResult; link: LatexLink; block: string }[] = [];
  for (const chain of result.latex ?? []) {
    for (const link of chain.links) {
      if (link.ok === false && link.sampled?.block) out.push({ chain, link, block: link.sampled.block });
    }
  }
  return out;
}

/**
 * Where the block goes: after the paragraph that holds the claim (display math cannot
 * hold a blank line, so the first blank line below is outside it), or at the end.
 */
export function blockInsertion(text: NoteText, afterLine: number, block: string): { line: number; character: number; text: string } {
  for (let l = afterLine + 1; l < text.lineCount; l++) {
    if (text.lineAt(l).trim() === '') return { line: l, character: 0, text: `\n${block}\n` };
  }
  const last = text.lineCount - 1;
  return { line: last, character: text.lineAt(last).length, text: `\n\n${block}\n` };
}

export interface QuickFix {
  readonly title: string;
  readonly edit: TextEdit;
  /** The range of the diagnostic (code "latex") it fixes, when one is in the request. */
  readonly fixes?: Range;
  readonly preferred: boolean;
}

/**
 * The quick fixes for a request at `range`, for a result of today's text (`version`).
 * `diagnostics` are the ranges of the request's dl-calc "latex" diagnostics; `eol` the
 * document's line break.
 */
export function latexQuickFixes(result: NoteResult, version: number, text: NoteText, range: Range, diagnostics: readonly Range[], eol: string): QuickFix[] {
  if (result.version !== version) return [];
  const fixes: QuickFix[] = [];
  for (const { link } of fixableLinks(result)) {
    const target = link.written.range;
    const diagnostic = diagnostics.find((d) => sameRange(target, d));
    if (!diagnostic && !rangesIntersect(target, range)) continue;
    // Only when the text there is still the number the checker read.
    if (textIn(text, target) !== link.written.text) continue;
    fixes.push({
      title: l10n.t('Replace {written} with {replacement}', { written: link.written.text, replacement: link.written.replacement }),
      edit: { range: target, newText: link.written.replacement },
      fixes: diagnostic,
      preferred: true,
    });
  }
  for (const { chain, link, block } of blockLinks(result)) {
    const at = chain.segments[link.right]?.range ?? chain.range;
    const diagnostic = diagnostics.find((d) => sameRange(at, d));
    if (!diagnostic && !rangesIntersect(at, range)) continue;
    const point = link.sampled?.failing ? Object.entries(link.sampled.failing.at).map(([n, v]) => `${n} = ${formatChainValue(v)}`).join(', ') : '';
    const where = blockInsertion(text, chain.range.end.line, block);
    const position = { line: where.line, character: where.character };
    fixes.push({
      title: l10n.t('Insert a dl-calc block that evaluates both sides at {point}', { point }),
      edit: { range: { start: position, end: position }, newText: where.text.replace(/\n/g, eol) },
      fixes: diagnostic,
      preferred: false,
    });
  }
  return fixes;
}
