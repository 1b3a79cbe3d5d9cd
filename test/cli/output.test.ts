// The --json report is written note by note as the notes are checked; what it prints must
// be exactly what JSON.stringify(report, null, 2) prints for the whole report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonReportWriter } from '../../src/cli/output';
import type { JsonFile, JsonReport } from '../../src/engine/report';

function file(path: string, items: number): JsonFile {
  return {
    path,
    statements: items,
    checks: { passed: 1, failed: 0 },
    errors: 0,
    items: Array.from({ length: items }, (_, i) => ({ line: i + 1, column: 1, kind: 'value', source: `x${i} = "a\\nb"`, display: '1' })),
  };
}

for (const count of [0, 1, 3]) {
  test(`streamed --json with ${count} notes is the whole report's JSON.stringify, byte for byte`, () => {
    const files = Array.from({ length: count }, (_, i) => file(`notes/n${i}.md`, i));
    const totals = { statements: 3, passed: 1, failed: 0, errors: 0 };
    const lines: string[] = [];
    const writer = new JsonReportWriter((l) => lines.push(l));
    for (const f of files) writer.file(f);
    writer.end(totals);
    const report: JsonReport = { files, totals };
    assert.equal(lines.join('\n'), JSON.stringify(report, null, 2));
  });
}
