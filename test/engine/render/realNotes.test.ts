// The students' real notes (../shared/notes, not part of the repository; skipped when
// absent): each renders with no KaTeX error beyond those KaTeX itself raises on that
// formula, without console noise, and the sanitiser keeps all of KaTeX's markup.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import katex from 'katex';
import { createExportMarkdown, renderNoteToHtml } from '../../../src/engine/render/export';
import { dangers, evaluate, sharedNotesDir } from './helpers';

const notes = fs.existsSync(sharedNotesDir) ? fs.readdirSync(sharedNotesDir).filter((f) => f.endsWith('.md')).sort() : [];

function count(html: string, pattern: RegExp): number {
  return html.match(pattern)?.length ?? 0;
}

// What a reader of the exported notes sees of the checker: a ✓ beside hand calculations it
// verified, and a ✗ only where the note's results hold a wrong one.
test('the exported real notes mark checked hand calculations: ✓ where verified, ✗ only for a wrong one', { skip: notes.length === 0 ? `no ${sharedNotesDir}` : false }, () => {
  let verifiedMarks = 0;
  for (const file of notes) {
    const text = fs.readFileSync(path.join(sharedNotesDir, file), 'utf8');
    const results = evaluate(text, `file:///${file}`);
    const body = renderNoteToHtml(text, { results });
    const ok = count(body, /class="dl-calc-math-mark dl-calc-math-ok"/g);
    const wrong = count(body, /class="dl-calc-math-mark dl-calc-math-wrong"/g);
    const verified = results.latex.filter((c) => c.status === 'verified').length;
    const failed = results.latex.filter((c) => c.status === 'failed').length;
    assert.ok(ok <= verified, `${file}: ${ok} ✓ marks for ${verified} verified chains`);
    assert.ok(wrong <= failed, `${file}: ${wrong} ✗ marks for ${failed} wrong chains`);
    if (failed > 0) assert.ok(wrong > 0, `${file}: a wrong hand calculation is not marked`);
    verifiedMarks += ok;
  }
  assert.ok(verifiedMarks > 0, 'no hand calculation in the real notes shows a ✓');
});

for (const file of notes) {
  test(`real note renders cleanly: ${file}`, () => {
    const text = fs.readFileSync(path.join(sharedNotesDir, file), 'utf8');
    const results = evaluate(text, `file:///${file}`);

    // What KaTeX itself rejects: every formula the math plugin found, typeset directly.
    const md = createExportMarkdown({ results: () => results });
    let expectedErrors = 0;
    let formulas = 0;
    const walk = (tokens: ReturnType<typeof md.parse>) => {
      for (const t of tokens) {
        if (t.type.startsWith('math_')) {
          formulas++;
          try {
            katex.renderToString(t.content, { displayMode: t.block, throwOnError: true, strict: 'ignore', trust: false });
          } catch {
            expectedErrors++;
          }
        }
        if (t.children) walk(t.children);
      }
    };
    walk(md.parse(text, {}));
    assert.ok(formulas > 0);

    const output: unknown[] = [];
    const saved = { warn: console.warn, log: console.log, error: console.error };
    console.warn = console.log = console.error = (...args: unknown[]) => output.push(args);
    let html: string;
    let raw: string;
    try {
      html = renderNoteToHtml(text, { results });
      raw = md.render(text, {});
    } finally {
      Object.assign(console, saved);
    }
    assert.deepEqual(output, [], 'nothing on the console');

    const body = html.slice(html.indexOf('<main'));
    assert.equal(count(body, /class="katex-error/g) + count(body, /class="katex-block katex-error/g), expectedErrors);
    assert.deepEqual(dangers(body), []);
    // The sanitiser keeps KaTeX's markup whole.
    for (const marker of [/class="katex"/g, /class="katex-display"/g, /<math /g, /<mtr>/g, /newline/g, /<svg/g, /<path/g, /style="/g]) {
      assert.equal(count(body, marker), count(raw, marker), `${marker}`);
    }
  });
}
