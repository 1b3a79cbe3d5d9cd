// Runs the LaTeX chain checker against a note's dl-calc scope: names bound in blocks
// above a formula may appear in it (`w_1` ↔ `w1`), evaluated by the sandboxed mathjs.
import type { EvalFunction } from 'mathjs';
import { checkLatexChains, type LatexChainResult } from './latex';
import type { SandboxedMath } from './mathInstance';
import type { EngineDiagnostic } from './types';

export type Bindings = ReadonlyMap<string, readonly { line: number; value: number }[]>;

export class LatexChecker {
  private readonly compiled = new Map<string, EvalFunction>();

  constructor(private readonly sandbox: SandboxedMath) {}

  check(text: string, bindings: Bindings, symbolic: boolean): LatexChainResult[] {
    return checkLatexChains(
      text,
      {
        lookup: (name, line) => {
          // The value the name held at that point of the note: its last assignment above.
          let found: number | undefined;
          for (const b of bindings.get(name) ?? []) if (b.line < line) found = b.value;
          return found;
        },
        evaluate: (expression, vars) => {
          let code = this.compiled.get(expression);
          if (!code) {
            code = this.sandbox.parse(expression).compile();
            this.compiled.set(expression, code);
          }
          const value = code.evaluate(new Map(Object.entries(vars)));
          if (typeof value !== 'number') throw new Error('not a number');
          return value;
        },
      },
      { symbolic },
    );
  }
}

/** A warning on each wrong link, at the number written (so the quick fix can replace it). */
export function latexDiagnostics(chains: readonly LatexChainResult[]): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  for (const chain of chains) {
    for (const link of chain.links) {
      if (link.ok !== false) continue;
      const range = link.written?.range ?? chain.segments[link.right]?.range ?? chain.range;
      out.push({ range, severity: 'warning', message: link.message ?? 'This step of the calculation does not hold', code: 'latex' });
    }
  }
  return out;
}
