// A derivation's three steps as one LaTeX `aligned` environment and as aligned plain text.
import { derivationRows } from '../engine/derivation';
import type { Derivation, NoteResult } from '../engine/types';

/** The LaTeX body of an aligned environment (no \begin/\end), for one statement. */
export function alignedRows(d: Derivation): string {
  const { lhs, steps, verdict } = derivationRows(d, 'tex');
  let rows: string[];
  if (!lhs) {
    // A bare expression: the expression itself, then = each further step.
    const [first, ...rest] = steps;
    rows = rest.length ? [`${first} &= ${rest[0]}`, ...rest.slice(1).map((s) => `&= ${s}`)] : [first];
  } else rows = [`${lhs} &= ${steps[0]}`, ...steps.slice(1).map((s) => `&= ${s}`)];
  // A check ends with both sides, the tolerance and the verdict.
  if (verdict) rows.push(`& ${verdict}`);
  return rows.join(' \\\\\n');
}

export function alignedTex(d: Derivation): string {
  return `\\begin{aligned}\n${alignedRows(d)}\n\\end{aligned}`;
}

/** Several statements' derivations in one aligned environment (CodeLens "Copy derivations"). */
export function alignedTexOf(derivations: readonly Derivation[]): string {
  return `\\begin{aligned}\n${derivations.map(alignedRows).join(' \\\\[4pt]\n')}\n\\end{aligned}`;
}

/** The same steps as aligned plain text (the hover's fallback and the accessible text). */
export function alignedText(d: Derivation): string {
  const { lhs, steps, verdict } = derivationRows(d, 'text');
  let rows: string[];
  if (!lhs) {
    const [first, ...rest] = steps;
    const pad = ' '.repeat(Math.min(first.length, 40) + 1);
    rows = [first, ...rest.map((s) => `${pad}= ${s}`)];
  } else {
    const pad = ' '.repeat(lhs.length + 1);
    rows = [`${lhs} = ${steps[0]}`, ...steps.slice(1).map((s) => `${pad}= ${s}`)];
  }
  if (verdict) rows.push(verdict);
  return rows.join('\n');
}

/** The statements "Copy derivations" copies: those of `block` (or the note) that did not fail. */
export function statementsToDerive(result: NoteResult, block?: number): number[] {
  return result.statements.filter((s) => (block === undefined || s.block === block) && s.kind !== 'error').map((s) => s.index);
}
