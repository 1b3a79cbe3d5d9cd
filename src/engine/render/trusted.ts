// The export sanitises what a note can inject (its raw HTML, and the HTML KaTeX makes of
// its math), not the HTML dl-calc generates and escapes itself. The renderer's own
// fragments (typeset math, code, dl-calc blocks) are held out of the page while the
// sanitiser reads it and put back after; a formula's HTML is checked on its own.
import type { KatexLike } from './tex';
import { allowedFormulaMarkup, sanitizeNoteHtml } from './sanitize';

const OPEN = '\uE000';
const CLOSE = '\uE001';

/** The renderer's own fragments of one page, each held as a marker no note can write. */
export class TrustedFragments {
  private readonly fragments: string[] = [];
  private readonly nonce = randomNonce();
  private readonly marker = new RegExp(`${OPEN}dlcalc${this.nonce}x(\\d+)y${CLOSE}`, 'g');

  /** A marker standing for `html` in the page. */
  hold(html: string): string {
    this.fragments.push(html);
    return `${OPEN}dlcalc${this.nonce}x${this.fragments.length - 1}y${CLOSE}`;
  }

  /**
   * Sanitises the page around the markers and puts the fragments back, each only where
   * it stands as content: a marker the note's HTML pulled into a tag (an unclosed
   * attribute) is dropped.
   */
  sanitizePage(html: string, sanitize: (html: string) => string): string {
    const clean = sanitize(html);
    // The sanitiser escapes < and > everywhere but in tags, so the last one before the
    // marker says whether it stands inside a tag. Markers come in order, so the scan goes
    // on from the last one (linear in the page, however many markers stand in one paragraph).
    let scanned = 0;
    let inTag = false;
    return clean.replace(this.marker, (_m, index: string, offset: number) => {
      for (; scanned < offset; scanned++) {
        const c = clean.charCodeAt(scanned);
        if (c === 60 /* < */) inTag = true;
        else if (c === 62 /* > */) inTag = false;
      }
      return inTag ? '' : (this.fragments[Number(index)] ?? '');
    });
  }
}

function randomNonce(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** KaTeX whose every output is checked against the export's rules for math markup. */
export function cleaningKatex(katex: KatexLike): KatexLike {
  return { renderToString: (tex, options) => cleanFormulaHtml(katex.renderToString(tex, options)) };
}

const tagPattern = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*="[^"]*")*)\s*\/?>$/;
const attributeIn = /\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"/g;
const bareAmpersand = /&(?![a-zA-Z]+;|#\d+;|#x[\da-fA-F]+;)/;
const checked = new Map<string, string>();

/**
 * A formula's HTML as it is when every tag, attribute and style in it is one the
 * sanitiser keeps unchanged (KaTeX's markup always is); otherwise the sanitiser's version.
 */
export function cleanFormulaHtml(html: string): string {
  let clean = checked.get(html);
  if (clean === undefined) {
    clean = isAllowedMarkup(html) ? html : sanitizeNoteHtml(html);
    if (checked.size >= 4000) checked.clear();
    checked.set(html, clean);
  }
  return clean;
}

function isAllowedMarkup(html: string): boolean {
  const rules = allowedFormulaMarkup();
  let at = 0;
  for (;;) {
    const lt = html.indexOf('<', at);
    const textEnd = lt < 0 ? html.length : lt;
    // Text as KaTeX writes it: & < > " ' are entities.
    const gt = html.indexOf('>', at);
    if (gt >= 0 && gt < textEnd) return false;
    const amp = html.indexOf('&', at);
    if (amp >= 0 && amp < textEnd && bareAmpersand.test(html.slice(amp, textEnd))) return false;
    if (lt < 0) return true;
    const close = html.indexOf('>', lt);
    if (close < 0) return false;
    const raw = html.slice(lt, close + 1);
    if (raw.indexOf('<', 1) >= 0) return false;
    const tag = tagPattern.exec(raw);
    if (!tag) return false;
    const name = tag[2].toLowerCase();
    if (!rules.tags.has(name)) return false;
    if (tag[1]) {
      if (tag[3]) return false;
    } else if (tag[3]) {
      for (const [, attribute, value] of tag[3].matchAll(attributeIn)) {
        if (!rules.attributeAllowed(name, attribute.toLowerCase(), value)) return false;
      }
    }
    at = close + 1;
  }
}
