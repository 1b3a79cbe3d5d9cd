// Golden fixtures, like markdown-it's own tests: fixtures/NAME.md is rendered and compared
// with fixtures/NAME.html. Results come from the real engine, or from NAME.results.json
// when a case needs results the engine would not produce. KaTeX is replaced by a stand-in
// that prints the LaTeX it was given, so the files stay readable. Regenerate with
// UPDATE_GOLDEN=1 after a deliberate change, and read the diff.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderNoteBody } from '../../../src/engine/render/export';
import type { NoteResult } from '../../../src/engine/types';
import { evaluate, fixturesDir, stubKatex } from './helpers';

const update = process.env.UPDATE_GOLDEN === '1';

for (const file of fs.readdirSync(fixturesDir).filter((f) => f.endsWith('.md')).sort()) {
  const name = file.slice(0, -3);
  test(`golden: ${name}`, () => {
    const text = fs.readFileSync(path.join(fixturesDir, file), 'utf8');
    const resultsFile = path.join(fixturesDir, `${name}.results.json`);
    const results: NoteResult = fs.existsSync(resultsFile)
      ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as NoteResult)
      : evaluate(text, `file:///${file}`);
    const actual = renderNoteBody(text, { results, katex: stubKatex }).html;
    const expectedFile = path.join(fixturesDir, `${name}.html`);
    if (update || !fs.existsSync(expectedFile)) {
      fs.writeFileSync(expectedFile, actual);
      if (!update) assert.fail(`${name}.html did not exist; written, check it and commit it`);
      return;
    }
    assert.equal(actual, fs.readFileSync(expectedFile, 'utf8'));
  });
}
