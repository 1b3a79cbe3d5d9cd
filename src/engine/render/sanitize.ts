// The sanitiser for exported notes. Notes are data, maybe a stranger's: what students use
// (img with style, br, details, sub/sup, tables...) survives, script never does. KaTeX's
// own markup (spans with classes and inline styles, MathML, a few SVG shapes) is allowed
// precisely, since it goes through the same filter as the note's raw HTML.

import sanitizeHtml from 'sanitize-html';

const htmlTags = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'span', 'br', 'hr', 'blockquote', 'pre', 'code',
  'kbd', 'samp', 'var', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub',
  'sup', 'abbr', 'cite', 'q', 'dfn', 'time', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img',
  'figure', 'figcaption', 'picture', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody',
  'tfoot', 'tr', 'th', 'td', 'details', 'summary', 'section', 'article', 'aside', 'header',
  'footer', 'main', 'nav', 'center', 'font', 'ruby', 'rt', 'rp', 'wbr',
];

// MathML as KaTeX writes it. annotation-xml is left out on purpose: it may hold HTML,
// which is where sanitiser/browser parsing differences (mXSS) live.
const mathTags = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msub',
  'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mfrac', 'msqrt', 'mroot', 'mtable',
  'mtr', 'mtd', 'mlabeledtr', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'merror',
  'mmultiscripts', 'mprescripts', 'none',
];
const mathAttributes = [
  'xmlns', 'display', 'encoding', 'mathvariant', 'stretchy', 'separator', 'fence', 'lspace',
  'rspace', 'minsize', 'maxsize', 'accent', 'accentunder', 'movablelimits', 'largeop',
  'symmetric', 'rowspacing', 'columnspacing', 'columnalign', 'rowalign', 'columnlines',
  'rowlines', 'frame', 'framespacing', 'width', 'height', 'depth', 'voffset', 'linebreak',
  'linethickness', 'scriptlevel', 'displaystyle', 'mathcolor', 'mathbackground', 'mathsize',
  'notation', 'columnspan', 'rowspan', 'style', 'class',
];

// SVG shapes KaTeX draws (stretchy arrows, radicals, \cancel). Attribute names are
// lower-cased by the parser; browsers restore viewBox and friends when parsing SVG.
const svgTags = ['svg', 'path', 'line', 'g', 'rect'];
const svgAttributes = [
  'xmlns', 'width', 'height', 'viewbox', 'preserveaspectratio', 'style', 'd', 'x', 'y', 'x1',
  'y1', 'x2', 'y2', 'stroke-width', 'stroke', 'fill', 'transform', 'class',
];

