// The note's one parse: blocks, inline spans, math and the export read the same tokens,
// configured as VS Code's preview is (front matter hidden, KaTeX plugin, `$a$$b$`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNote } from '../../../src/engine/blocks';
import { findMathSpans } from '../../../src/engine/latex/mathSpans';
import { parseDocument } from '../../../src/engine/parse/document';
import { renderNoteBody } from '../../../src/engine/render/export';
import { createEngine } from '../../../src/engine';

test('the same text is parsed once and shared by blocks and math spans', () => {
  const text = 'w $a = 1 + 1 = 2$\n\n```dl-calc\nx = 1\n```\n';
  const doc = parseDocument(text);
  assert.equal(parseDocument(text), doc);
  assert.equal(parseNote(text).blocks.length, 1);
  assert.equal(findMathSpans(text).length, 1);
  // Still the same parse after both readers asked for it.
  assert.equal(parseDocument(text), doc);
});

test('front matter is hidden from every reader, as in the preview', () => {
  const text = '---\ntitle: `= 1 + 1`\nnote: $x = 2$\n---\nbody `= 3 + 4` and $y = 1$\n';
  const doc = parseDocument(text);
  assert.equal(doc.frontMatter?.title, '`= 1 + 1`');
  assert.deepEqual(parseNote(text).inlines.map((s) => s.source), ['3 + 4']);
  assert.deepEqual(findMathSpans(text).map((s) => [s.content, s.range.start.line]), [['y = 1', 4]]);
  const engine = createEngine();
  const result = engine.evaluate({ uri: 'fm.md', version: 1, text });
  assert.deepEqual(result.statements.map((s) => s.source), ['3 + 4']);
});

test('$a$$b$ reads as two formulas for the checker and renders as two in the export', () => {
  const text = '值 $1+1=2$$2+2=4$ 完\n';
  assert.deepEqual(findMathSpans(text).map((s) => [s.content, s.adjacent]), [
    ['1+1=2', true],
    ['2+2=4', true],
  ]);
  const engine = createEngine();
  const results = engine.evaluate({ uri: 'adj.md', version: 1, text });
  const html = renderNoteBody(text, { results }).html;
  assert.equal(html.match(/class="katex"/g)?.length, 2);
});

test('math inside a code span is code for the blocks reader and the checker alike', () => {
  const text = 'see `= $1 + 1$` and `$2 = 3$`\n';
  assert.deepEqual(parseNote(text).inlines.map((s) => s.source), ['$1 + 1$']);
  assert.deepEqual(findMathSpans(text), []);
});

test('inline sources know where each content line starts in a list item and a quote', () => {
  const text = '- first line\n  second $m$ line\n\n> quoted $q$\n';
  const doc = parseDocument(text);
  const item = doc.inlines.find((s) => s.content.startsWith('first'))!;
  assert.deepEqual(item.positionAt(item.content.indexOf('second')), { line: 1, character: 2 });
  const quote = doc.inlines.find((s) => s.content.startsWith('quoted'))!;
  assert.deepEqual(quote.positionAt(quote.content.indexOf('$q$')), { line: 3, character: 9 });
  assert.deepEqual(quote.regions.map((r) => [r.kind, quote.content.slice(r.start, r.end)]), [['math', '$q$']]);
});

test('regions: code, math, HTML, links and autolinks are recorded with their source', () => {
  const text = 'a `c` $m$ <b>h</b> [l `x`](u) <http://e.x> ![i](p)\n';
  const src = parseDocument(text).inlines[0];
  assert.deepEqual(
    src.regions.map((r) => [r.kind, src.content.slice(r.start, r.end)]),
    [
      ['code', '`c`'],
      ['math', '$m$'],
      ['html', '<b>'],
      ['html', '</b>'],
      ['code', '`x`'],
      ['link', '[l `x`](u)'],
      ['autolink', '<http://e.x>'],
      ['link', '![i](p)'],
    ],
  );
});
