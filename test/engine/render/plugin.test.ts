// The markdown-it plugin as VS Code's preview uses it: scroll-sync attributes, fall-through
// for other fences, the placeholder while results are pending, `hide`, inline spans,
// macros, and KaTeX staying quiet about Chinese text.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import markdownItKatex from '@vscode/markdown-it-katex';
import { dlCalcPlugin } from '../../../src/engine/render/plugin';
import type { NoteResult, StatementResult } from '../../../src/engine/types';
import { dangers, evaluate, scanTags } from './helpers';

const note = [
  '```dl-calc', // line 0
  'z1 = 0.5',
  'a1 = sigmoid(z1)',
  'a1 ≈ 0.622',
  '```',
  '',
  'Then `= a1` and `= a1 ≈ 0.7` and `plain`.',
  '',
  '```js', // line 8
  'let x = 1;',
  '```',
].join('\n');

/** VS Code's preview adds these in a core rule; reproduced so the test sees what it sees. */
function vscodeLikeSourceMap(md: MarkdownIt): void {
  md.core.ruler.push('source_map_data_attribute', (state) => {
    for (const token of state.tokens) {
      if (token.map && token.type !== 'inline') {
        token.attrSet('data-line', String(token.map[0]));
        token.attrJoin('class', 'code-line');
        token.attrJoin('dir', 'auto');
      }
    }
  });
}

test('a block renders as a table on an element VS Code can scroll-sync to', () => {
  const results = evaluate(note);
  const md = new MarkdownIt();
  vscodeLikeSourceMap(md);
  md.use(dlCalcPlugin, { results: () => results });
  const html = md.render(note);
  const outer = scanTags(html).find((t) => t.attrs.get('class')?.split(' ').includes('dl-calc'));
  assert.ok(outer, html);
  assert.equal(outer.name, 'div');
  assert.equal(outer.attrs.get('data-line'), '0');
  assert.ok(outer.attrs.get('class')!.split(' ').includes('code-line'));
  assert.equal(outer.attrs.get('dir'), 'auto');
  // One row per statement, each on its own line for finer sync.
  const rows = scanTags(html).filter((t) => t.name === 'tr' && t.attrs.has('data-line'));
  assert.deepEqual(rows.map((r) => r.attrs.get('data-line')), ['1', '2', '3']);
  assert.match(html, /dl-calc-pass-mark[^>]*>✓/);
  // Other fences go through the renderer that was there before.
  assert.match(html, /<pre><code[^>]*class="[^"]*language-js[^"]*"[^>]*>let x = 1;/);
});

test('data-line comes from token.map when no host rule set it', () => {
  const results = evaluate(note);
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, { results: () => results });
  assert.match(md.render(note), /<div class="dl-calc dl-calc-ok code-line" data-line="0">/);
});

test('the previous fence renderer is wrapped, not replaced', () => {
  const md = new MarkdownIt();
  md.renderer.rules.fence = (tokens, idx) => `<pre class="custom">${tokens[idx].info}</pre>`;
  md.use(dlCalcPlugin, { results: () => undefined });
  const html = md.render('```python\nx\n```\n\n```dl-calcx\ny\n```\n\n```dl-calc\nz = 1\n```\n');
  assert.ok(html.includes('<pre class="custom">python</pre>'));
  assert.ok(html.includes('<pre class="custom">dl-calcx</pre>'), 'only the exact word dl-calc is a block');
  assert.ok(html.includes('dl-calc-pending'));
});

test('a placeholder while results are not ready, and the source unless hidden', () => {
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, { results: () => undefined, placeholder: 'wait <b>…</b>' });
  const html = md.render('```dl-calc\nx = 1 < 2\n```\n\n```dl-calc hide\nsecret = 1\n```\n\n`= x`');
  assert.match(html, /<div class="dl-calc dl-calc-pending code-line" data-line="0"><div class="dl-calc-placeholder" role="status">wait &lt;b&gt;…&lt;\/b&gt;<\/div><pre class="dl-calc-code"><code>x = 1 &lt; 2<\/code><\/pre><\/div>/);
  assert.doesNotMatch(html, /secret/);
  assert.match(html, /<code class="dl-calc-inline dl-calc-inline-pending" title="= x">= x<\/code>/);
  const md2 = new MarkdownIt();
  md2.use(dlCalcPlugin, { results: () => undefined });
  assert.match(md2.render('```dl-calc\nx\n```'), /evaluating…/);
});

