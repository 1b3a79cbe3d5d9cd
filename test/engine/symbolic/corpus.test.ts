// Symbolic claims (derivatives, derivation steps) in the real notes next to the repository
// (../shared/notes, ../shared/corpus; skipped when absent): no false alarm, with the
// single-`=` setting off and on, and the figures printed with DL_CALC_CORPUS_REPORT=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkLatexChains, defaultEvaluate, type LatexChainResult } from '../../../src/engine/latex';
import { sharedDir } from '../../shared';

const shared = sharedDir;
const dirs = ['notes', 'corpus'].map((d) => path.join(shared, d)).filter((d) => fs.existsSync(d));

interface Claim {
  readonly line: number;
  readonly verdict: string;
  readonly kind: string;
}

function claimsOf(md: string): Claim[] {
  const tsv = md.replace(/\.md$/, '.claims.tsv');
  if (!fs.existsSync(tsv)) return [];
  return fs
    .readFileSync(tsv, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c.length >= 4)
    .map((c) => ({ line: Number(c[0]), verdict: c[2], kind: c[3] }));
}

/** Links the symbolic checks decided, with their 1-based line. */
function symbolicLinks(results: readonly LatexChainResult[]) {
  return results.flatMap((r) =>
    r.links.filter((l) => l.sampled).map((l) => ({ line: r.segments[l.right].range.start.line + 1, ok: l.ok, message: l.message, latex: r.latex })),
  );
}

const figures = { claims: 0, errors: 0, caught: 0, verified: 0, falseAlarms: [] as string[] };

for (const singleEquals of [false, true]) {
  test(`symbolic claims in the shared notes: no false alarm (single = ${singleEquals ? 'on' : 'off'})`, { skip: dirs.length ? false : `${shared} absent` }, () => {
    const falseAlarms: string[] = [];
    let claims = 0;
    let errors = 0;
    let caught = 0;
    let verified = 0;
    for (const dir of dirs) {
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.md')).sort()) {
        const md = path.join(dir, f);
        const listed = claimsOf(md);
        const errorLines = new Set(listed.filter((c) => c.verdict === 'error').map((c) => c.line));
        const results = checkLatexChains(fs.readFileSync(md, 'utf8'), { lookup: () => undefined, evaluate: defaultEvaluate }, { symbolic: singleEquals });
        const links = symbolicLinks(results);
        for (const l of links) {
          if (l.ok === false && !errorLines.has(l.line)) falseAlarms.push(`${path.basename(dir)}/${f}:${l.line}: ${l.latex} — ${l.message}`);
        }
        const symbolic = listed.filter((c) => c.kind === 'symbolic');
        claims += symbolic.length;
        for (const c of symbolic) {
          const here = links.filter((l) => l.line === c.line);
          if (c.verdict === 'error') {
            errors++;
            if (here.some((l) => l.ok === false)) caught++;
          } else if (here.length && here.every((l) => l.ok === true)) verified++;
        }
        if (process.env.DL_CALC_CORPUS_REPORT) {
          for (const l of links) console.log(`    ${path.basename(dir)}/${f}:${l.line} ${l.ok ? '✓' : '✗'} ${l.latex.slice(0, 80)}${l.message ? ` — ${l.message}` : ''}`);
        }
      }
    }
    if (process.env.DL_CALC_CORPUS_REPORT) {
      console.log(`single = ${singleEquals ? 'on' : 'off'}: ${claims} symbolic claims listed, ${verified} correct ones verified, ${caught} of ${errors} errors caught, ${falseAlarms.length} false alarms`);
    }
    if (!singleEquals) Object.assign(figures, { claims, errors, caught, verified, falseAlarms });
    assert.deepEqual(falseAlarms, []);
    // A ratchet on what was measured (docs/latex-checks.md), not a target: catches may only grow.
    assert.ok(caught >= 2, `errors caught: ${caught}`);
  });
}
