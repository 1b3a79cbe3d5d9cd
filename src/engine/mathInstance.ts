// The engine's private mathjs instance: the deep-learning library imported, the
// functions that reach outside the sandbox replaced (mathjs's security guide), and
// allocation capped. The default mathjs instance is never touched.
import { all, create, type MathJsInstance, type MathNode } from 'mathjs';
import { libraryFunctions } from './library';

export interface SandboxedMath {
  readonly math: MathJsInstance;
  /** The real parser, kept before `parse` is disabled for notes. */
  readonly parse: (expr: string) => MathNode;
  /** True when `name` is a function or constant a note may use without defining it. */
  isBuiltin(name: string): boolean;
  /** True when `name` would be read as a unit (`MB`, `bytes`). */
  isUnit(name: string): boolean;
  /** A message when a note may not use `name` (sandbox), else undefined. */
  refusal(name: string): string | undefined;
  /** Throws when a value holds more matrix elements than allowed. */
  checkSize(value: unknown): void;
}

/** Functions a note must not call: they mutate the instance or evaluate outside our limits. */
const DISABLED = [
  'import', 'createUnit', 'evaluate', 'parse', 'compile', 'chain', 'reviver', 'replacer',
  'resolve', 'simplify', 'simplifyCore', 'simplifyConstant', 'rationalize', 'leafCount',
  'symbolicEqual', 'parser', 'Parser',
];
/** Also refused, but only by name: replacing them would break mathjs's own factories. */
const REFUSED_BY_NAME = ['config', 'typed', 'factory', 'create'];

/** Size-taking constructors whose request is checked before anything is allocated. */
const SIZED = ['zeros', 'ones', 'identity', 'random', 'randomInt', 'resize'];

export class LimitError extends Error {}

export function createSandboxedMath(limits: { maxMatrixElements: () => number }): SandboxedMath {
  const math = create(all, { number: 'number', matrix: 'Matrix' }) as MathJsInstance;

  // Names may use any letters, CJK included (the spec allows 学习率 = 0.1).
  const isAlpha = math.parse.isAlpha;
  math.parse.isAlpha = (c: string, cPrev: string, cNext: string) => isAlpha(c, cPrev, cNext) || /\p{L}/u.test(c);

  const parse = math.parse.bind(math) as (expr: string) => MathNode;
  const derivative = math.derivative;
  const realFunctions: Record<string, (...args: any[]) => any> = {};
  for (const name of [...SIZED, 'range']) realFunctions[name] = (math as any)[name];

  const countOf = (size: unknown[]): number =>
    size.reduce<number>((n, d) => n * (typeof d === 'number' ? Math.max(0, Math.floor(d)) : 1), 1);

  const checkCount = (what: string, count: number) => {
    const max = limits.maxMatrixElements();
    if (count > max) {
      throw new LimitError(`${what} would hold ${formatCount(count)} elements, more than the limit of ${formatCount(max)} (setting dlCalc.maxMatrixElements)`);
    }
  };

  const sizeArgs = (args: unknown[]): unknown[] => {
    const dims: unknown[] = [];
    for (const a of args) {
      if (typeof a === 'number') dims.push(a);
      else if (Array.isArray(a)) dims.push(...a);
      else if (a && typeof (a as any).toArray === 'function' && (a as any).isMatrix) dims.push(...(a as any).toArray());
    }
    return dims;
  };

  const replacements: Record<string, unknown> = {};
  for (const name of DISABLED) {
    replacements[name] = () => {
      throw new Error(`${name}() is not available in a note`);
    };
  }
  for (const name of SIZED) {
    const real = realFunctions[name];
    replacements[name] = (...args: unknown[]) => {
      // resize(x, size): only the size argument matters.
      const dims = sizeArgs(name === 'resize' ? args.slice(1, 2) : args.filter((a) => typeof a !== 'string'));
      checkCount(`${name}(...)`, countOf(dims));
      return real(...args);
    };
  }
  // `a:b` and range() in notes go through mathjs's 1-based transform, which includes the
  // end; replacing the function alone would drop that, so the transform is guarded too.
  const rangeCount = (args: unknown[]) => {
    const [start, end] = args as number[];
    const step = typeof args[2] === 'number' ? (args[2] as number) : 1;
    if (typeof start === 'number' && typeof end === 'number' && step !== 0) {
      checkCount('range(...)', Math.floor(Math.abs((end - start) / step)) + 1);
    }
  };
  const range = realFunctions.range;
  const rangeTransform = (math as any).expression.transform.range;
  const guardedRange = (...args: unknown[]) => {
    rangeCount(args);
    return range(...args);
  };
  guardedRange.transform = (...args: unknown[]) => {
    rangeCount(args);
    return rangeTransform(...args);
  };
  replacements.range = guardedRange;
  // derivative("x^2", "x") stays available: it parses with the sandboxed parser and returns text.
  // `{ simplify: false }` skips mathjs's simplification, whose cost grows fast with size
  // (the LaTeX checks only evaluate the result); no other option is passed through.
  replacements.derivative = (expr: unknown, variable: unknown, options?: unknown) => {
    if (typeof expr !== 'string' || typeof variable !== 'string') {
      throw new Error('derivative takes two strings: derivative("x^2", "x")');
    }
    const simplify = !(options && typeof options === 'object' && (options as { simplify?: unknown }).simplify === false);
    return derivative(expr, variable, { simplify }).toString();
  };

  const library: Record<string, unknown> = {};
  for (const fn of libraryFunctions) {
    const impl = fn.create(math);
    library[fn.name] = impl;
    for (const alias of fn.aliases ?? []) library[alias] = impl;
  }
  math.import(library, { override: true });
  math.import(replacements, { override: true });

  const unitCache = new Map<string, boolean>();
  const isUnit = (name: string): boolean => {
    let known = unitCache.get(name);
    if (known === undefined) {
      known = (math as any).Unit.isValuelessUnit(name) as boolean;
      unitCache.set(name, known);
    }
    return known;
  };

  const isBuiltin = (name: string): boolean =>
    Object.prototype.hasOwnProperty.call(math, name) && !name.startsWith('_') && name !== 'constructor';

  const checkSize = (value: unknown) => {
    if (value && typeof value === 'object' && (value as any).isMatrix) {
      const size = (value as any).size() as number[];
      checkCount('The result', countOf(size));
    }
  };

  const refused = new Set([...DISABLED, ...REFUSED_BY_NAME]);
  const refusal = (name: string) => (refused.has(name) ? `${name}() is not available in a note` : undefined);

  return { math, parse, isBuiltin, isUnit, checkSize, refusal };
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
