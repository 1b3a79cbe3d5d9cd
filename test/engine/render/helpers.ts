// Shared by the renderer tests: paths, the real engine, a readable KaTeX stand-in and a
// small scanner for the tags and attributes of rendered HTML.
import * as path from 'node:path';
import { createEngine } from '../../../src/engine/index';
import type { NoteResult } from '../../../src/engine/types';
import type { KatexLike } from '../../../src/engine/render/tex';
import { escapeHtml } from '../../../src/engine/render/escape';

/** The repository root, from out/test/engine/render. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const fixturesDir = path.join(repoRoot, 'test', 'engine', 'render', 'fixtures');
export { sharedNotesDir } from '../../shared';

export function evaluate(text: string, uri = 'file:///note.md'): NoteResult {
  return createEngine().evaluate({ uri, version: 1, text }, { derivations: true });
}

/** Stand-in for KaTeX so golden files show the LaTeX that was typeset, not KaTeX's markup. */
export const stubKatex: KatexLike = {
  renderToString(tex, options) {
    const cls = options?.displayMode ? 'tex-display' : 'tex';
    return `<span class="${cls}">${escapeHtml(tex)}</span>`;
  },
};

export interface Tag {
  readonly name: string;
  readonly attrs: Map<string, string>;
  readonly raw: string;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_m, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_m, d) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&amp;/g, '&');
}

/** Every start tag with its attributes (values entity-decoded). */
export function scanTags(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g)) {
    const attrs = new Map<string, string>();
    for (const a of m[2].matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attrs.set(a[1].toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    tags.push({ name: m[1].toLowerCase(), attrs, raw: m[0] });
  }
  return tags;
}

const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'];

/** What a hostile note must never get into the output; empty when the HTML is safe. */
export function dangers(html: string): string[] {
  const found: string[] = [];
  for (const tag of scanTags(html)) {
    if (['script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'form', 'style', 'frame', 'frameset', 'annotation-xml', 'foreignobject'].includes(tag.name)) {
      found.push(`tag ${tag.raw}`);
    }
    for (const [name, value] of tag.attrs) {
      if (/^on/.test(name)) found.push(`handler ${name} in ${tag.raw}`);
      const squashed = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (urlAttributes.includes(name) && /^(javascript|vbscript|data:text\/html)/.test(squashed)) {
        found.push(`url ${name} in ${tag.raw}`);
      }
      if (name === 'style' && /url\(|expression|javascript/i.test(value)) found.push(`style in ${tag.raw}`);
    }
  }
  return found;
}
