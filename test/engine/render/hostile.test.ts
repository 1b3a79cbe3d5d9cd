// A note may come from a stranger's repository. Script, event handlers and javascript:
// URLs must not get through, wherever they hide: raw HTML, Markdown links, dl-calc
// strings, error messages, info strings, and values the engine hands back.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { renderNoteToHtml } from '../../../src/engine/render/export';
import { dlCalcPlugin } from '../../../src/engine/render/plugin';
import type { NoteResult, StatementResult } from '../../../src/engine/types';
import { dangers, evaluate } from './helpers';

const rawHtmlAttacks = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">a</a>',
  '<a href="JaVaScRiPt:alert(1)">b</a>',
  '<a href="jav&#x09;ascript:alert(1)">c</a>',
  '<a href=" javascript:alert(1)">d</a>',
  '<a href="data:text/html,<script>alert(1)</script>">e</a>',
  '<svg onload=alert(1)><circle r=1></circle></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math><annotation-xml encoding="text/html"><img src=x onerror=alert(1)></annotation-xml></math>',
  '<div style="background:url(javascript:alert(1))">f</div>',
  '<p style="width: expression(alert(1))">g</p>',
  '<details open ontoggle=alert(1)><summary>h</summary>i</details>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">j</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<body onload=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<style>@import "javascript:alert(1)";</style>',
  '<!--<img src=x onerror=alert(1)>-->',
];

const markdownAttacks = [
  '[link](javascript:alert(1))',
  '![img](javascript:alert(1))',
  '[ref][r]\n\n[r]: javascript:alert(1)',
  '<javascript:alert(1)>',
];

const emptyResults: NoteResult = {
  uri: 'file:///h.md',
  version: 1,
  blocks: [],
  statements: [],
  diagnostics: [],
  summary: { statements: 0, passed: 0, failed: 0, errors: 0, chainsVerified: 0, chainsFailed: 0 },
  latex: [],
};

for (const attack of [...rawHtmlAttacks, ...markdownAttacks]) {
  test(`raw HTML / Markdown is defused: ${attack.slice(0, 60)}`, () => {
    for (const text of [attack, `Text ${attack} inline.`, `> ${attack}`, `- ${attack}`]) {
      const html = renderNoteToHtml(text, { results: emptyResults });
      const body = html.slice(html.indexOf('<main'));
      assert.deepEqual(dangers(body), [], text);
      assert.doesNotMatch(body, /<script/i);
    }
  });
}

test('what notes use survives the sanitiser', () => {
  const text = [
    '<img src="https://example.org/x.png" style="zoom:50%" alt="pic">',
    '',
    'a<br>b <sub>1</sub> <sup>2</sup> <kbd>k</kbd> <mark>m</mark>',
    '',
    '<details><summary>More</summary>',
    '',
    'hidden **bold**',
    '',
    '</details>',
    '',
    '<table><tr><td colspan="2" style="text-align:center">c</td></tr></table>',
    '',
    '<center>centred</center> <font color="red">red</font>',
  ].join('\n');
  const body = renderNoteToHtml(text, { results: emptyResults });
  assert.match(body, /<img src="https:\/\/example.org\/x.png" style="zoom:50%" alt="pic" \/>|<img src="https:\/\/example.org\/x.png" style="zoom:50%" alt="pic">/);
  for (const fragment of ['<br />', '<sub>1</sub>', '<sup>2</sup>', '<details>', '<summary>More</summary>', '<strong>bold</strong>', 'colspan="2"', 'text-align:center', '<kbd>k</kbd>', '<mark>m</mark>', '<center>', '<font color="red">']) {
    assert.ok(body.includes(fragment), `${fragment} missing`);
  }
});

test('KaTeX with trust off: \\href, \\url and \\htmlClass make no links', () => {
  const text = [
    '$\\href{javascript:alert(1)}{x}$ $\\url{javascript:alert(1)}$',
    '$\\htmlClass{a}{b}$ $\\htmlData{onclick=alert(1)}{c}$ $\\includegraphics{javascript:alert(1)}$',
    '',
    '$$\\href{javascript:alert(2)}{y}$$',
  ].join('\n');
  const html = renderNoteToHtml(text, { results: emptyResults });
  const body = html.slice(html.indexOf('<main'));
  assert.deepEqual(dangers(body), []);
  assert.doesNotMatch(body, /<a /);
});

