// The check fixtures (fixtures/checks/*.txt): small notes and the verdict on each chain,
// "<line> <status>[: <message or skip reason>]". Format: fixtureFormat.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkLatexChains, type LatexChainResult } from '../../../src/engine/latex';
import { parseCheckFixtures } from './fixtureFormat';
import { envWith, fixturesDir } from './helpers';

const dir = path.join(fixturesDir, 'checks');

/** What a user sees of a chain: its line, status, and the message or reason. */
export function verdict(r: LatexChainResult): string {
  const bad = r.links.find((l) => l.ok === false);
  const why = r.status === 'failed' ? bad?.message : r.status === 'skipped' ? r.reason : undefined;
  return `${r.range.start.line + 1} ${r.status}${why ? `: ${why}` : ''}`;
}

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  for (const c of parseCheckFixtures(file, fs.readFileSync(path.join(dir, file), 'utf8'))) {
    test(`${file}:${c.line} ${c.description}`, () => {
      const results = checkLatexChains(c.note, envWith());
      assert.deepEqual(results.map(verdict), c.expected);
      // A wrong link's written range reads the written number in the note.
      const lines = c.note.split('\n');
      for (const r of results) {
        for (const l of r.links) {
          if (l.ok !== false || !l.written) continue;
          const w = l.written.range;
          assert.equal(lines[w.start.line].slice(w.start.character, w.end.character), l.written.text);
        }
      }
    });
  }
}
