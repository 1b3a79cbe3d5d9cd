// Operations on translated (mathjs-source) expressions for the symbolic checks: the free
// symbols, where an expression is not smooth, the note's definitions substituted in, and
// the library's activations spelled out so mathjs's `derivative` can read them. Nodes are
// only parsed and rebuilt here, never evaluated.
import type { MathNode } from 'mathjs';
import type { TexToken } from './lexer';
import { say } from '../messages';

export type Parse = (expression: string) => MathNode;

/** A definition the note makes in its math: `f(x) = …` (params) or `L = …` (none). */
export interface Definition {
  readonly name: string;
  /** Parameter names of a function definition; undefined for an expression in free symbols. */
  readonly params?: readonly string[];
  /** The mathjs source of the right side. */
  readonly expression: string;
  /** The name was rebound to a value or something unread: it is a plain symbol from here on. */
  readonly opaque?: boolean;
  /** Set when claims using the name must be skipped, with the reason. */
  readonly unusable?: string;
  /**
   * A definition written with a size letter (`\sum_{i=1}^{n}`): its right side's tokens
   * and the formula's text, read again for each size of a claim that uses it.
   */
  readonly sized?: { readonly tokens: readonly TexToken[]; readonly sizes: readonly string[]; readonly src: string };
}

/** Definitions in document order; an expansion only uses those before the one it expands. */
export type Definitions = readonly Definition[];

/** Constants the translation emits as symbols. */
const CONSTANTS = new Set(['pi', 'e']);

/** Nodes an expanded expression may hold: beyond this the checks give up (notes are untrusted). */
export const MAX_NODES = 400;

/** An expansion that cannot be made: too large, or a name the checks must not use. */
export class TooLarge extends Error {}

function nodeCount(n: MathNode): number {
  let count = 0;
  n.traverse(() => void count++);
  return count;
}

/** Free symbols (variables) of an expression, in order of first appearance. */
export function freeSymbols(n: MathNode): string[] {
  const out: string[] = [];
  n.traverse((c: any, path: string | null) => {
    if (c.type === 'SymbolNode' && path !== 'fn' && !CONSTANTS.has(c.name) && !out.includes(c.name)) out.push(c.name);
  });
  return out;
}

/** Names called as functions. */
export function calledFunctions(n: MathNode): string[] {
  const out: string[] = [];
  n.traverse((c: any) => {
    if (c.type === 'FunctionNode' && c.fn?.type === 'SymbolNode' && !out.includes(c.fn.name)) out.push(c.fn.name);
  });
  return out;
}

/** Functions that are smooth except where their kink argument is zero. */
const KINK_ONE_ARG = new Set(['abs', 'sign', 'relu', 'drelu', 'leaky_relu', 'heaviside', 'elu']);
/** Functions whose kinks we cannot locate: claims using them are skipped. */
const NOT_PIECEWISE_SMOOTH = new Set(['floor', 'ceil', 'round', 'fix', 'mod', 'gcd', 'lcm', 'random', 'randomInt', 'pickRandom']);
const RELATIONAL = new Set(['larger', 'smaller', 'largerEq', 'smallerEq', 'equal', 'unequal']);

export interface Smoothness {
  /** Expressions that are zero at a kink (`x` for relu(x), `a - b` for max(a, b), a condition's sides). */
  readonly kinks: readonly string[];
  /** The expression has a piece the symbolic derivative cannot follow (a condition, max, relu). */
  readonly piecewise: boolean;
  /** Set when the expression has a function whose kinks cannot be located. */
  readonly unsupported?: string;
  /** Conditions that are not a kink's sign (`equal(i, argmax(…))`): true on some regions, false on others. */
  readonly conditions: readonly string[];
}

/** Where an expression is not smooth: sampled points keep away from all of these. */
export function smoothness(n: MathNode): Smoothness {
  const kinks: string[] = [];
  let piecewise = false;
  let unsupported: string | undefined;
  const conditions: string[] = [];
  n.traverse((c: any) => {
    if (c.type === 'FunctionNode' && c.fn?.type === 'SymbolNode') {
      const name = c.fn.name as string;
      if (NOT_PIECEWISE_SMOOTH.has(name)) unsupported ??= name;
      else if (name === 'equal' && c.args.length === 2) {
        conditions.push(c.toString());
        piecewise = true;
      }
      else if (KINK_ONE_ARG.has(name) && c.args.length >= 1) {
        kinks.push(c.args[0].toString());
        piecewise = true;
      } else if ((name === 'max' || name === 'min') && c.args.length >= 2) {
        const args = c.args.map((a: MathNode) => a.toString());
        for (let i = 0; i < args.length; i++) for (let j = i + 1; j < args.length; j++) kinks.push(`(${args[i]}) - (${args[j]})`);
        piecewise = true;
      }
    } else if (c.type === 'ConditionalNode') {
      piecewise = true;
    } else if (c.type === 'OperatorNode' && RELATIONAL.has(c.fn) && c.args.length === 2) {
      kinks.push(`(${c.args[0].toString()}) - (${c.args[1].toString()})`);
      piecewise = true;
    }
  });
  return { kinks, piecewise, unsupported, conditions };
}

/** The definition of `name` nearest above `before` (an index into the definitions). */
function lookup(defs: Definitions, name: string, before: number, fn: boolean): number {
  for (let i = Math.min(before, defs.length) - 1; i >= 0; i--) {
    const d = defs[i];
    if (d.name === name && (fn ? d.params !== undefined : d.params === undefined)) return i;
  }
  return -1;
}

