// The export sanitises what a note injects (its raw HTML and KaTeX's output) and leaves
// the renderer's own escaped HTML alone: these prove the note's HTML is still sanitised
// around the held-out fragments, that a formula's HTML is checked on its own, and that
// a note cannot forge or misplace a held-out fragment.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import katex from 'katex';
import { renderNoteBody, renderNoteToHtml } from '../../../src/engine/render/export';
import { cleanFormulaHtml } from '../../../src/engine/render/trusted';
import type { KatexLike } from '../../../src/engine/render/tex';
import { dangers, evaluate } from './helpers';

const render = (text: string, katexImpl?: KatexLike) => renderNoteBody(text, { results: evaluate(text), katex: katexImpl }).html;

test('raw HTML beside math and blocks is sanitised while the math and the block are kept', () => {
  const text = [
    '# Note',
    '',
    'Math $a^2 + b^2$ then <img src=x onerror=alert(1)> and <a href="javascript:alert(1)">link</a>.',
    '',
    '<div onclick="alert(1)"><script>alert(1)</script>',
    '',
    '$$x = \\frac{1}{2}$$',
    '',
    '</div>',
    '',
    '```dl-calc',
    'x = 2',
    '```',
    '',
    '<details ontoggle=alert(1) open><summary>s</summary><svg onload=alert(1)></svg></details>',
  ].join('\n');
  const html = render(text);
  assert.deepEqual(dangers(html), []);
  assert.match(html, /class="katex"/);
  assert.match(html, /class="dl-calc /);
  assert.match(html, /<details open><summary>s<\/summary>/);
});

test('a formula whose HTML breaks the rules goes through the sanitiser', () => {
  const hostile: KatexLike = {
    renderToString: (tex) => `<span class="katex" onclick="alert(1)">${tex === 'a' ? '<img src=x onerror=alert(1)>' : '<script>alert(1)</script>'}</span>`,
  };
  const text = 'One $a$ and two $b$.\n\n```dl-calc\ny = 3\n```\n';
  const html = render(text, hostile);
  assert.deepEqual(dangers(html), []);
  assert.doesNotMatch(html, /onclick|onerror|<script/);
  assert.match(html, /<span class="katex">/);
});

test('math the note pulls into an unclosed attribute is dropped, never put inside the tag', () => {
  const text = '<div title="\n\nsee $x^2$ and `= 1 + 1`\n\n" onmouseover="alert(1)">\n\n```dl-calc\nz = 1\n```\n';
  const html = render(text);
  assert.deepEqual(dangers(html), []);
  // Inside a tag the sanitiser escapes every < and >: a fragment put back there would show as one.
  for (const tag of html.match(/<[^>]*>/g) ?? []) assert.doesNotMatch(tag.slice(1), /</, tag);
});

test('a note cannot forge a held-out fragment: the marker characters are just text', () => {
  const text = 'Fake \uE000dlcalc00x0y\uE001 marker, and $y$.\n';
  const html = render(text);
  assert.ok(html.includes('\uE000dlcalc00x0y\uE001'));
  assert.equal(html.match(/class="katex"/g)?.length, 1);
});

test("KaTeX's own output passes the check unchanged, for every kind of markup it writes", () => {
  const formulas = [
    'x^2 + y_1', '\\frac{a}{b}', '\\sqrt[3]{x}', '\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}', '\\xrightarrow{abc}',
    '\\cancel{x}', '\\color{red}{x}', '\\mathcal{L}', '\\overbrace{a+b}^{n}', '\\text{中文}', '\\href{javascript:alert(1)}{x}',
    '\\left(\\frac{1}{2}\\right)', '\\boxed{x}', '\\widehat{abc}', '\\sum_{i=1}^n i',
  ];
  for (const tex of formulas) {
    for (const displayMode of [false, true]) {
      const html = katex.renderToString(tex, { throwOnError: false, displayMode });
      assert.equal(cleanFormulaHtml(html), html, tex);
    }
  }
});

test('markup outside the rules is sent to the sanitiser, which removes what is unsafe', () => {
  const cases = [
    '<span onclick="alert(1)">x</span>',
    '<span style="background:url(x)">x</span>',
    '<span style="position:fixed">x</span>',
    '<a href="javascript:alert(1)">x</a>',
    '<svg><path fill="url(#x)"></path></svg>',
    '<!-- c --><span>x</span>',
    '<style>*{}</style>',
    '<span class=x>unquoted</span>',
    '<img src=x>',
    '<span title="a">b > c</span>',
    '<iframe></iframe>',
  ];
  for (const html of cases) {
    const clean = cleanFormulaHtml(html);
    assert.notEqual(clean, html, html);
    assert.deepEqual(dangers(clean), [], html);
  }
});

test('a whole exported page still has nothing dangerous', () => {
  const text = '# T\n\n<img src=x onerror=alert(1)> $x$\n\n```dl-calc\nq = 1\n```\n';
  const page = renderNoteToHtml(text, { results: evaluate(text) });
  assert.deepEqual(dangers(page.slice(page.indexOf('<body>'))), []);
});
