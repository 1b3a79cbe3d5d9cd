// The engine's private mathjs instance: the deep-learning library imported, the
// functions that reach outside the sandbox replaced (mathjs's security guide), and
// allocation capped. The default mathjs instance is never touched.
//
// Start-up is lazy: mathjs builds each function on first use, and so does this file. A
// guarded function is installed as a wrapper whose real function is built from mathjs's
// own factory on its first call (building them all up front was 40 % of creating an
// engine), and the wrappers are installed directly rather than through `math.import`,
// which would build the function it replaces.
import { all, create, type FactoryFunctionMap, type MathJsInstance, type MathNode } from 'mathjs';
import { libraryFunctions } from './library';
import { NoteError, said, say, type Said } from './messages';

export interface SandboxedMath {
  readonly math: MathJsInstance;
  /** The real parser, kept before `parse` is disabled for notes. */
  readonly parse: (expr: string) => MathNode;
  /** True when `name` is a function or constant a note may use without defining it. */
  isBuiltin(name: string): boolean;
  /** True when `name` would be read as a unit (`MB`, `bytes`). */
  isUnit(name: string): boolean;
  /** A message when a note may not use `name` (sandbox), else undefined. */
  refusal(name: string): Said | undefined;
  /** Throws when a value holds more matrix elements (or a string more characters) than allowed. */
  checkSize(value: unknown): void;
  /** A message when a parsed statement uses syntax a note may not use (method calls, `._x`), else undefined. */
  refuseSyntax(node: MathNode): { message: string; node: MathNode } | undefined;
}

/** Longest string a statement may produce, in characters. */
export const MAX_STRING_LENGTH = 1_000_000;
/** Largest digit count or exponent a format option may ask for. */
const MAX_FORMAT_DIGITS = 1000;
/** Names whose unit question is remembered (a course's names, reused across its notes, fit). */
const UNIT_CACHE_SIZE = 4096;
/** Largest word size of bin/oct/hex and format's wordSize. */
const MAX_WORD_SIZE = 1024;
/** Elementwise functions that broadcast their operands (the result takes the largest size on each axis). */
const BROADCASTING = [
  'add', 'subtract', 'dotMultiply', 'dotDivide', 'dotPow', 'mod', 'atan2', 'gcd', 'lcm', 'hypot',
  'equal', 'unequal', 'smaller', 'smallerEq', 'larger', 'largerEq', 'compare', 'compareNatural',
  'and', 'or', 'xor', 'bitAnd', 'bitOr', 'bitXor', 'leftShift', 'rightArithShift', 'rightLogShift', 'nthRoot',
];

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

/** A size limit reached: its message comes from the catalogue, like every NoteError. */
export class LimitError extends NoteError {}

/**
 * Guarded functions whose expression transform takes its operands unevaluated (mathjs's
 * short-circuit `and`, `or`, `&`, `|`): the transform is called with the nodes and
 * evaluates them itself. test/engine/sandbox.test.ts checks this list against mathjs.
 */
export const RAW_ARGS_TRANSFORMS = ['and', 'or', 'bitAnd', 'bitOr'];

type Factory = ((deps: Record<string, unknown>) => any) & { fn: string; dependencies: string[]; meta?: { isTransformFunction?: boolean } };

/** mathjs's factories by the name they build, functions and expression transforms apart. */
const FACTORIES = new Map<string, Factory>();
const TRANSFORM_FACTORIES = new Map<string, Factory>();
for (const f of Object.values(all as FactoryFunctionMap) as unknown as Factory[]) {
  if (typeof f === 'function' && typeof f.fn === 'string') (f.meta?.isTransformFunction ? TRANSFORM_FACTORIES : FACTORIES).set(f.fn, f);
}

