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

test('position: absolute and fixed are dropped; relative and static stay, without offsets', () => {
  const html = sanitizeNoteHtml(
    '<span style="position:absolute;top:0;left:0">✓ 42</span><span style="position: fixed">x</span><span style="position:relative;top:-0.5em">y</span><span style="position:static">z</span>',
  );
  assert.doesNotMatch(html, /absolute|fixed|top/i);
  assert.match(html, /<span style="position:relative">y<\/span><span style="position:static">z<\/span>/);
});

test('overlay styles in a note\'s own HTML: offsets, negative margins, z-index and transforms are dropped; the rest of the style stays', () => {
  const overlays = [
    'position:relative;top:-200px;left:40px',
    'position:relative;bottom:3em;right:-10px',
    'z-index:2147483647;position:relative',
    'margin-top:-300px',
    'margin:0 0 -9em 0',
    'margin-left:calc(0px - 40em)',
    'margin-left:calc(1px*-400)',
    'transform:translateY(-300px)',
    'translate:0 -300px',
  ];
  for (const style of overlays) {
    const html = sanitizeNoteHtml(`<div style="${style};color:red">✓ 42</div>`);
    assert.doesNotMatch(html, /top|left|bottom|right|z-index|margin|transform|translate/i, style);
    assert.match(html, /color:red/, style);
    assert.match(html, /✓ 42/, style);
  }
  // What notes write for layout keeps working: positive margins, centring, zoom, float.
  const layout = sanitizeNoteHtml('<img src="a.png" style="zoom:50%;margin:0 auto;display:block;float:right;margin-top:1em">');
  assert.match(layout, /style="zoom:50%;margin:0 auto;display:block;float:right;margin-top:1em"/);
});

test('KaTeX\'s own markup keeps its offsets and negative margins in the export', () => {
  const text = '# k\n\n$$\\frac{a}{b} \\! x$$\n';
  const body = renderNoteToHtml(text, { results: evaluate(text) }).split('<body')[1];
  assert.match(body, /style="top:-\d/);
  assert.match(body, /margin-right:-0\.\d+em/);
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
