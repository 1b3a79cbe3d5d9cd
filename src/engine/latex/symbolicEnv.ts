// The symbolic checks' view of the engine's private mathjs instance: parse (no
// evaluation), evaluate a translated expression to a finite real number, and mathjs's own
// `derivative` through the sandbox's text-in, text-out wrapper. Nothing here changes the
// instance.
import type { EvalFunction } from 'mathjs';
import { createSandboxedMath, type SandboxedMath } from '../mathInstance';
import type { DerivativeEnv } from './derivatives';

/** Compiled expressions kept per environment; a note cannot grow it without bound. */
const MAX_COMPILED = 2000;

export function symbolicEnvOf(sandbox: SandboxedMath): DerivativeEnv {
  const compiled = new Map<string, EvalFunction>();
  const derivative = (sandbox.math as unknown as { derivative: (e: string, v: string, o: { simplify: boolean }) => unknown }).derivative;
  return {
    parse: sandbox.parse,
    evaluate(expression, vars) {
      let code = compiled.get(expression);
      if (!code) {
        code = sandbox.parse(expression).compile();
        if (compiled.size >= MAX_COMPILED) compiled.clear();
        compiled.set(expression, code);
      }
      const value: unknown = code.evaluate(new Map(Object.entries(vars)));
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('not a finite real number');
      return value;
    },
    derivative(expression, variable) {
      const d = derivative(expression, variable, { simplify: false });
      if (typeof d !== 'string') throw new Error('no derivative');
      return d;
    },
  };
}

let standalone: DerivativeEnv | undefined;

/** For standalone use and tests: an environment on a sandboxed instance of its own. */
export function defaultSymbolicEnv(): DerivativeEnv {
  standalone ??= symbolicEnvOf(createSandboxedMath({ maxMatrixElements: () => 1_000_000 }));
  return standalone;
}
