// KaTeX's stylesheet for one exported page, with only the fonts the page uses: a face is
// kept when some rule that sets its family (with its weight and style) matches classes
// the page's HTML has. A rule that only makes text bold or italic (`\textbf`, `\textit`)
// keeps the bold or italic faces of every family kept. Without math, no font at all.
import { katexCss } from './assets.generated';

interface Face {
  readonly css: string;
  readonly key: string;
}

interface FontRule {
  /** Each selector's class names; the rule applies when one selector's are all on the page. */
  readonly selectors: string[][];
  readonly family?: string;
  readonly bold: boolean;
  readonly italic: boolean;
}

let parsed: { faces: Face[]; rest: string; rules: FontRule[] } | undefined;

function parse(): NonNullable<typeof parsed> {
  if (parsed) return parsed;
  const faces: Face[] = [];
  const rest = katexCss.replace(/@font-face\{[^}]*\}/g, (css) => {
    const family = /font-family:\s*([\w-]+)/.exec(css)?.[1] ?? '';
    const bold = /font-weight:\s*(?:700|bold)/.test(css);
    const italic = /font-style:\s*italic/.test(css);
    faces.push({ css, key: faceKey(family, bold, italic) });
    return '';
  });
  const rules: FontRule[] = [];
  for (const [, selector, body] of rest.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const family = /(?:font-family:|font:[^;]*?)\s*(KaTeX_\w+)/.exec(body)?.[1];
    const bold = /font-weight:\s*(?:700|bold)/.test(body);
    const italic = /font-style:\s*italic/.test(body);
    if (!family && !bold && !italic) continue;
    const selectors = selector.split(',').map((s) => [...s.matchAll(/\.([\w-]+)/g)].map((m) => m[1]));
    rules.push({ selectors, family, bold, italic });
  }
  parsed = { faces, rest, rules };
  return parsed;
}

function faceKey(family: string, bold: boolean, italic: boolean): string {
  return `${family}/${bold ? 700 : 400}/${italic ? 'italic' : 'normal'}`;
}

/** KaTeX's CSS with the @font-face rules of the fonts `html` uses. */
export function katexCssFor(html: string): string {
  const { faces, rest, rules } = parse();
  const classes = new Set<string>();
  for (const [, names] of html.matchAll(/class="([^"]*)"/g)) for (const name of names.split(/\s+/)) if (name) classes.add(name);
  if (!classes.has('katex')) return rest;
  const families = new Set<string>();
  const needed = new Set<string>();
  let anyBold = false;
  let anyItalic = false;
  for (const rule of rules) {
    if (!rule.selectors.some((names) => names.length > 0 && names.every((n) => classes.has(n)))) continue;
    if (rule.family) {
      families.add(rule.family);
      needed.add(faceKey(rule.family, rule.bold, rule.italic));
    } else {
      anyBold ||= rule.bold;
      anyItalic ||= rule.italic;
    }
  }
  for (const family of families) {
    for (const bold of [false, true]) {
      for (const italic of [false, true]) {
        if ((bold && !anyBold) || (italic && !anyItalic)) continue;
        needed.add(faceKey(family, bold, italic));
      }
    }
  }
  return faces.filter((f) => needed.has(f.key)).map((f) => f.css).join('') + rest;
}
