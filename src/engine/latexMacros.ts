// The note's math as the checker reads it once the user's macros are expanded: each span's
// content expanded, its positions mapped back through the expansion's origins.
import type { MathSpan } from './latex';
import { expandMacros, type TexMacros } from './texMacros';

export function macroSpans(spans: readonly MathSpan[], macros: TexMacros): readonly MathSpan[] {
  if (Object.keys(macros).length === 0) return spans;
  return spans.flatMap((span): MathSpan[] => {
    const expanded = expandMacros(span.content, macros);
    // Not readable exactly (a macro without its argument, a runaway definition): skipped.
    if (!expanded) return [];
    if (expanded.text === span.content) return [span];
    const { origin, text } = expanded;
    const positionAt = (offset: number) => span.positionAt(origin[Math.max(0, Math.min(text.length, offset))]);
    return [{ display: span.display, content: text, range: span.range, adjacent: span.adjacent, where: span.where, positionAt }];
  });
}