// Inline style: the properties KaTeX and notes use, with values that cannot fetch or run
// anything (no url(), expression(), escapes or at-rules).
const safeValue = /^(?!.*(?:url\s*\(|expression|javascript|\\|@|\/\*))[-\w\s.,%#()+*/!'"]+$/i;
const styleProperties = [
  'height', 'min-height', 'max-height', 'width', 'min-width', 'max-width', 'vertical-align',
  'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'top', 'left', 'right',
  'bottom', 'border', 'border-width', 'border-style', 'border-color', 'border-top-width',
  'border-right-width', 'border-bottom-width', 'border-left-width', 'border-top-style',
  'border-right-style', 'border-bottom-style', 'border-left-style', 'border-collapse',
  'color', 'background-color', 'text-align', 'font-size', 'font-weight', 'font-style',
  'font-family', 'text-decoration', 'zoom', 'display', 'float', 'clear', 'line-height',
  'white-space', 'object-fit', 'opacity',
];
// No absolute or fixed: they lift a note's content anywhere on the page, over a result
// ("✓ 42" laid over a failed check). KaTeX needs only relative, which without offsets
// (dropped from a note's own HTML, below) moves nothing.
const positionValue = /^(?:relative|static)$/i;

// Paint attributes of SVG take a colour or `none`; `url(...)` would fetch (a paint server
// on another host), even under the CSP's img-src, so it is dropped.
const paintValue = /^(?!.*url\s*\()[-#\w\s.,%()]+$/i;
const paintAttributes = ['fill', 'stroke'];

function cleanPaint(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out: sanitizeHtml.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    if (paintAttributes.includes(name.toLowerCase()) && !paintValue.test(value)) continue;
    out[name] = value;
  }
  return { tagName, attribs: out };
}

// What moves a note's own HTML away from where it stands, over something else (a fake
// "✓ 42" laid over a failed result): offsets, negative margins. KaTeX's markup positions
// its boxes this way (`top:-3.063em`, `margin-right:-0.0556em`), so the rules for a
// formula's markup keep them; the note's raw HTML does not. `z-index` and `transform` are
// in neither list, so both drop them.
const offsetProperties = new Set(['top', 'right', 'bottom', 'left']);
const marginProperties = new Set(['margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left']);
/** No minus before a number, wherever it stands (`-9em`, `0 -9em`, `calc(0px - 9em)`, `calc(1px*-9)`). */
const noNegative = /^(?!.*(?:^|[\s(,*/+])-\s*[\d.])/;

/** Allowed inline styles: of the note's own HTML, or (wider) of a formula's markup. */
function buildAllowedStyles(of: 'note' | 'formula'): Record<string, RegExp[]> {
  const styles: Record<string, RegExp[]> = {};
  for (const p of styleProperties) {
    if (of === 'note' && offsetProperties.has(p)) continue;
    styles[p] = of === 'note' && marginProperties.has(p) ? [new RegExp(noNegative.source + safeValue.source.slice(1), 'i')] : [safeValue];
  }
  styles.position = [positionValue];
  return styles;
}

function buildAllowedAttributes(): Record<string, string[]> {
  const attrs: Record<string, string[]> = {
    '*': ['class', 'id', 'title', 'style', 'dir', 'lang', 'data-line', 'aria-hidden', 'aria-label', 'role', 'align'],
    a: ['href', 'name'],
    img: ['src', 'alt', 'width', 'height', 'loading'],
    ol: ['start', 'type', 'reversed'],
    li: ['value'],
    td: ['colspan', 'rowspan', 'valign'],
    th: ['colspan', 'rowspan', 'valign', 'scope'],
    col: ['span', 'width'],
    colgroup: ['span'],
    details: ['open'],
    font: ['color', 'size', 'face'],
    time: ['datetime'],
  };
  for (const t of mathTags) attrs[t] = mathAttributes;
  for (const t of svgTags) attrs[t] = svgAttributes;
  return attrs;
}

export interface SanitizeOptions {
  /** Rewrites an img src (to embed images); called for every img the note has. */
  readonly imageSrc?: (src: string) => string;
}

export function sanitizeNoteHtml(html: string, options: SanitizeOptions = {}): string {
  const imageSrc = options.imageSrc;
  return sanitizeHtml(html, {
    allowedTags: [...htmlTags, ...mathTags, ...svgTags],
    allowedAttributes: buildAllowedAttributes(),
    allowedStyles: { '*': buildAllowedStyles('note') },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'action', 'xlink:href'],
    allowProtocolRelative: true,
    disallowedTagsMode: 'discard',
    // Dropped with their content, not just unwrapped.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'title', 'xmp', 'noembed', 'noframes', 'plaintext', 'select'],
    transformTags: {
      ...Object.fromEntries(svgTags.map((t) => [t, cleanPaint])),
      ...(imageSrc
        ? {
            img: (tagName: string, attribs: sanitizeHtml.Attributes) => ({
              tagName,
              attribs: attribs.src !== undefined ? { ...attribs, src: imageSrc(attribs.src) } : attribs,
            }),
          }
        : {}),
    },
  });
}

export interface FormulaMarkupRules {
  readonly tags: ReadonlySet<string>;
  /** True when the sanitiser keeps this attribute, with this value, unchanged. */
  attributeAllowed(tag: string, attribute: string, value: string): boolean;
}

let formulaRules: FormulaMarkupRules | undefined;

/**
 * The rules above as a check of markup that needs no sanitising (trusted.ts): the same
 * tags, attributes and styles, and no URL at all (a formula's markup has none).
 */
export function allowedFormulaMarkup(): FormulaMarkupRules {
  if (formulaRules) return formulaRules;
  const attributes = buildAllowedAttributes();
  const styles = buildAllowedStyles('formula');
  const global = new Set(attributes['*']);
  const byTag = new Map(Object.entries(attributes).map(([tag, names]) => [tag, new Set(names)]));
  const styleAllowed = (style: string) =>
    style.split(';').every((declaration) => {
      if (!declaration.trim()) return true;
      const colon = declaration.indexOf(':');
      if (colon < 0) return false;
      const property = declaration.slice(0, colon).trim().toLowerCase();
      const value = declaration.slice(colon + 1).trim();
      return (styles[property] ?? []).some((pattern) => pattern.test(value));
    });
  formulaRules = {
    tags: new Set([...htmlTags, ...mathTags, ...svgTags]),
    attributeAllowed(tag, attribute, value) {
      if (!global.has(attribute) && !byTag.get(tag)?.has(attribute)) return false;
      if (attribute === 'href' || attribute === 'src') return false;
      if (attribute === 'style') return styleAllowed(value.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'"));
      if (svgTags.includes(tag) && paintAttributes.includes(attribute)) return paintValue.test(value);
      return true;
    },
  };
  return formulaRules;
}
