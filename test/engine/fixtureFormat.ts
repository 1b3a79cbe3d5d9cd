// The text form of a note's results used by the golden fixtures: one line per
// statement, as a user reads them (1-based line:column, what is shown).
import type { NoteResult } from '../../src/engine';

export function describeResult(result: NoteResult): string {
  const lines: string[] = [];
  for (const s of result.statements) {
    const at = `${s.range.start.line + 1}:${s.range.start.character + 1}`;
    const source = s.source.replace(/\n\s*/g, ' ⏎ ');
    if (s.kind === 'error') {
      const e = s.error!.range.start;
      lines.push(`${at} error  ${source}  !! ${e.line + 1}:${e.character + 1} ${s.error!.message}`);
    } else if (s.check) {
      lines.push(`${at} check  ${source}  ${s.check.ok ? '✓' : `✗ ${s.check.message}`}`);
    } else {
      lines.push(`${at} value  ${source}  → ${s.value!.short}${s.value!.hint ? `  (${s.value!.hint})` : ''}`);
    }
  }
  for (const d of result.diagnostics.filter((d) => d.code === 'option')) {
    lines.push(`${d.range.start.line + 1}:${d.range.start.character + 1} warning  ${d.message}`);
  }
  const t = result.summary;
  lines.push(`summary: ${t.statements} statements, ${t.passed} passed, ${t.failed} failed, ${t.errors} errors`);
  return lines.join('\n') + '\n';
}
