// Builds a LibraryFunction from a compact description: fills in missing optional
// arguments' LaTeX for the formula, and checks the argument count before the
// implementation runs, so every function reports "name: expected ..., got N" alike.
import type { MathJsInstance } from 'mathjs';
import type { LibraryFunction, LibraryParam } from './types';
import { callOf, defaultTex, opName } from './tex';
import { fail } from './values';

/** Default marking an optional argument that has no value (attention's `mask?`). */
export const NO_DEFAULT = 'none';

export interface FunctionSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly params: readonly LibraryParam[];
  readonly summary: string;
  readonly definitionText: string;
  /** LaTeX of the name in calls; `\operatorname{name}` when absent. */
  readonly nameTex?: string;
  /** A call form other than `name(args)`, given the written arguments. */
  readonly callTex?: (args: readonly string[]) => string;
  /** The formula, given every parameter's LaTeX (defaults filled in; NO_DEFAULT stays ''). */
  readonly formula: (args: readonly string[]) => string;
  readonly impl: (math: MathJsInstance) => (...args: unknown[]) => unknown;
}

function signature(params: readonly LibraryParam[]): string {
  return params.map((p) => (p.default === undefined ? p.name : p.default === NO_DEFAULT ? `${p.name}?` : `${p.name}=${p.default}`)).join(', ');
}

/** Throws "name: expected 1 to 2 arguments (x, a=0.01), got 3" when the count is wrong. */
export function checkArity(name: string, params: readonly LibraryParam[], count: number): void {
  const max = params.length;
  const min = params.filter((p) => p.default === undefined).length;
  if (count >= min && count <= max) return;
  const range = min === max ? `${min}` : `${min} to ${max}`;
  const noun = max === 1 ? 'argument' : 'arguments';
  fail(name, `expected ${range} ${noun} (${signature(params)}), got ${count}`);
}

/** Every parameter's LaTeX: the written argument, else its default (which may name an earlier parameter). */
export function fillArgs(params: readonly LibraryParam[], args: readonly string[]): string[] {
  const filled: string[] = [];
  params.forEach((p, i) => {
    if (i < args.length) filled.push(args[i]);
    else if (p.default === undefined || p.default === NO_DEFAULT) filled.push('');
    else {
      const ref = params.findIndex((q) => q.name === p.default);
      filled.push(ref >= 0 && ref < i ? filled[ref] : defaultTex(p.default));
    }
  });
  return filled;
}

export function defineFunction(spec: FunctionSpec): LibraryFunction {
  const nameTex = spec.nameTex ?? opName(spec.name);
  return {
    name: spec.name,
    aliases: spec.aliases,
    params: spec.params,
    summary: spec.summary,
    definitionText: spec.definitionText,
    callTex: (args) => (spec.callTex ? spec.callTex(args) : callOf(nameTex, args)),
    definitionTex: (args) => spec.formula(fillArgs(spec.params, args)),
    create(math) {
      // Built on the first call: most notes use a few of the library's functions.
      let impl: ((...args: unknown[]) => unknown) | undefined;
      const fn = (...args: unknown[]): unknown => {
        checkArity(spec.name, spec.params, args.length);
        impl ??= spec.impl(math);
        return impl(...args);
      };
      // A readable name in stack traces and in mathjs's own printing of the function.
      Object.defineProperty(fn, 'name', { value: spec.name });
      return fn;
    },
  };
}
