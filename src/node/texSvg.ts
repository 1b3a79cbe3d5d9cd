// LaTeX → SVG with MathJax (TeX input, SVG output, lite DOM adaptor), for the editor's
// hovers: hover markdown cannot show KaTeX's HTML, but it shows an <img> of an SVG, as
// LaTeX Workshop does. MathJax takes ~0.2 s to load, so this runs in the evaluation
// worker and is loaded on the first formula, never at startup.
/* eslint-disable @typescript-eslint/no-require-imports */

interface MathJaxDocument {
  convert(tex: string, options: { display: boolean }): unknown;
}
interface LiteAdaptor {
  innerHTML(node: unknown): string;
}

let loaded: { doc: MathJaxDocument; adaptor: LiteAdaptor } | undefined;

function load(): { doc: MathJaxDocument; adaptor: LiteAdaptor } {
  if (loaded) return loaded;
  const { mathjax } = require('mathjax-full/js/mathjax.js');
  const { TeX } = require('mathjax-full/js/input/tex.js');
  const { SVG } = require('mathjax-full/js/output/svg.js');
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js');
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js');
  require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
  require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
  require('mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js');
  require('mathjax-full/js/input/tex/noundefined/NoUndefinedConfiguration.js');
  const adaptor = liteAdaptor() as LiteAdaptor;
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', {
    InputJax: new TeX({ packages: ['base', 'ams', 'newcommand', 'noundefined'] }),
    // 'local': each SVG carries its own glyph <defs>, so it stands alone in a data: URI.
    OutputJax: new SVG({ fontCache: 'local' }),
  }) as MathJaxDocument;
  loaded = { doc, adaptor };
  return loaded;
}

/** SVG markup of one formula, or undefined when MathJax reports an error in it. */
export function texToSvg(tex: string, display: boolean): string | undefined {
  try {
    const { doc, adaptor } = load();
    const html = adaptor.innerHTML(doc.convert(tex, { display }));
    // merror: a TeX error; red: an undefined macro (noundefined). Either way the plain-text fallback reads better.
    if (html.includes('data-mjx-error') || html.includes('merror') || html.includes('fill="red"')) return undefined;
    const start = html.indexOf('<svg');
    const end = html.lastIndexOf('</svg>');
    return start >= 0 && end > start ? html.slice(start, end + '</svg>'.length) : undefined;
  } catch {
    return undefined;
  }
}
