// Prose arithmetic and other-delimiter math on the real notes beside the repository
// (../shared/corpus, ../shared/notes; DL_CALC_SHARED overrides): it prints, per note and in
// total, the claims the notes' `.claims.tsv` list where = prose / other-math that are
// verified or caught, and fails on any false alarm. Skipped when the notes are absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../../src/engine';
import type { LatexChainResult } from '../../../src/engine/latex/types';
import { sharedDir } from '../../shared';

const shared = sharedDir;
const ratchetFile = path.resolve(__dirname, '../../../../test/engine/prose/corpus-ratchet.json');
const dirs = ['corpus', 'notes'].map((d) => path.join(shared, d)).filter((d) => fs.existsSync(d));

interface Claim {
  readonly line: number;
  readonly written: string;
  readonly verdict: string;
  readonly kind: string;
  readonly where: string;
}

function claimsOf(file: string): Claim[] {
  if (!fs.existsSync(file)) return [];
  const [head, ...rows] = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const cols = head.split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    const get = (name: string) => cells[cols.indexOf(name)] ?? '';
    return { line: Number(get('line')), written: get('written'), verdict: get('verdict'), kind: get('kind'), where: get('where') };
  });
}

const norm = (s: string) => s.replace(/[\s,{}]|\\,/g, '').replace(/[−－]/g, '-');

/** The chain that speaks for a claim: on its line, ending in the number written. */
function chainFor(claim: Claim, chains: readonly LatexChainResult[]): LatexChainResult | undefined {
  return chains.find(
    (c) => c.range.start.line + 1 === claim.line && c.status !== 'skipped' && c.links.some((l) => l.written && norm(l.written.text) === norm(claim.written)),
  );
}

test('prose and other-delimiter checks on the real notes: figures, and no false alarm', { skip: dirs.length ? false : `${shared} absent` }, () => {
  const totals = new Map<string, { claims: number; covered: number }>();
  const falseAlarms: string[] = [];
  const perNote = new Map<string, Map<string, number>>();
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const claims = claimsOf(path.join(dir, f.replace(/\.md$/, '.claims.tsv')));
      const engine = createEngine({ latexProse: true, latexOtherDelimiters: true });
      const chains = engine.evaluate({ uri: f, version: 1, text }).latex.filter((c) => c.where);
      const parts: string[] = [];
      for (const where of ['prose', 'other-math'] as const) {
        const mine = chains.filter((c) => c.where === where);
        const numeric = claims.filter((c) => c.where === where && c.kind === 'numeric');
        const covered = numeric.filter((c) => {
          const chain = chainFor(c, mine);
          return chain && (c.verdict === 'error' ? chain.status === 'failed' : chain.status === 'verified');
        }).length;
        if (process.env.DL_CALC_CORPUS_REPORT) {
          for (const c of numeric) {
            const chain = chainFor(c, mine);
            if (chain && (c.verdict === 'error' ? chain.status === 'failed' : chain.status === 'verified')) continue;
            const near = mine.filter((x) => x.range.start.line + 1 === c.line).map((x) => `${x.status}: ${x.reason ?? ''}`);
            console.log(`  missed ${where} ${f}:${c.line} ${c.written} (${c.verdict}): ${near.join(' | ') || 'no chain'}`);
          }
        }
        const note = `${path.basename(dir)}/${f}`;
        perNote.set(note, (perNote.get(note) ?? new Map<string, number>()).set(where, covered));
        const t = totals.get(where) ?? { claims: 0, covered: 0 };
        totals.set(where, { claims: t.claims + numeric.length, covered: t.covered + covered });
        for (const c of mine.filter((x) => x.status === 'failed')) {
          const line = c.range.start.line + 1;
          if (!claims.some((k) => k.line === line && k.verdict === 'error')) {
            falseAlarms.push(`${f}:${line}: ${c.latex} — ${c.links.find((l) => l.ok === false)?.message}`);
          }
        }
        if (numeric.length || mine.length) parts.push(`${where} ${covered}/${numeric.length} claims, ${mine.filter((c) => c.status !== 'skipped').length} chains checked`);
      }
      if (parts.length) console.log(`${path.basename(dir)}/${f}: ${parts.join('; ')}`);
    }
  }
  for (const [where, t] of totals) console.log(`total ${where}: ${t.covered}/${t.claims} numeric claims verified or caught`);
  assert.deepEqual(falseAlarms, []);
  // The ratchet: the last measured figures per note (raised by hand when a rule lands).
  const ratchet = JSON.parse(fs.readFileSync(ratchetFile, 'utf8')) as Record<string, Record<string, number>>;
  const below = Object.entries(ratchet).flatMap(([note, least]) =>
    Object.entries(least)
      .filter(([where, n]) => perNote.has(note) && (perNote.get(note)!.get(where) ?? 0) < n)
      .map(([where, n]) => `${note}: ${where} ${perNote.get(note)!.get(where) ?? 0} verified or caught, the ratchet says ${n}`),
  );
  assert.deepEqual(below, [], 'below the ratchet');
});