test('results for another version of the note (no block at this line) show the placeholder', () => {
  const stale = evaluate('\n\n```dl-calc\nx = 1\n```\n');
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, { results: () => stale });
  assert.match(md.render('```dl-calc\nx = 1\n```\n'), /dl-calc-pending/);
});

test('a results callback that throws does not break the preview', () => {
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, {
    results: () => {
      throw new Error('boom');
    },
  });
  assert.match(md.render('```dl-calc\nx = 1\n```\n'), /dl-calc-pending/);
});

test('results are asked for with the render env and the parsed source', () => {
  const seen: [unknown, string][] = [];
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, {
    results: (env: unknown, src: string) => {
      seen.push([env, src]);
      return undefined;
    },
  });
  const src = 'a\n\n```dl-calc\nx = 1\n```\n';
  // VS Code parses with one env and renders with another.
  const tokens = md.parse(src, { parse: true });
  const env = { currentDocument: 'file:///n.md' };
  md.renderer.render(tokens, md.options, env);
  assert.equal(seen.length, 1);
  assert.equal(seen[0][0], env);
  assert.equal(seen[0][1], src);
});

test('hide drops the source column and keeps the table', () => {
  const text = '```dl-calc hide\nz1 = 0.5\na1 = sigmoid(z1)\n```\n';
  const results = evaluate(text);
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, { results: () => results });
  const html = md.render(text);
  assert.doesNotMatch(html, /dl-calc-source/);
  assert.match(html, /<table class="dl-calc-table">/);
  assert.doesNotMatch(html, /sigmoid\(z1\)/, 'no source text, only typeset formulas');
  const shown = new MarkdownIt();
  shown.use(dlCalcPlugin, { results: () => evaluate(text.replace(' hide', '')) });
  assert.match(shown.render(text.replace(' hide', '')), /<td class="dl-calc-source"><code>a1 = sigmoid\(z1\)<\/code>/);
});

test('inline spans render their value with the expression on hover, in document order', () => {
  const results = evaluate(note);
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, { results: () => results });
  const html = md.render(note);
  assert.match(html, /<span class="dl-calc-inline dl-calc-value" title="= a1">0\.622459<\/span>/);
  assert.match(html, /<span class="dl-calc-inline dl-calc-fail" title="= a1 ≈ 0.7"><span class="dl-calc-mark dl-calc-fail-mark">✗<\/span> expected 0\.7/);
  assert.match(html, /<code>plain<\/code>/);
});

test('inline spans are matched by source when the order drifts', () => {
  const mk = (index: number, source: string, full: string): StatementResult => ({
    index,
    block: -1,
    inline: true,
    source,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    kind: 'value',
    value: { short: full, full, tex: full, type: 'number' },
    dependencies: [],
  });
  const results: NoteResult = {
    uri: 'u',
    version: 1,
    blocks: [],
    statements: [mk(0, 'b', 'B'), mk(1, 'a', 'A')],
    diagnostics: [],
    summary: { statements: 2, passed: 0, failed: 0, errors: 0, chainsVerified: 0, chainsFailed: 0 },
    latex: [],
  };
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, { results: () => results });
  const html = md.render('`= a` `=b` `= c`');
  assert.match(html, /title="= a">A</);
  assert.match(html, /title="= b">B</);
  assert.match(html, /dl-calc-inline-pending" title="= c"/);
});

test('markdown.math.macros are honoured in dl-calc LaTeX', () => {
  const results = evaluate('```dl-calc\nx = 1\n```\n');
  const withMacro: NoteResult = {
    ...results,
    statements: results.statements.map((s) => ({ ...s, value: s.value && { ...s.value, tex: '\\RR' } })),
  };
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, { results: () => withMacro, macros: { '\\RR': '\\mathbb{R}' } });
  const html = md.render('```dl-calc\nx = 1\n```\n');
  assert.match(html, /mathbb/);
  assert.doesNotMatch(html, /katex-error|dl-calc-tex-fallback/);
});