export function createSandboxedMath(limits: { maxMatrixElements: () => number }): SandboxedMath {
  const math = create(all, { number: 'number', matrix: 'Matrix' }) as MathJsInstance;

  // Names may use any letters, CJK included (the spec allows 学习率 = 0.1).
  const isAlpha = math.parse.isAlpha;
  math.parse.isAlpha = (c: string, cPrev: string, cNext: string) => isAlpha(c, cPrev, cNext) || /\p{L}/u.test(c);

  const parse = math.parse.bind(math) as (expr: string) => MathNode;
  const replacements: Record<string, unknown> = {};

  // The real functions behind the replacements, built from mathjs's factories on first
  // use. A dependency that is itself replaced resolves to its real function too (as if
  // built before any replacement: derivative needs the real parse and simplify); every
  // other dependency is the instance's own.
  const originals = new Map<string, any>([['parse', math.parse]]);
  const original = (name: string, transform = false): any => {
    const key = transform ? `${name}.transform` : name;
    if (originals.has(key)) return originals.get(key);
    const factory = (transform ? TRANSFORM_FACTORIES : FACTORIES).get(name);
    if (!factory) throw new Error(`mathjs has no ${key}`);
    const deps: Record<string, unknown> = {};
    for (const optional of factory.dependencies) {
      const dep = optional.replace(/^\?/, '');
      if (dep === 'math' || dep === 'classes') deps[dep] = math;
      else if (dep === 'mathWithTransform') deps[dep] = (math as any).expression.mathWithTransform;
      else if (Object.prototype.hasOwnProperty.call(replacements, dep)) deps[dep] = original(dep);
      else deps[dep] = (math as any)[dep];
    }
    const real = factory(deps);
    originals.set(key, real);
    return real;
  };
  /** The real function `name` (or its transform), built on the first call of the returned wrapper. */
  const lazyReal = (name: string, transform = false) => (...args: unknown[]) => original(name, transform)(...args);

  const countOf = (size: unknown[]): number =>
    size.reduce<number>((n, d) => n * (typeof d === 'number' ? Math.max(0, Math.floor(d)) : 1), 1);

  /** `what`: the function that would allocate (`zeros`), or undefined for a statement's result. */
  const checkCount = (what: string | undefined, count: number) => {
    const max = limits.maxMatrixElements();
    if (count > max) {
      const args = { count: formatCount(count), limit: formatCount(max) };
      throw what === undefined ? new LimitError('limit.resultElements', args) : new LimitError('limit.elements', { operation: `${what}(...)`, ...args });
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

  /** The dimensions a call of a SIZED function asks for (its other arguments are values, not sizes). */
  const sizedDims = (name: string, args: unknown[]): unknown[] => {
    // resize(x, size): only the size argument matters.
    if (name === 'resize') return sizeArgs(args.slice(1, 2));
    // random(size?, min?, max?): numbers are the range of the values; only an array or matrix is a size.
    if (name === 'random' || name === 'randomInt') return typeof args[0] === 'number' ? [] : sizeArgs(args.slice(0, 1));
    const dims = sizeArgs(args.filter((a) => typeof a !== 'string'));
    // identity(n) and identity([n]) are n×n.
    return name === 'identity' && dims.length === 1 ? [dims[0], dims[0]] : dims;
  };

  for (const name of DISABLED) {
    replacements[name] = () => {
      throw new NoteError('sandbox.disabled', { name });
    };
  }
  for (const name of SIZED) {
    const real = lazyReal(name);
    replacements[name] = (...args: unknown[]) => {
      checkCount(name, countOf(sizedDims(name, args)));
      return real(...args);
    };
  }
  // `a:b` and range() in notes go through mathjs's 1-based transform, which includes the
  // end; replacing the function alone would drop that, so the transform is guarded too.
  const rangeCount = (args: unknown[]) => {
    const [start, end] = args as number[];
    const step = typeof args[2] === 'number' ? (args[2] as number) : 1;
    if (typeof start === 'number' && typeof end === 'number' && step !== 0) {
      checkCount('range', Math.floor(Math.abs((end - start) / step)) + 1);
    }
  };
  const range = lazyReal('range');
  const rangeTransform = lazyReal('range', true);
  const guardedRange = (...args: unknown[]) => {
    rangeCount(args);
    return range(...args);
  };
  guardedRange.transform = (...args: unknown[]) => {
    rangeCount(args);
    return rangeTransform(...args);
  };
  replacements.range = guardedRange;
  // Functions whose options or arguments decide how much they allocate are checked first:
  // an allocation V8 cannot satisfy ends the whole process, not just the statement.
  const guard = (name: string, check: (args: unknown[]) => void) => {
    const real = lazyReal(name);
    const transform = TRANSFORM_FACTORIES.has(name) ? lazyReal(name, true) : undefined;
    const guarded = (...args: unknown[]) => {
      check(args);
      return real(...args);
    };
    if (transform && RAW_ARGS_TRANSFORMS.includes(name)) {
      // The transform gets the operand nodes and evaluates them itself (short-circuit):
      // each is handed over wrapped, and once the last has its value the values are
      // checked, before the transform combines them.
      const rawTransform = (nodes: MathNode[], m: unknown, scope: unknown) => {
        const values: unknown[] = new Array(nodes.length);
        let evaluated = 0;
        const wrapped = nodes.map((node, i) => ({
          compile: () => ({
            evaluate: (s: unknown) => {
              const value = node.compile().evaluate(s as any);
              values[i] = value;
              if (++evaluated === nodes.length) check(values);
              return value;
            },
          }),
        }));
        return transform(wrapped, m, scope);
      };
      rawTransform.rawArgs = true;
      (guarded as any).transform = rawTransform;
    } else if (transform) {
      (guarded as any).transform = (...args: unknown[]) => {
        check(args);
        return transform(...args);
      };
    }
    replacements[name] = guarded;
  };
  const formatOptions = (name: string, options: unknown) => {
    if (typeof options === 'number' || isBig(options)) digitsOption(name, 'precision', Number(options));
    else if (options && typeof options === 'object') {
      const o = options as Record<string, unknown>;
      for (const key of ['precision', 'lowerExp', 'upperExp']) if (o[key] !== undefined) digitsOption(name, key, Number(o[key]));
      if (o.wordSize !== undefined) wordSizeOption(name, Number(o.wordSize));
    }
  };
  guard('format', (args) => formatOptions('format', args[1]));
  guard('print', (args) => formatOptions('print', args[2]));
  for (const name of ['bin', 'oct', 'hex']) guard(name, (args) => args[1] !== undefined && wordSizeOption(name, Number(args[1])));
  guard('multiply', (args) => {
    if (args.length === 2 && !(isCollection(args[0]) && isCollection(args[1]))) return;
    for (let i = 0; i + 1 < args.length; i++) {
      const a = shapeOf(args[i]);
      const b = shapeOf(args[i + 1]);
      if (a && b && a.length === 2 && b.length === 2) checkCount('multiply', a[0] * b[1]);
    }
  });
  for (const name of BROADCASTING) {
    if (!FACTORIES.has(name)) continue;
    guard(name, (args) => {
      // Scalars (nearly every call) cost one test per argument.
      if (args.length < 2 || !(isCollection(args[0]) && isCollection(args[1])) && args.length === 2) return;
      const shapes = args.map(shapeOf).filter((x): x is number[] => x !== undefined);
      if (shapes.length >= 2) checkCount(name, broadcastCount(shapes));
    });
  }
  guard('kron', (args) => {
    const [a, b] = args.map(shapeOf);
    if (a && b) checkCount('kron', countOf(a) * countOf(b));
  });
  guard('setCartesian', (args) => {
    const [a, b] = args.map(shapeOf);
    if (a && b) checkCount('setCartesian', 2 * countOf(a) * countOf(b));
  });
  guard('setPowerset', (args) => {
    const a = shapeOf(args[0]);
    // 2^n subsets holding n/2 elements each.
    if (a) checkCount('setPowerset', Math.pow(2, Math.max(0, countOf(a) - 1)) * countOf(a));
  });
  guard('pickRandom', (args) => {
    for (const a of args.slice(1)) if (typeof a === 'number') checkCount('pickRandom', a);
  });
  guard('matrixFromFunction', (args) => {
    const size = sizeArgs([args[0]]);
    checkCount('matrixFromFunction', countOf(size));
  });
  guard('diag', (args) => {
    const a = shapeOf(args[0]);
    const k = args.find((x, i) => i > 0 && typeof x === 'number') as number | undefined;
    if (a && a.length === 1) {
      const n = a[0] + Math.abs(k ?? 0);
      checkCount('diag', n * n);
    }
  });
  // Indexing beyond a matrix grows it when assigned (A[1e9] = 1), so no index may address more than the limit.
  guard('index', (args) => {
    let count = 1;
    for (const a of args) {
      if (typeof a === 'number') count *= Math.max(1, a + 1);
      else if (isBig(a)) count *= Math.max(1, Number(a) + 1);
      else if (a && typeof a === 'object' && (a as any).isRange) count *= Math.max(1, Math.abs((a as any).end) + 1);
      else if (Array.isArray(a) || (a && (a as any).isMatrix)) {
        const flat = (Array.isArray(a) ? a : (a as any).toArray()).flat(Infinity) as unknown[];
        count *= Math.max(1, ...flat.map((x) => (typeof x === 'number' ? x + 1 : 1)));
      }
    }
    if (count > limits.maxMatrixElements()) {
      throw new LimitError('limit.index', { limit: formatCount(limits.maxMatrixElements()) });
    }
  });

  // derivative("x^2", "x") stays available: it parses with the sandboxed parser and returns text.
  // `{ simplify: false }` skips mathjs's simplification, whose cost grows fast with size
  // (the LaTeX checks only evaluate the result); no other option is passed through.
  replacements.derivative = (expr: unknown, variable: unknown, options?: unknown) => {
    if (typeof expr !== 'string' || typeof variable !== 'string') {
      throw new NoteError('sandbox.derivativeStrings');
    }
    const simplify = !(options && typeof options === 'object' && (options as { simplify?: unknown }).simplify === false);
    return original('derivative')(expr, variable, { simplify }).toString();
  };

  const library: Record<string, unknown> = {};
  for (const fn of libraryFunctions) {
    const impl = fn.create(math);
    library[fn.name] = impl;
    for (const alias of fn.aliases ?? []) library[alias] = impl;
  }
  math.import(library, { override: true });
  install(math, replacements);

  // mathjs asks, for every symbol it compiles, whether its name is a unit (`cm`), and
  // answers a name outside its 100-name memo by scanning all 250 units (a tenth of a cold
  // evaluation). A name holding a character that no unit or prefix has (`z_1`, `W1`, 学习率)
  // is answered at once; the rest are remembered, in a bounded table.
  const Unit = (math as any).Unit;
  const unitChars = new Set<string>();
  for (const name of Object.keys(Unit.UNITS)) {
    for (const c of name) unitChars.add(c);
    for (const prefix of Object.keys(Unit.UNITS[name].prefixes)) for (const c of prefix) unitChars.add(c);
  }
  const scanUnits = Unit.isValuelessUnit as (name: string) => boolean;
  const unitCache = new Map<string, boolean>();
  const isUnit = (name: string): boolean => {
    let known = unitCache.get(name);
    if (known === undefined) {
      known = true;
      for (const c of name) if (!unitChars.has(c)) known = false;
      known &&= scanUnits(name);
      if (unitCache.size >= UNIT_CACHE_SIZE) unitCache.clear();
      unitCache.set(name, known);
    }
    return known;
  };
  Unit.isValuelessUnit = isUnit;

  const isBuiltin = (name: string): boolean =>
    Object.prototype.hasOwnProperty.call(math, name) && !name.startsWith('_') && name !== 'constructor';

  const checkSize = (value: unknown) => {
    if (value && typeof value === 'object' && (value as any).isMatrix) {
      const size = (value as any).size() as number[];
      checkCount(undefined, countOf(size));
    } else if (typeof value === 'string' && value.length > MAX_STRING_LENGTH) {
      throw new LimitError('limit.string', { length: formatCount(value.length), limit: formatCount(MAX_STRING_LENGTH) });
    }
  };

  const refused = new Set([...DISABLED, ...REFUSED_BY_NAME]);
  const refusal = (name: string) => (refused.has(name) ? said('sandbox.disabled', { name }) : undefined);

  // Nothing a note does may outlive its evaluation: the tables every note shares are frozen
  // (defence in depth; methods, which could reach them, are refused by refuseSyntax).
  deepFreeze((math as any).Unit.PREFIXES);

  return { math, parse, isBuiltin, isUnit, checkSize, refusal, refuseSyntax };
}

/**
 * What `math.import(values, { override: true })` does for plain functions (the function,
 * its transform, the expression namespace), without first building the function replaced.
 */
/** mathjs keeps these out of the namespace expressions see. */
const NOT_IN_EXPRESSIONS = new Set(['expression', 'type', 'docs', 'error', 'json', 'chain']);

function install(math: MathJsInstance, values: Record<string, unknown>): void {
  const expression = (math as any).expression as { transform: Record<string, unknown>; mathWithTransform: Record<string, unknown> };
  for (const [name, value] of Object.entries(values)) {
    Object.defineProperty(math, name, { value, writable: true, configurable: true, enumerable: true });
    const transform = (value as { transform?: unknown }).transform;
    if (typeof transform === 'function') Object.defineProperty(expression.transform, name, { value: transform, writable: true, configurable: true, enumerable: true });
    else delete expression.transform[name];
    if (!NOT_IN_EXPRESSIONS.has(name)) Object.defineProperty(expression.mathWithTransform, name, { value: transform ?? value, writable: true, configurable: true, enumerable: true });
  }
}

function digitsOption(name: string, key: string, value: number): void {
  if (!(Math.abs(value) <= MAX_FORMAT_DIGITS)) {
    throw new LimitError('limit.formatOption', { name, key, value, limit: MAX_FORMAT_DIGITS });
  }
}

function wordSizeOption(name: string, value: number): void {
  if (!(value >= 1 && value <= MAX_WORD_SIZE)) {
    throw new LimitError('limit.wordSize', { name, value, limit: MAX_WORD_SIZE });
  }
}

function isCollection(x: unknown): boolean {
  return Array.isArray(x) || (!!x && typeof x === 'object' && (x as any).isMatrix === true);
}

function isBig(x: unknown): boolean {
  return !!x && typeof x === 'object' && (x as any).isBigNumber === true;
}

/** The shape of a matrix, array or string argument; undefined for scalars. */
function shapeOf(x: unknown): number[] | undefined {
  if (x && typeof x === 'object' && (x as any).isMatrix) return (x as any).size();
  if (Array.isArray(x)) {
    const shape: number[] = [];
    let a: unknown = x;
    while (Array.isArray(a)) {
      shape.push(a.length);
      a = a[0];
    }
    return shape;
  }
  return undefined;
}

/** Elements of the broadcast of shapes aligned at their last axis. */
function broadcastCount(shapes: number[][]): number {
  const rank = Math.max(...shapes.map((s) => s.length));
  let count = 1;
  for (let axis = 0; axis < rank; axis++) {
    let size = 0;
    for (const s of shapes) size = Math.max(size, s[s.length - rank + axis] ?? 1);
    count *= size;
  }
  return count;
}

function deepFreeze(value: unknown, seen = new Set<unknown>()): void {
  if (!value || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  for (const v of Object.values(value)) deepFreeze(v, seen);
  Object.freeze(value);
}

/** Names a property access may never use: JavaScript internals and mathjs's private members. */
const PRIVATE_PROPERTY = /^_|^(constructor|prototype)$/;

/**
 * Method calls (`x.m(...)`) reach mathjs's and JavaScript's own methods (`"x".repeat(5e8)`,
 * `(1 km)._bestPrefix()`, which hands out a table every note shares), so a note may not
 * make them; it calls functions by name (`size(A)`, `to(x, m)`). Underscore properties are
 * refused as well.
 */
function refuseSyntax(node: MathNode): { message: string; node: MathNode } | undefined {
  let found: { message: string; node: MathNode } | undefined;
  node.traverse((n: any) => {
    if (found) return;
    if (n.isFunctionNode && n.fn?.isAccessorNode) {
      const name = n.fn.index?.isObjectProperty?.() ? n.fn.index.getObjectProperty() : undefined;
      found = { node: n, message: name ? say('sandbox.method', { name }) : say('sandbox.methods') };
    } else if (n.isIndexNode && n.isObjectProperty?.()) {
      const prop = String(n.getObjectProperty());
      if (PRIVATE_PROPERTY.test(prop)) found = { node: n, message: say('sandbox.property', { name: prop }) };
    }
  });
  return found;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
