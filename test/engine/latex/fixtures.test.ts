// Fixture notes in the style of real course notes, each with its expected chains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkLatexChains } from '../../../src/engine/latex';
import { envWith, fixturesDir } from './helpers';

interface Expected {
  line: number;
  status: string;
  latex?: string;
  message?: string;
  written?: string;
  replacement?: string;
  character?: number;
}

for (const file of fs.readdirSync(fixturesDir).filter((f) => f.endsWith('.md'))) {
  test(`fixture ${file}`, () => {
    const text = fs.readFileSync(path.join(fixturesDir, file), 'utf8');
    const expected = JSON.parse(fs.readFileSync(path.join(fixturesDir, file.replace(/\.md$/, '.expected.json')), 'utf8')) as Expected[];
    const results = checkLatexChains(text, envWith());
    assert.deepEqual(
      results.map((r) => [r.range.start.line, r.status]),
      expected.map((e) => [e.line, e.status]),
    );
    results.forEach((r, i) => {
      const e = expected[i];
      if (e.latex !== undefined) assert.equal(r.latex, e.latex);
      const bad = r.links.find((l) => l.ok === false);
      if (e.message !== undefined) assert.equal(bad?.message, e.message);
      if (e.written !== undefined) {
        assert.equal(bad?.written?.text, e.written);
        assert.equal(bad?.written?.replacement, e.replacement);
        // The written range reads the written number in the document.
        const line = text.split(/\r?\n/)[bad!.written!.range.start.line];
        assert.equal(line.slice(bad!.written!.range.start.character, bad!.written!.range.end.character), e.written);
        if (e.character !== undefined) assert.equal(bad!.written!.range.start.character, e.character);
      }
      // Every chain's range reads its LaTeX in the document.
      const lines = text.split(/\r?\n/);
      if (r.range.start.line === r.range.end.line) {
        assert.equal(lines[r.range.start.line].slice(r.range.start.character, r.range.end.character), r.latex);
      }
    });
  });
}

test('CRLF gives the same chains and columns', () => {
  const text = fs.readFileSync(path.join(fixturesDir, 'fail.md'), 'utf8');
  const lf = checkLatexChains(text.replace(/\r\n/g, '\n'), envWith());
  const crlf = checkLatexChains(text.replace(/\r?\n/g, '\r\n'), envWith());
  assert.deepEqual(crlf, lf);
});