test('LaTeX KaTeX rejects falls back to the plain text, never an exception', () => {
  const results = evaluate('```dl-calc\nx = 1\n```\n');
  const broken: NoteResult = {
    ...results,
    statements: results.statements.map((s) => ({ ...s, value: s.value && { ...s.value, tex: '\\frac{', full: 'one <1>' } })),
  };
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, { results: () => broken });
  const html = md.render('```dl-calc\nx = 1\n```\n');
  assert.match(html, /<code class="dl-calc-tex-fallback" title="[^"]*">one &lt;1&gt;<\/code>/);
});

test('Chinese text in math does not make KaTeX warn', () => {
  const text = '```dl-calc\n学习率 = 0.1\n步长 = 学习率 * 2\n```\n\n$\\text{中文} 中文 = 1$\n';
  const results = evaluate(text);
  const warnings: unknown[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    const md = new MarkdownIt();
    md.use(markdownItKatex, { strict: 'ignore' } as object);
    md.use(dlCalcPlugin, { results: () => results });
    md.render(text);
  } finally {
    console.warn = original;
  }
  assert.deepEqual(warnings, []);
});

test('$a$$b$ is two formulas in a dl-calc note when a math plugin is present, and left alone otherwise', () => {
  const md = new MarkdownIt();
  md.use(markdownItKatex);
  md.use(dlCalcPlugin, { results: () => undefined });
  const html = md.render('x $a$$b$ y and `= 1 + 1`');
  assert.equal(html.match(/<span class="katex">/g)?.length, 2);
  assert.doesNotMatch(html, /\$/);
  const bare = new MarkdownIt();
  bare.use(dlCalcPlugin, { results: () => undefined });
  assert.equal(bare.render('x $a$$b$ y'), '<p>x $a$$b$ y</p>\n');
  // Installed before the math plugin: still works.
  const early = new MarkdownIt();
  early.use(dlCalcPlugin, { results: () => undefined });
  early.use(markdownItKatex);
  assert.equal(early.render('$a$$b$\n\n```dl-calc\nx = 1\n```\n').match(/<span class="katex">/g)?.length, 2);
});

test('$a$$b$ in a note without dl-calc content renders as the math plugin alone renders it', () => {
  const plain = new MarkdownIt();
  plain.use(markdownItKatex);
  const md = new MarkdownIt();
  md.use(markdownItKatex);
  md.use(dlCalcPlugin, { results: () => undefined });
  for (const text of ['x $a$$b$ y', '$a$$b$\n\n```python\nx = 1\n```\n', 'Plain `code = 1` and $1$$2$.']) {
    assert.equal(md.render(text), plain.render(text), text);
  }
  // The decision is per note: a dl-calc note parsed in between does not change the next one.
  assert.equal(md.render('$a$$b$ `= 2`').match(/<span class="katex">/g)?.length, 2);
  assert.equal(md.render('x $a$$b$ y'), plain.render('x $a$$b$ y'));
  // Opt-in for every note, and off.
  const always = new MarkdownIt().use(markdownItKatex).use(dlCalcPlugin, { results: () => undefined, adjacentInlineMath: 'always' });
  assert.equal(always.render('x $a$$b$ y').match(/<span class="katex">/g)?.length, 2);
  const never = new MarkdownIt().use(markdownItKatex).use(dlCalcPlugin, { results: () => undefined, adjacentInlineMath: false });
  assert.equal(never.render('x $a$$b$ y `= 1`').match(/<span class="katex">/g), null);
});

test('rendering twice gives the same HTML (cached KaTeX output is reused, not mutated)', () => {
  const results = evaluate(note);
  const md = new MarkdownIt();
  md.use(dlCalcPlugin, { results: () => results });
  const first = md.render(note);
  assert.equal(md.render(note), first);
  assert.deepEqual(dangers(first), []);
});
