// Checks what is written outside the preview's math with the LaTeX checker's own
// comparison: plain-text arithmetic and, when asked, `\( \)`-style math. Prose results
// then speak the note's text, not the LaTeX it was read as (`120,000`, not `120{,}000`).
import { checkSpans } from '../latex';
import { findOutsideMathSpans, type MathSpan, type OutsideMathOptions } from '../latex/mathSpans';
import type { LatexChainResult, LatexEnv, LatexLink } from '../latex/types';
import { parseDocument } from '../parse/document';
import type { Range } from '../types';

export interface OutsideMathCheckOptions extends OutsideMathOptions {
  readonly symbolic?: boolean;
}

function textAt(lines: readonly string[], range: Range): string {
  if (range.start.line === range.end.line) return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  const parts = [(lines[range.start.line] ?? '').slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) parts.push(lines[l] ?? '');
  parts.push((lines[range.end.line] ?? '').slice(0, range.end.character));
  return parts.join('\n');
}

/** The computed value written the way the prose wrote its number: `1,234`, `−0.5`, `4x4`. */
function proseNumber(replacement: string, written: string): string {
  let s = replacement.replace(/\{,\}/g, '');
  // A square size (a convolution's output, convSize.ts): both sides get the value.
  const square = /^(\d+)(\s*[x×✕]\s*)\1$/.exec(written);
  if (square) return `${s}${square[2]}${s}`;
  if (written.includes(',')) {
    const m = /^(-?)(\d+)(.*)$/.exec(s);
    if (m) s = m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + m[3];
  }
  if (/^[−－]/.test(written)) s = s.replace(/^-/, written[0]);
  return s;
}

/** The message's written number is its last mention (the expression before it may hold the same digits). */
function replaceLast(message: string, latex: string, text: string): string {
  const at = message.lastIndexOf(latex);
  return at < 0 ? message : message.slice(0, at) + text + message.slice(at + latex.length);
}

function asProse(chain: LatexChainResult, lines: readonly string[]): LatexChainResult {
  const links = chain.links.map((link): LatexLink => {
    if (!link.written) return link.message ? { ...link, message: link.message.replace(/\{,\}/g, ',') } : link;
    const text = textAt(lines, link.written.range);
    return {
      ...link,
      written: { ...link.written, text, replacement: proseNumber(link.written.replacement, text) },
      ...(link.message ? { message: replaceLast(link.message, link.written.text, text).replace(/\{,\}/g, ',') } : {}),
    };
  });
  return {
    ...chain,
    latex: textAt(lines, chain.range),
    segments: chain.segments.map((s) => ({ ...s, latex: textAt(lines, s.range) })),
    links,
  };
}

/** Prose and other-delimiter chains of a note, in document order. */
export function checkOutsideMath(text: string, env: LatexEnv, options: OutsideMathCheckOptions, spans: readonly MathSpan[] = findOutsideMathSpans(text, options)): LatexChainResult[] {
  if (!spans.length) return [];
  const lines = parseDocument(text).lines;
  return checkSpans(spans, env, { symbolic: options.symbolic }).map((c) => (c.where === 'prose' ? asProse(c, lines) : c));
}
