// A note as ONE self-contained HTML file: prose math by the same markdown-it KaTeX plugin
// VS Code uses, dl-calc blocks by the shared plugin, KaTeX's CSS and fonts inlined,
// relative images embedded, everything from the note sanitised. Pure: the caller reads
// images (readImage) and writes the file.

import MarkdownIt from 'markdown-it';
import { MAX_FORMULAS_PER_NOTE, type NoteResult } from '../types';
import { say } from '../messages';
import { previewCss } from './assets.generated';
import { katexCssFor } from './katexFonts';
import { escapeHtml } from './escape';
import type { FrontMatter } from './frontMatter';
import { installNoteSyntax } from '../parse/markdown';
import { embedImage, type ImageReader, type ImageSkipped } from './images';
import { dlCalcPlugin } from './plugin';
import { sanitizeNoteHtml } from './sanitize';
import { baseKatexOptions, type KatexLike } from './tex';
import { cleaningKatex, TrustedFragments } from './trusted';
import katex from 'katex';

export interface RenderNoteOptions {
  /** Title of the page; default: the front matter's title, else the first heading. */
  title?: string;
  results: NoteResult;
  /** Directory of the note, for relative images. */
  baseDir?: string;
  /** Reads an image file (absolute path); undefined when it cannot. */
  readImage?: ImageReader;
  /** Told of each local image left as a link, and why (not found, outside the folder, not an image). */
  onImageSkipped?: ImageSkipped;
  /** VS Code's `markdown.math.macros`. */
  macros?: Record<string, string>;
  /** A KaTeX stand-in, for tests. */
  katex?: KatexLike;
}

/** The Markdown engine of the export; also used by tests to render fragments. */
export function createExportMarkdown(options: {
  results: () => NoteResult | undefined;
  macros?: Record<string, string>;
  katex?: KatexLike;
}): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  // The options VS Code's built-in math extension passes, plus the export's safety
  // settings. A fresh macros object per render, as VS Code does, so \gdef in one note
  // cannot leak into the next.
  const katexOptions: Record<string, unknown> = { ...baseKatexOptions(options.macros), globalGroup: true };
  // Every formula's HTML is checked on its own (trusted.ts), so the page's sanitiser can skip it.
  const cleanKatex = cleaningKatex(options.katex ?? katex);
  const noteMath = boundedKatex(cleanKatex, MAX_FORMULAS_PER_NOTE);
  katexOptions.katex = noteMath;
  md.core.ruler.push('dl_calc_reset_macros', () => {
    katexOptions.macros = { ...(options.macros ?? {}) };
    noteMath.reset();
  });
  // The note syntax the engine parses with (front matter, math, `$a$$b$`), so the export
  // shows as math exactly what the checker read as math.
  installNoteSyntax(md, { katex: katexOptions });
  md.use(dlCalcPlugin, { results: options.results, macros: options.macros, katex: cleanKatex, adjacentInlineMath: false });
  holdRendererFragments(md);
  return md;
}

/**
 * KaTeX for the note's own math, typesetting at most `limit` formulas per render: a note of
 * 200,000 formulas is exported in bounded time and size. Past the limit a formula is its
 * LaTeX source, escaped, and the first one says why.
 */
function boundedKatex(inner: KatexLike, limit: number): KatexLike & { reset(): void } {
  let count = 0;
  return {
    reset: () => void (count = 0),
    renderToString: (tex, options) => {
      if (++count <= limit) return inner.renderToString(tex, options);
      const source = `<code class="dl-calc-tex-fallback">${escapeHtml(tex)}</code>`;
      if (count > limit + 1) return source;
      const notice = escapeHtml(say('render.tooManyFormulas', { limit: limit.toLocaleString('en-US') }));
      return `<span class="dl-calc-warning" role="note">${notice}</span> ${source}`;
    },
  };
}

/** The renderer's own output: math (checked formula by formula), code and dl-calc blocks, escaped by their renderers. */
const RENDERER_FRAGMENTS = ['math_inline', 'math_inline_block', 'math_inline_bare_block', 'math_block', 'fence', 'code_block', 'code_inline'];

/** With `env.trusted` set, these rules' output is held out of the page until it is sanitised. */
function holdRendererFragments(md: MarkdownIt): void {
  for (const name of RENDERER_FRAGMENTS) {
    const inner = md.renderer.rules[name];
    if (!inner) continue;
    md.renderer.rules[name] = (tokens, idx, mdOptions, env, self) => {
      const html = inner(tokens, idx, mdOptions, env, self);
      const trusted = (env as { trusted?: TrustedFragments } | undefined)?.trusted;
      return trusted ? trusted.hold(html) : html;
    };
  }
}