test('dl-calc strings, errors and info strings from the real engine are escaped', () => {
  const text = [
    '```dl-calc hide <script>alert(1)</script> onmouseover=alert(1) "><img src=x onerror=alert(1)>',
    's = "<script>alert(1)</script>"',
    't = "<img src=x onerror=alert(1)>"',
    'u = <img src=x onerror=alert(1)>',
    'v = "javascript:alert(1)"',
    'w = missing_<b>name</b>',
    '```',
    '',
    'Inline `= s` and `= "<svg onload=alert(1)>"` and `= <script>`.',
  ].join('\n');
  const results = evaluate(text);
  const html = renderNoteToHtml(text, { results });
  const body = html.slice(html.indexOf('<main'));
  assert.deepEqual(dangers(body), []);
  assert.doesNotMatch(body, /<script|<img src="?x/i);
  // The hostile text is still there, as text the reader can see.
  assert.ok(body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));

  // The plugin alone (what VS Code's preview gets, before any sanitiser), with raw HTML
  // off so that every tag in the output is one dl-calc wrote.
  const md = new MarkdownIt({ html: false });
  md.use(dlCalcPlugin, { results: () => results });
  const fragment = md.render(text);
  assert.deepEqual(dangers(fragment), []);
  assert.doesNotMatch(fragment, /<script|<img/i);
});

function statement(partial: Partial<StatementResult> & Pick<StatementResult, 'index' | 'kind'>): StatementResult {
  const line = 1 + partial.index;
  return {
    block: 0,
    inline: false,
    source: '<script>alert("src")</script>',
    range: { start: { line, character: 0 }, end: { line, character: 5 } },
    dependencies: [],
    ...partial,
  };
}

test('hostile values, messages and LaTeX handed back by an engine are escaped', () => {
  const evil = '<img src=x onerror=alert(1)>"\'&<script>alert(1)</script>';
  const evilTex = '\\href{javascript:alert(1)}{x} \\htmlClass{"><script>}{y}';
  const results: NoteResult = {
    ...emptyResults,
    blocks: [
      {
        index: 0,
        range: { start: { line: 0, character: 0 }, end: { line: 6, character: 3 } },
        info: 'dl-calc',
        options: { isolated: false, hide: false },
        optionWarnings: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 'warning', message: evil, code: 'option' },
        ],
        lines: [],
      },
    ],
    statements: [
      statement({
        index: 0,
        kind: 'value',
        value: { short: evil, full: evil, tex: evilTex, type: 'number', hint: evil },
        derivation: {
          formulaTex: evilTex,
          substitutedTex: evilTex + '}\\end{aligned}<script>',
          resultTex: evilTex,
          formulaText: evil,
          substitutedText: evil,
          resultText: evil,
          library: [{ name: evil, tex: evilTex, text: evil }],
          dependencies: [{ name: evil, line: 1, display: evil }],
        },
      }),
      statement({ index: 1, kind: 'check', check: { ok: false, style: 'approx', expected: evil, actual: evil, difference: evil, tolerance: evil } }),
      statement({ index: 2, kind: 'check', check: { ok: false, style: 'compare', expected: evil, actual: evil, message: evil } }),
      statement({ index: 3, kind: 'check', check: { ok: true, style: 'compare', expected: evil, actual: evil } }),
      statement({ index: 4, kind: 'error', error: { message: evil, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } } } }),
      {
        ...statement({ index: 5, kind: 'value', value: { short: evil, full: evil, tex: evilTex, type: 'matrix' } }),
        inline: true,
        block: -1,
        source: 'x',
        range: { start: { line: 8, character: 0 }, end: { line: 8, character: 1 } },
      },
    ],
  };
  const text = '```dl-calc\na\nb\nc\nd\ne\n```\n\n`= x`\n';
  const md = new MarkdownIt({ html: false });
  md.use(dlCalcPlugin, { results: () => results });
  const fragment = md.render(text);
  assert.deepEqual(dangers(fragment), []);
  assert.doesNotMatch(fragment, /<script|<img/i);
  assert.match(fragment, /&lt;img src=x onerror=alert\(1\)&gt;/);
  const exported = renderNoteToHtml(text, { results });
  assert.deepEqual(dangers(exported.slice(exported.indexOf('<main'))), []);
});

test('the exported page forbids script even if something slipped through', () => {
  const html = renderNoteToHtml('# t', { results: emptyResults });
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; img-src \* data:; style-src 'unsafe-inline'; font-src data:"/);
  assert.doesNotMatch(html, /<script/i);
});
