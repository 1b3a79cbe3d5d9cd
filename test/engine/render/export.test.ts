// The self-contained export: one file, fonts and images inside, front matter as the title,
// a print stylesheet, and the generated asset module in step with its sources.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { renderNoteToHtml } from '../../../src/engine/render/export';
import { embedImage, resolveAgainst } from '../../../src/engine/render/images';
import { katexCss, previewCss } from '../../../src/engine/render/assets.generated';
import { evaluate, repoRoot } from './helpers';

test('front matter becomes the title and heading, and is not rendered as text', () => {
  const text = '---\ntitle: "Week 6 <answers>"\ntags:\n  - x\n---\n## First\n\n```dl-calc\nx = 2\n```\n';
  const html = renderNoteToHtml(text, { results: evaluate(text) });
  assert.match(html, /<title>Week 6 &lt;answers&gt;<\/title>/);
  assert.match(html, /<h1 class="dl-calc-note-title">Week 6 &lt;answers&gt;<\/h1>/);
  assert.doesNotMatch(html, /tags:|<hr/);
  // Line numbers are those of the file: the block's rows still find their results.
  assert.match(html, /<div class="dl-calc dl-calc-ok code-line" data-line="7">/);
  assert.doesNotMatch(html, /dl-calc-pending/);
});

test('without front matter the first heading is the title; an explicit title wins', () => {
  const text = '# Gradient $\\nabla f$ notes\n\ntext';
  assert.match(renderNoteToHtml(text, { results: evaluate(text) }), /<title>Gradient \\nabla f notes<\/title>/);
  assert.match(renderNoteToHtml(text, { results: evaluate(text), title: 'Mine' }), /<title>Mine<\/title>/);
  assert.match(renderNoteToHtml('no heading', { results: evaluate('') }), /<title>Note<\/title>/);
});

test('images inside the note folder are embedded by content; others are left as links, saying why', () => {
  const read: string[] = [];
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
  const files: Record<string, Uint8Array> = {
    '/notes/week6/assets/a.png': png,
    '/notes/week6/assets/b c.jpg': jpeg,
    '/notes/week6/assets/h.txt': new TextEncoder().encode('just text'),
    // A private key renamed to look like a figure: the name says png, the content does not.
    '/notes/week6/figure.png': new TextEncoder().encode('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n'),
    '/notes/week6/plot.svg': new TextEncoder().encode('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
  };
  const text = [
    '![a](./assets/a.png)',
    '<img src="./assets/b%20c.jpg" style="zoom:50%">',
    '<img src="../up/d.svg">',
    '![e](missing.png)',
    '![f](https://example.org/f.png)',
    '![g](assets/h.txt)',
    '![k](figure.png)',
    '![s](plot.svg)',
    '![abs](/etc/passwd.png)',
    '![enc](%2e%2e/%2e%2e/secret.png)',
  ].join('\n\n');
  const skipped: string[] = [];
  const html = renderNoteToHtml(text, {
    results: evaluate(text),
    baseDir: '/notes/week6',
    readImage: (p) => {
      read.push(p);
      return files[p];
    },
    onImageSkipped: (src, reason) => skipped.push(`${src}: ${reason}`),
  });
  assert.deepEqual(read, [
    '/notes/week6/assets/a.png',
    '/notes/week6/assets/b c.jpg',
    '/notes/week6/missing.png',
    '/notes/week6/assets/h.txt',
    '/notes/week6/figure.png',
    '/notes/week6/plot.svg',
  ]);
  assert.match(html, /<img src="data:image\/png;base64,iVBORw0KGgoAAA==" alt="a"/);
  assert.match(html, /<img src="data:image\/jpeg;base64,\/9j\/4AAA" style="zoom:50%"/);
  assert.match(html, /<img src="data:image\/svg\+xml;base64,/);
  assert.match(html, /<img src="\.\.\/up\/d.svg"/);
  assert.match(html, /<img src="missing.png"/);
  assert.match(html, /<img src="https:\/\/example.org\/f.png"/);
  assert.match(html, /<img src="assets\/h.txt"/);
  assert.match(html, /<img src="figure.png"/);
  assert.doesNotMatch(html, /PRIVATE KEY|b3BlbnNzaC1rZXk|LS0tLS1CRUdJTi/);
  assert.deepEqual(skipped, [
    "../up/d.svg: outside the note's folder; only images inside it are embedded",
    'missing.png: not found',
    'assets/h.txt: not an image file (checked by its content)',
    'figure.png: not an image file (checked by its content)',
    "/etc/passwd.png: an absolute path; only images inside the note's folder are embedded",
    "%2e%2e/%2e%2e/secret.png: outside the note's folder; only images inside it are embedded",
  ]);
});

test('paths resolve on POSIX and Windows bases', () => {
  assert.equal(resolveAgainst('/a/b', './c/../d.png'), '/a/b/d.png');
  assert.equal(resolveAgainst('/a/b', '../../../x.png'), '/x.png');
  assert.equal(resolveAgainst('C:\\notes\\w6', '.\\img\\x.png'), 'C:\\notes\\w6\\img\\x.png');
  assert.equal(resolveAgainst('C:\\notes', '../x.png'), 'C:\\x.png');
  assert.equal(embedImage('x.png', undefined, () => new Uint8Array(1)), 'x.png');
  assert.equal(embedImage('data:image/png;base64,AA', '/a', () => new Uint8Array(1)), 'data:image/png;base64,AA');
  assert.equal(embedImage('x.png', '/a', () => {
    throw new Error('EACCES');
  }), 'x.png');
});

test('KaTeX CSS is inlined with the woff2 fonts the page uses as data: URLs; no other file is needed', () => {
  const html = renderNoteToHtml('$x$', { results: evaluate('') });
  // $x$ needs KaTeX_Main and KaTeX_Math, not all 20 faces (katexFonts.test.ts has the rest).
  const faces = html.match(/@font-face/g)?.length ?? 0;
  assert.ok(faces >= 2 && faces < 20, `${faces} faces`);
  assert.equal(html.match(/src:url\(data:font\/woff2;base64,/g)?.length, faces);
  assert.doesNotMatch(html, /url\(fonts\/|<link|<script/);
  assert.ok(html.includes(katexCss.replace(/@font-face\{[^}]*\}/g, '')) && html.includes(previewCss));
  // Nothing in the page refers to a file beside it.
  assert.doesNotMatch(html.replace(/data:[^"')]+/g, ''), /(src|href)="(?!https?:|#)[^"]+"/);
});

test('the page has a print stylesheet and light/dark styles', () => {
  const html = renderNoteToHtml('# x', { results: evaluate('') });
  assert.match(html, /@media print/);
  assert.match(html, /@media \(prefers-color-scheme: dark\)/);
  assert.match(html, /<meta charset="utf-8">/);
});

test('\\\\ line breaks in display math are kept, through the sanitiser', () => {
  const html = renderNoteToHtml('$$\na = 1 \\\\\nb = 2\n$$\n\n$$\\begin{array}{l} x \\\\ y \\end{array}$$', { results: evaluate('') });
  assert.match(html, /<span class="mspace newline"><\/span>/);
  assert.match(html, /linebreak="newline"/);
  assert.equal(html.match(/<mtr>/g)?.length, 2);
});

test('generated assets are up to date with katex and media/dl-calc-preview.css', () => {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'src', 'engine', 'render', 'generate-assets.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});
