// Arithmetic in prose, from a fixture file of one-line notes (see its header): what is
// read, verified or flagged, and every kind of text that must never be read as a claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkOutsideMath } from '../../../src/engine/prose/check';
import { envWith } from '../latex/helpers';

const file = path.resolve(__dirname, '../../../../test/engine/prose/fixtures/prose.txt');

interface Case {
  readonly line: number;
  readonly input: string;
  readonly expected: string;
}

const cases: Case[] = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .map((text, i) => ({ text, line: i + 1 }))
  .filter(({ text }) => text.includes('⟹') && !text.startsWith('#'))
  .map(({ text, line }) => {
    const [input, expected] = text.split('⟹');
    return { line, input: input.trimEnd().replace(/\\n/g, '\n'), expected: expected.trim() };
  });

/** What a user sees: each checked claim as written, with its mark and message. */
function seen(input: string): string {
  const results = checkOutsideMath(input, envWith(), { prose: true }).filter((r) => r.status !== 'skipped');
  if (!results.length) return '—';
  return results
    .map((r) => {
      const wrong = r.links.find((l) => l.ok === false);
      return r.status === 'verified' ? `✓ ${r.latex}` : `✗ ${r.latex} | ${wrong?.message}`;
    })
    .join(' ;; ');
}

test('the fixture file has cases of every kind', () => {
  assert.ok(cases.filter((c) => c.expected.startsWith('✓')).length >= 10);
  assert.ok(cases.filter((c) => c.expected.startsWith('✗')).length >= 3);
  assert.ok(cases.filter((c) => c.expected === '—').length >= 20);
});

for (const c of cases) {
  test(`prose.txt:${c.line}: ${c.input.split('\n')[0].slice(0, 50)}`, () => {
    assert.equal(seen(c.input), c.expected);
  });
}

test('a wrong result is marked at the number written, with a quick fix in the note\'s own notation', () => {
  const [r] = checkOutsideMath('Total: 1,200 * 35 = 4,200 bytes\n', envWith(), { prose: true });
  const link = r.links.find((l) => l.ok === false)!;
  assert.deepEqual(link.written?.range, { start: { line: 0, character: 20 }, end: { line: 0, character: 25 } });
  assert.equal(link.written?.text, '4,200');
  assert.equal(link.written?.replacement, '42,000');
  const [minus] = checkOutsideMath('so 0.5 − 0.7 = −0.3\n', envWith(), { prose: true });
  assert.equal(minus.links[0].written?.replacement, '−0.2');
});

test('prose off: nothing is read', () => {
  assert.deepEqual(checkOutsideMath('6*6*8 = 298\n', envWith(), { prose: false }), []);
});