/**
 * The expression with the note's definitions substituted, nearest above first: names
 * defined as expressions (except those in `keep`, the variables of a partial derivative)
 * and calls of defined functions. A definition only sees the definitions above it.
 */
export function expand(expression: string, defs: Definitions, parse: Parse, keep: ReadonlySet<string> = new Set(), before = defs.length): MathNode {
  let budget = MAX_NODES * 4;
  const go = (node: MathNode, upTo: number, depth: number): MathNode => {
    if (depth > 40) throw new TooLarge(say('symbolic.nestTooDeep'));
    const out = node.transform((c: any, path: string | null) => {
      if (--budget < 0) throw new TooLarge(say('symbolic.tooLarge'));
      if (c.type === 'SymbolNode' && path !== 'fn' && !keep.has(c.name)) {
        const i = lookup(defs, c.name, upTo, false);
        if (i >= 0 && defs[i].unusable) throw new TooLarge(defs[i].unusable!);
        if (i >= 0 && !defs[i].opaque) return parse(`(${go(parse(defs[i].expression), i, depth + 1).toString()})`);
      }
      if (c.type === 'FunctionNode' && c.fn?.type === 'SymbolNode') {
        const i = lookup(defs, c.fn.name, upTo, true);
        if (i >= 0 && defs[i].unusable) throw new TooLarge(defs[i].unusable!);
        if (i >= 0 && !defs[i].opaque) {
          const d = defs[i];
          if (d.params!.length !== c.args.length) throw new TooLarge(d.params!.length === 1 ? say('symbolic.arityOne', { name: d.name }) : say('symbolic.arityMany', { name: d.name, count: d.params!.length }));
          const args = c.args.map((a: MathNode) => go(a, upTo, depth + 1).toString());
          const body = go(parse(d.expression), i, depth + 1);
          const substituted = body.transform((b: any, p: string | null) => {
            if (b.type === 'SymbolNode' && p !== 'fn') {
              const k = d.params!.indexOf(b.name);
              if (k >= 0) return parse(`(${args[k]})`);
            }
            return b;
          });
          return parse(`(${substituted.toString()})`);
        }
      }
      return c;
    });
    return out;
  };
  const result = go(parse(expression), before, 0);
  if (nodeCount(result) > MAX_NODES) throw new TooLarge(say('symbolic.tooLarge'));
  return result;
}

/** The library's smooth activations in elementary functions, which `derivative` knows. */
const ELEMENTARY: Record<string, (a: readonly string[]) => string | undefined> = {
  sigmoid: ([x]) => `1 / (1 + exp(-(${x})))`,
  dsigmoid: ([x]) => `exp(-(${x})) / (1 + exp(-(${x})))^2`,
  softplus: ([x]) => `log(1 + exp(${x}))`,
  dtanh: ([x]) => `1 - tanh(${x})^2`,
  gelu_tanh: ([x]) => `0.5 * (${x}) * (1 + tanh(sqrt(2 / pi) * ((${x}) + 0.044715 * (${x})^3)))`,
  swish: ([x, b]) => `(${x}) / (1 + exp(-(${b ?? '1'}) * (${x})))`,
  log: (a) => (a.length === 1 ? undefined : `log(${a[0]}) / log(${a[1]})`),
};

/** The expression with library activations written in elementary functions (for `derivative`). */
export function elementary(n: MathNode, parse: Parse): MathNode {
  return n.transform((c: any) => {
    if (c.type === 'FunctionNode' && c.fn?.type === 'SymbolNode') {
      const rewrite = ELEMENTARY[c.fn.name];
      if (rewrite) {
        const args = c.args.map((a: MathNode) => elementary(a, parse).toString());
        const text = rewrite(args);
        if (text) return parse(`(${text})`);
      }
    }
    return c;
  });
}

/**
 * The position of the largest (`max`) or smallest argument, as nested conditionals that
 * `derivative`'s fallback, the sampling and the kinks can read: each comparison of two
 * arguments is a kink (a tie), so no point is taken near one. The position counts from
 * the first argument's subscript when the arguments are one name numbered in turn
 * (`x0, x1, x2` → 0, 1, 2), from 1 otherwise.
 */
function argExpression(args: readonly string[], max: boolean): string {
  const numbered = args.map((a) => /^([A-Za-z_\u0370-\u03FF]+?)(\d+)$/.exec(a));
  let first = 1;
  if (numbered.every((m) => m) && numbered.every((m, i) => m![1] === numbered[0]![1] && Number(m![2]) === Number(numbered[0]![2]) + i)) first = Number(numbered[0]![2]);
  const op = max ? '>=' : '<=';
  let text = String(first + args.length - 1);
  for (let k = args.length - 2; k >= 0; k--) {
    const cond = args.slice(k + 1).map((b) => `(${args[k]}) ${op} (${b})`).join(' and ');
    text = `((${cond}) ? ${first + k} : ${text})`;
  }
  return `(${text})`;
}

/** argmax and argmin calls (under the stand-in names `maxName`, `minName`) written as conditionals. */
export function argFunctions(n: MathNode, parse: Parse, maxName: string, minName: string): MathNode {
  return n.transform((c: any) => {
    if (c.type === 'FunctionNode' && c.fn?.type === 'SymbolNode' && (c.fn.name === maxName || c.fn.name === minName)) {
      const args = c.args.map((a: MathNode) => argFunctions(a, parse, maxName, minName).toString());
      if (args.length > MAX_ARG_ARGUMENTS) throw new TooLarge(say('symbolic.tooLarge'));
      return parse(argExpression(args, c.fn.name === maxName));
    }
    return c;
  });
}

/** Arguments an argmax may have (its conditionals grow with their square). */
const MAX_ARG_ARGUMENTS = 20;
