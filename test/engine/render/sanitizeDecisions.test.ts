// What the export's sanitiser keeps beyond "no script" (docs/security.md): nothing that
// fetches (SVG paint servers by url()), nothing that lifts a note's content over a result.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { sanitizeNoteHtml } from '../../../src/engine/render/sanitize';
import { renderNoteToHtml } from '../../../src/engine/render/export';
import { evaluate } from './helpers';

test('SVG fill and stroke keep colours but never url(), which would fetch', () => {
  const html = sanitizeNoteHtml(
    '<svg><path d="M0 0" fill="url(http://evil.example/p#g)" stroke="URL( //evil.example/s )"/><rect fill="#f00" stroke="currentColor"/><g fill="none"></g></svg>',
  );
  assert.doesNotMatch(html, /url\s*\(/i);
  assert.doesNotMatch(html, /evil\.example/);
  assert.match(html, /<rect fill="#f00" stroke="currentColor"/);
  assert.match(html, /<g fill="none">/);
  assert.match(html, /<path d="M0 0"/);
});

test('position: absolute and fixed are dropped; relative (which KaTeX uses) stays', () => {
  const html = sanitizeNoteHtml(
    '<span style="position:absolute;top:0;left:0">✓ 42</span><span style="position: fixed">x</span><span style="position:relative;top:-0.5em">y</span>',
  );
  assert.doesNotMatch(html, /absolute|fixed/i);
  assert.match(html, /position:relative;top:-0\.5em/);
});

test('an exported note with such markup has neither, and its results are still there', () => {
  const text = [
    '# n',
    '',
    '<div style="position:absolute;top:0">fake ✓</div>',
    '',
    '<svg><path d="M0 0" fill="url(https://evil.example/a)"/></svg>',
    '',
    '```dl-calc',
    'x = 6 * 7',
    '```',
  ].join('\n');
  // The page's own stylesheet (KaTeX's CSS) may position things; the note's markup may not.
  const html = renderNoteToHtml(text, { results: evaluate(text) }).split('<body')[1];
  assert.doesNotMatch(html, /position:\s*absolute/i);
  assert.doesNotMatch(html, /evil\.example/);
  assert.match(html, /42/);
});
