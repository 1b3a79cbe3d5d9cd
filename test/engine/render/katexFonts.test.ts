// An exported page embeds the KaTeX fonts it uses, and only those.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { renderNoteToHtml } from '../../../src/engine/render/export';
import { evaluate } from './helpers';

function faces(text: string): string[] {
  const page = renderNoteToHtml(text, { results: evaluate(text) });
  return [...page.matchAll(/@font-face\{[^}]*?font-family:(KaTeX_\w+);font-style:(\w+);font-weight:(\d+)/g)].map((m) => `${m[1]} ${m[3]} ${m[2]}`).sort();
}

test('a page without math embeds no font, and keeps the rest of KaTeX\'s stylesheet', () => {
  const text = '# Plain\n\nNo math here.\n';
  assert.deepEqual(faces(text), []);
  assert.match(renderNoteToHtml(text, { results: evaluate(text) }), /\.katex\{font:normal 1\.21em KaTeX_Main/);
});

test('plain math embeds the main and math fonts, not Fraktur or the script fonts', () => {
  const found = faces('Energy $E = mc^2$ and $\\alpha x$.\n');
  assert.ok(found.includes('KaTeX_Main 400 normal'), found.join(', '));
  assert.ok(found.includes('KaTeX_Math 400 italic'), found.join(', '));
  assert.ok(!found.some((f) => /Fraktur|Script|Caligraphic|Typewriter/.test(f)), found.join(', '));
});

test('each font the math asks for is embedded: Fraktur, calligraphic, bold, large delimiters', () => {
  const found = faces('$\\mathfrak{g}$, $\\mathcal{L}$, $\\mathbf{W}$, $\\left(\\frac{\\frac{1}{2}}{3}\\right)$ and $\\sum_i x_i$\n\n$$\\sum_{i=1}^n x_i$$\n');
  for (const face of ['KaTeX_Fraktur 400 normal', 'KaTeX_Caligraphic 400 normal', 'KaTeX_Main 700 normal', 'KaTeX_Size1 400 normal', 'KaTeX_Size2 400 normal']) {
    assert.ok(found.includes(face), `${face} missing from ${found.join(', ')}`);
  }
});

test('bold text inside math keeps the bold faces of the families used', () => {
  const found = faces('$\\textbf{bold} + \\textit{it}$\n');
  assert.ok(found.includes('KaTeX_Main 700 normal'), found.join(', '));
  assert.ok(found.includes('KaTeX_Main 400 italic'), found.join(', '));
});
