// Reading a note's symbolic claims the way the tests assert them: the verdict of the first
// link with one on a line, and the lines flagged.
import { checkLatexChains, type LatexChainResult, type LatexLink } from '../../../src/engine/latex';

export function check(note: string, symbolic = false): LatexChainResult[] {
  return checkLatexChains(note, { lookup: () => undefined, evaluate: () => Number.NaN }, { symbolic });
}

/** The first link with a verdict in the chain on `line` (1-based). */
export function linkOn(results: LatexChainResult[], line: number): LatexLink | undefined {
  const chain = results.find((r) => r.range.start.line + 1 === line);
  return chain?.links.find((l) => l.ok !== undefined) ?? chain?.links[0];
}

export function verdictOn(results: LatexChainResult[], line: number): string {
  const l = linkOn(results, line);
  if (!l) return 'no chain';
  return l.ok === true ? 'verified' : l.ok === false ? 'wrong' : `skipped: ${l.reason}`;
}

export const flagged = (rs: LatexChainResult[]) => rs.filter((r) => r.status === 'failed').map((r) => r.range.start.line + 1);
