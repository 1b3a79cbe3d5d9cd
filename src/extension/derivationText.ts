// A derivation's three steps as one LaTeX `aligned` environment and as aligned plain text.
import type { Derivation } from '../engine/types';

/** Splits "lhs = rhs" at the first top-level " = " (the engine writes assignments that way). */
function splitAssignment(formula: string): [string | undefined, string] {
  let depth = 0;
  for (let i = 0; i < formula.length - 2; i++) {
    const ch = formula[i];
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') depth--;
    else if (depth === 0 && formula.startsWith(' = ', i)) return [formula.slice(0, i), formula.slice(i + 3)];
  }
  return [undefined, formula];
}

/** Rows of the derivation: first the formula, then each different step. */
function rows(formula: string, substituted: string, result: string): { lhs: string; steps: string[] } {
  const [lhs, rhs] = splitAssignment(formula);
  const steps: string[] = [rhs];
  if (substituted && substituted !== steps[steps.length - 1]) steps.push(substituted);
  if (result && result !== steps[steps.length - 1]) steps.push(result);
  return { lhs: lhs ?? '', steps };
}

/** The LaTeX body of an aligned environment (no \begin/\end), for one statement. */
export function alignedRows(d: Derivation): string {
  const { lhs, steps } = rows(d.formulaTex, d.substitutedTex, d.resultTex);
  if (!lhs) {
    // A bare expression: the expression itself, then = each further step.
    const [first, ...rest] = steps;
    return rest.length ? [`${first} &= ${rest[0]}`, ...rest.slice(1).map((s) => `&= ${s}`)].join(' \\\\\n') : first;
  }
  return [`${lhs} &= ${steps[0]}`, ...steps.slice(1).map((s) => `&= ${s}`)].join(' \\\\\n');
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
  const { lhs, steps } = rows(d.formulaText, d.substitutedText, d.resultText);
  if (!lhs) {
    const [first, ...rest] = steps;
    const pad = ' '.repeat(Math.min(first.length, 40) + 1);
    return [first, ...rest.map((s) => `${pad}= ${s}`)].join('\n');
  }
  const pad = ' '.repeat(lhs.length + 1);
  return [`${lhs} = ${steps[0]}`, ...steps.slice(1).map((s) => `${pad}= ${s}`)].join('\n');
}
