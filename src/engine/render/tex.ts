// KaTeX typesetting for dl-calc's own LaTeX (formulas, values, derivations).
// Prose math is left to the markdown-it KaTeX plugin; this module only renders what the
// engine produced, with the same safety settings and a small cache so that re-rendering
// an unchanged note (the preview does this on every keystroke) costs little.

import katex from 'katex';
import { escapeHtml } from './escape';

/** The part of KaTeX's API the renderer uses; tests may pass a stand-in. */
export interface KatexLike {
  renderToString(tex: string, options?: katex.KatexOptions): string;
}

export interface TexOptions {
  /** User macros (VS Code's `markdown.math.macros`). */
  readonly macros?: Record<string, string>;
  readonly katex?: KatexLike;
  /** 'mathml' where no KaTeX stylesheet is loaded (the browser typesets MathML itself). */
  readonly output?: 'htmlAndMathml' | 'mathml';
}

/**
 * KaTeX options shared by the dl-calc renderer and the export's prose math. `trust` stays
 * off (no \href, \url, \htmlClass...), and `strict: 'ignore'` because notes put Chinese
 * text in math, which would otherwise log one warning per formula.
 */
export function baseKatexOptions(macros?: Record<string, string>): katex.KatexOptions {
  return {
    trust: false,
    throwOnError: false,
    strict: 'ignore',
    output: 'htmlAndMathml',
    // A copy: KaTeX writes \gdef definitions into the object it is given.
    macros: { ...(macros ?? {}) },
  };
}

const cacheLimit = 4000;

export class TexRenderer {
  private readonly katex: KatexLike;
  private readonly macros: Record<string, string>;
  private readonly cache = new Map<string, string>();
  private readonly output: 'htmlAndMathml' | 'mathml';

  constructor(options: TexOptions = {}) {
    this.katex = options.katex ?? katex;
    this.output = options.output ?? 'htmlAndMathml';
    this.macros = { ...(options.macros ?? {}) };
  }

  /**
   * Typesets engine LaTeX. When KaTeX rejects it (it should not, the engine writes it),
   * the plain-text form is shown instead of a red error, with KaTeX's message on hover.
   */
  render(tex: string, display: boolean, fallbackText?: string): string {
    const key = (display ? 'D' : 'I') + tex;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let html: string;
    try {
      html = this.katex.renderToString(tex, {
        ...baseKatexOptions(this.macros),
        output: this.output,
        // Thrown so that we can fall back to text; nothing escapes this function.
        throwOnError: true,
        displayMode: display,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      html = `<code class="dl-calc-tex-fallback" title="${escapeHtml(message)}">${escapeHtml(fallbackText ?? tex)}</code>`;
    }
    if (this.cache.size >= cacheLimit) this.cache.clear();
    this.cache.set(key, html);
    return html;
  }
}