export interface RenderedBody {
  /** Sanitised HTML of the note's body. */
  readonly html: string;
  readonly frontMatter?: FrontMatter;
  /** Text of the first heading, if any. */
  readonly firstHeading?: string;
}

export function renderNoteBody(text: string, options: RenderNoteOptions): RenderedBody {
  const md = createExportMarkdown({ results: () => options.results, macros: options.macros, katex: options.katex });
  const trusted = new TrustedFragments();
  const env: { frontMatter?: FrontMatter; trusted?: TrustedFragments } = {};
  const tokens = md.parse(text, env);
  env.trusted = trusted;
  const raw = md.renderer.render(tokens, md.options, env);
  // The page as the note wrote it (its HTML, links, images, prose) is sanitised whole.
  const html = trusted.sanitizePage(raw, (page) =>
    sanitizeNoteHtml(page, { imageSrc: (src) => embedImage(src, options.baseDir, options.readImage, options.onImageSkipped) }),
  );
  return { html, frontMatter: env.frontMatter, firstHeading: firstHeadingText(tokens) };
}

function firstHeadingText(tokens: readonly MarkdownIt.Token[]): string | undefined {
  const i = tokens.findIndex((t) => t.type === 'heading_open');
  if (i < 0) return undefined;
  const inline = tokens[i + 1];
  // The heading's plain text: code and math keep their source, markup is dropped.
  const text = (inline?.children ?? [])
    .map((c) => (c.type === 'text' || c.type === 'code_inline' || c.type.startsWith('math') ? c.content : ''))
    .join('')
    .trim();
  return text || undefined;
}

export function renderNoteToHtml(text: string, options: RenderNoteOptions): string {
  const body = renderNoteBody(text, options);
  const fmTitle = body.frontMatter?.title;
  const title = options.title ?? fmTitle ?? body.firstHeading ?? 'Note';
  // Front matter's title is the page's heading; without one the note's own headings do.
  const heading = fmTitle !== undefined ? `<h1 class="dl-calc-note-title">${escapeHtml(fmTitle)}</h1>\n` : '';
  return (
    '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    // Defence in depth behind the sanitiser: no script at all, no network but images.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src * data:; style-src 'unsafe-inline'; font-src data:">\n` +
    '<meta name="generator" content="dl-calc">\n' +
    `<title>${escapeHtml(title)}</title>\n` +
    `<style>\n${katexCssFor(body.html)}\n</style>\n<style>\n${pageCss}\n${previewCss}\n</style>\n` +
    '</head>\n<body>\n<main class="dl-calc-note">\n' +
    heading +
    body.html +
    '</main>\n</body>\n</html>\n'
  );
}

/** The page around the note: readable prose, light and dark, and a print layout. */
const pageCss = `
:root { color-scheme: light dark; }
body {
  margin: 0; background: #fff; color: #1f2328;
  font: 16px/1.65 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", "PingFang SC",
    "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
}
main.dl-calc-note { max-width: 880px; margin: 0 auto; padding: 2em 1.5em 4em; }
h1, h2, h3, h4, h5, h6 { line-height: 1.3; margin: 1.4em 0 0.6em; }
h1, h2 { border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent); padding-bottom: 0.25em; }
a { color: #0969da; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
:not(pre) > code { background: color-mix(in srgb, currentColor 8%, transparent); border-radius: 4px; padding: 0.1em 0.35em; }
pre { background: color-mix(in srgb, currentColor 6%, transparent); border-radius: 6px; padding: 0.8em 1em; overflow-x: auto; }
blockquote { margin: 1em 0; padding: 0 1em; border-left: 4px solid color-mix(in srgb, currentColor 25%, transparent); color: color-mix(in srgb, currentColor 75%, transparent); }
table:not(.dl-calc-table) { border-collapse: collapse; margin: 1em 0; }
table:not(.dl-calc-table) th, table:not(.dl-calc-table) td { border: 1px solid color-mix(in srgb, currentColor 20%, transparent); padding: 0.35em 0.75em; }
img { max-width: 100%; }
hr { border: 0; border-top: 1px solid color-mix(in srgb, currentColor 20%, transparent); margin: 2em 0; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.2em 0; }
p.katex-block { margin: 1em 0; }
.katex-error { color: #cf222e; }
@media (prefers-color-scheme: dark) {
  body { background: #0d1117; color: #e6edf3; }
  a { color: #4493f8; }
  .katex-error { color: #f85149; }
}
@media print {
  body { background: #fff; color: #000; font-size: 11pt; }
  main.dl-calc-note { max-width: none; padding: 0; }
  a { color: inherit; }
  pre, blockquote, .katex-display, img, tr { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  .katex-display { overflow: visible; }
}
@page { margin: 1.6cm; }
`;
