// The preview and the export mark checked math: ✓ when the hand calculation holds, ✗ at a
// wrong link, the computed values in the hover (title), nothing on math that was not checked.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import katexPlugin from '@vscode/markdown-it-katex';
import { dlCalcPlugin } from '../../../src/engine/render/plugin';
import { renderNoteToHtml } from '../../../src/engine/render/export';
import type { NoteResult } from '../../../src/engine/types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useBundle } from '../../../src/engine/messages';
import { evaluate, repoRoot, scanTags, stubKatex } from './helpers';
import { createEngine } from '../../../src/engine';

const note = [
  'Update: $0.5 - 0.0123 = 0.4877$, wrong: $2 \\times 3 = 7$, unchecked: $y = ax + b$.',
  '',
  '$$',
  'z = 1.5 \\times 2 = 3',
  '$$',
  '',
  '```math',
  '3 \\times 3 = 8',
  '```',
  '',
  'Back to back $1+1=2$$2+2=5$ here.',
  '',
].join('\n');

/**
 * A preview-like markdown-it: our plugin first, then the math plugin, as VS Code may order
 * them; `$a$$b$` read as two formulas in every note (dlCalc.preview.adjacentInlineMath "always").
 */
function preview(results: () => NoteResult | undefined, options: { mathMarks?: boolean; adjacentInlineMath?: 'dlCalcNotes' } = {}): MarkdownIt {
  const md = new MarkdownIt({ html: true });
  md.use(dlCalcPlugin, { results, katex: stubKatex, adjacentInlineMath: 'always', ...options });
  md.use(katexPlugin, { katex: stubKatex, enableFencedBlocks: true });
  return md;
}

function marks(html: string): [string, string][] {
  return scanTags(html)
    .filter((t) => t.name === 'span' && (t.attrs.get('class') ?? '').includes('dl-calc-math-mark'))
    .map((t) => [t.attrs.get('class')!.includes('dl-calc-math-ok') ? '✓' : '✗', t.attrs.get('title')!]);
}

test('verified math gets ✓ with its value on hover; a wrong link gets ✗ with the message', () => {
  const result = evaluate(note);
  const html = preview(() => result).render(note, {});
  assert.deepEqual(marks(html), [
    ['✓', 'Hand calculation holds\n0.5 − 0.0123 = 0.4877'],
    ['✗', 'Hand calculation does not hold\n2 × 3 = 6, but 7 is written'],
    ['✓', 'Hand calculation holds\n1.5 × 2 = 3'],
    ['✗', 'Hand calculation does not hold\n3 × 3 = 9, but 8 is written'],
    ['✓', 'Hand calculation holds\n1 + 1 = 2'],
    ['✗', 'Hand calculation does not hold\n2 + 2 = 4, but 5 is written'],
  ]);
  // The mark follows its own formula: inline right after it, display math beside it.
  assert.match(html, /0\.4877<\/span><span class="dl-calc-math-mark dl-calc-math-ok"/);
  assert.match(html, /<div class="dl-calc-math-marked"><p class="katex-block">.*z = 1\.5/s);
});

test('in a note without dl-calc content (the default), $a$$b$ is left to the math plugin: no mark there, the others in place', () => {
  const result = evaluate(note);
  const html = preview(() => result, { adjacentInlineMath: 'dlCalcNotes' }).render(note, {});
  assert.deepEqual(marks(html).map(([mark]) => mark), ['✓', '✗', '✓', '✗']);
  assert.match(html, /0\.4877<\/span><span class="dl-calc-math-mark dl-calc-math-ok"/);
});

test('no mark while results are pending, with LaTeX checks off, or with marks off', () => {
  assert.deepEqual(marks(preview(() => undefined).render(note, {})), []);
  const off: NoteResult = { ...evaluate(note), latex: [] };
  assert.deepEqual(marks(preview(() => off).render(note, {})), []);
  const result = evaluate(note);
  assert.deepEqual(marks(preview(() => result, { mathMarks: false }).render(note, {})), []);
});

test('results of another version of the note mark nothing wrongly: content must match', () => {
  const result = evaluate(note);
  const edited = note.replace('$0.5 - 0.0123 = 0.4877$', '$0.5 - 0.0124 = 0.4876$');
  const got = marks(preview(() => result).render(edited, {}));
  // The edited formula loses its mark until its results come; the others keep theirs.
  assert.equal(got.length, 5);
  assert.equal(got[0][1], 'Hand calculation does not hold\n2 × 3 = 6, but 7 is written');
  const md = preview(() => evaluate(edited));
  assert.equal(marks(md.render(edited, {}))[0][0], '✓');
});

test('a mark title is escaped: LaTeX with quotes and angle brackets cannot break out', () => {
  const text = '$\\text{"<b>"} 1 + 1 = 3$\n';
  const html = preview(() => evaluate(text)).render(text, {});
  assert.doesNotMatch(html, /title="[^"]*<b>/);
});

test('the export marks math the same way, and its sanitiser keeps the marks', () => {
  const html = renderNoteToHtml(note, { results: evaluate(note), katex: stubKatex });
  assert.deepEqual(
    marks(html).map((m) => m[0]),
    ['✓', '✗', '✓', '✗', '✓', '✗'],
  );
  assert.match(html, /\.dl-calc-math-mark \{/);
});

test('the hover speaks the reader\'s language (the engine catalogue)', () => {
  const zh = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const result = evaluate(note);
  useBundle(zh);
  try {
    const got = marks(preview(() => result).render(note, {}));
    assert.equal(got[0][1].split('\n')[0], '手算成立');
    assert.equal(got[1][1].split('\n')[0], '手算不成立');
  } finally {
    useBundle(undefined);
  }
});

test('`\\( \\)` math the checker read (other delimiters on) is marked after its closing, in the preview and the export', () => {
  const other = [
    'MathJax style: \\\\(9 - 3 + 2 = 8\\\\) and \\\\(2 \\times 4 = 9\\\\), unchecked \\\\(y = ax\\\\).',
    '',
    'In a [link \\\\(1 + 1 = 2\\\\)](https://example.com) nothing; \\\\[5 \\times 5 = 25\\\\] on its own.',
    '',
  ].join('\n');
  const result = createEngine({ latexOtherDelimiters: true }).evaluate({ uri: 'file:///other.md', version: 1, text: other });
  const expected: [string, string][] = [
    ['✓', 'Hand calculation holds\n9 − 3 + 2 = 8'],
    ['✗', 'Hand calculation does not hold\n2 × 4 = 8, but 9 is written'],
    ['✓', 'Hand calculation holds\n5 × 5 = 25'],
  ];
  const html = preview(() => result).render(other, {});
  assert.deepEqual(marks(html), expected);
  assert.match(html, /\\\(9 - 3 \+ 2 = 8\\\)<span class="dl-calc-math-mark dl-calc-math-ok"/);
  assert.deepEqual(marks(renderNoteToHtml(other, { results: result, katex: stubKatex })), expected);
  // Off (the default): the checker reads none, and nothing is marked.
  assert.deepEqual(marks(preview(() => evaluate(other)).render(other, {})), []);
});
