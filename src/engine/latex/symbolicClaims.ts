// Reads what the left side of a row says: a definition (`\text{Swish}(x) = …`,
// `L = …`, read on the tokens, since `\text{ReLU}(x)` is a call to the parser), a
// derivative claim (`f'(x)`, `f''(x)`, `\frac{d}{dx} f(x)`, `\frac{\partial L}{\partial w}`,
// `\frac{\partial^2 f}{\partial x \partial y}`, `\nabla_w L`, `\sigma'`, read on the
// parser's `prime`, `deriv` and `nabla` nodes), or nothing special. Right sides are translated as usual, then calls of the
// functions the note defined are read as calls (`\text{Swish}(x)`, `GELU(x)`), and a name
// before a bracket that is not one stops the check (`x(n+1)` may be a sequence).
import type { DerivNode, NablaNode } from './ast';
import type { TexToken } from './lexer';
import { parseSegment, translate, type Node } from './translate';
import { say } from '../messages';
import { rewriteNotation, usesNotation } from './symbolicNotation';

/** Commands a derivative's left side starts with. */
const DERIVATIVE_STARTS = new Set(['frac', 'dfrac', 'tfrac', 'nabla']);

/** Library functions a note may name without defining them (their meaning is fixed). */
const LIBRARY_FUNCTIONS: Record<string, string> = {
  sigmoid: 'sigmoid', sigma: 'sigmoid', tanh: 'tanh', relu: 'relu', softplus: 'softplus', exp: 'exp',
  ln: 'log', log: 'log', sin: 'sin', cos: 'cos', sinh: 'sinh', cosh: 'cosh', sign: 'sign', sgn: 'sign', abs: 'abs',
};
const FUNC_CMDS = new Set(['tanh', 'exp', 'ln', 'log', 'sin', 'cos', 'sinh', 'cosh']);
const WORD_CMDS = new Set(['text', 'mathrm', 'operatorname', 'textrm', 'mathit', 'textit', 'mbox']);
const SPACING = new Set([',', ';', ':', '!', ' ', 'thinspace', 'medspace', 'displaystyle', 'textstyle', 'left.', 'nonumber', 'notag']);

export type LeftForm =
  | { readonly kind: 'function'; readonly name: string; readonly params: readonly string[] }
  | { readonly kind: 'name'; readonly name: string }
  /** A derivative written in a way the checks do not read (`f'''(x)`, `\nabla L`): the reason. */
  | { readonly kind: 'unread'; readonly reason: string }
  | {
      readonly kind: 'derivative';
      /** The first variable ('' for a bare `f'`). */
      readonly variable: string;
      /** Every differentiation in turn: ['x'] for f'(x), ['x', 'x'] for f''(x), ['x', 'y'] for ∂²f/∂x∂y. */
      readonly wrt: readonly string[];
      /** A function of the variable: `Swish'(x)`, `\frac{d}{dx} f(x)`, `\frac{d\sigma}{dz}`. */
      readonly fn?: string;
      /** A name or expression: `\frac{\partial L}{\partial w}`, `\frac{\partial}{\partial b}(2w + 3b)`. */
      readonly of?: readonly TexToken[];
      /** `f' = …`, `\frac{d\sigma}{dz}`: the function's name on the right means its value. */
      readonly bare: boolean;
      readonly label: string;
    };

function isChar(t: TexToken | undefined, ...cs: string[]): boolean {
  return !!t && t.kind === 'char' && cs.includes(t.text);
}

const isSpacing = (t: TexToken): boolean => (t.kind === 'cmd' && SPACING.has(t.text)) || isChar(t, '~');

/** Drops spacing commands, which never change what a left side says: the same list when there are none, so its translation is reused. */
export function withoutSpaces(tokens: readonly TexToken[]): readonly TexToken[] {
  return tokens.some(isSpacing) ? tokens.filter((t) => !isSpacing(t)) : tokens;
}

/** Index after the brace group opened at `i`, or -1. */
function groupEnd(t: readonly TexToken[], i: number): number {
  if (t[i]?.kind !== 'lbrace') return -1;
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    if (t[j].kind === 'lbrace') depth++;
    else if (t[j].kind === 'rbrace' && --depth === 0) return j + 1;
  }
  return -1;
}

/** Tokens inside the brace group at `i`. */
function groupAt(t: readonly TexToken[], i: number): { inner: TexToken[]; next: number } | undefined {
  const end = groupEnd(t, i);
  return end < 0 ? undefined : { inner: t.slice(i + 1, end - 1), next: end };
}

/** Strips braces that wrap everything: `{z}` → `z`. */
function unbraced(t: readonly TexToken[]): readonly TexToken[] {
  let cur = t;
  while (cur.length >= 2 && cur[0].kind === 'lbrace' && groupEnd(cur, 0) === cur.length) cur = cur.slice(1, -1);
  return cur;
}

/** The name written by these tokens (`w_1` → `w1`, `\hat{y}` when the translation names it), or undefined. */
export function nameOf(tokens: readonly TexToken[], src: string): string | undefined {
  const t = unbraced(tokens);
  if (!t.length) return undefined;
  const tr = translate(t, src);
  return tr.ok && tr.ast.k === 'name' ? tr.ast.name : undefined;
}

/** A function's name at `i`: `\text{Swish}`, `GELU`, `f`, `\sigma`, `\tanh`. */
function functionNameAt(t: readonly TexToken[], i: number, src: string): { name: string; label: string; next: number } | undefined {
  const first = t[i];
  if (!first) return undefined;
  if (first.kind === 'cmd' && WORD_CMDS.has(first.text)) {
    const g = groupAt(t, i + 1);
    if (!g) return undefined;
    const word = src.slice(t[i + 1].end, t[g.next - 1].start).trim();
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(word)) return undefined;
    return { name: LIBRARY_FUNCTIONS[word.toLowerCase()] ?? word, label: word, next: g.next };
  }
  if (first.kind === 'cmd' && (first.text === 'sigma' || FUNC_CMDS.has(first.text))) {
    return { name: LIBRARY_FUNCTIONS[first.text], label: first.text === 'sigma' ? 'σ' : first.text, next: i + 1 };
  }
  if (first.kind === 'letter') {
    // A run of letters written together is one name (`GELU`, `Swish`).
    let j = i + 1;
    while (t[j]?.kind === 'letter' && t[j].tight) j++;
    const word = t.slice(i, j).map((x) => x.text).join('');
    return { name: word.length > 1 ? (LIBRARY_FUNCTIONS[word.toLowerCase()] ?? word) : word, label: word, next: j };
  }
  return undefined;
}

/** `(a, b)` at `i` holding only names: the parameters of a definition or the argument of a claim. */
function nameListAt(t: readonly TexToken[], i: number, src: string): { names: string[]; next: number } | undefined {
  if (t[i]?.kind !== 'open' || t[i].text !== '(') return undefined;
  const names: string[] = [];
  let cur: TexToken[] = [];
  let depth = 0;
  for (let j = i + 1; j < t.length; j++) {
    const x = t[j];
    if (depth === 0 && ((x.kind === 'close' && x.text === ')') || isChar(x, ',', ';'))) {
      const n = nameOf(cur, src);
      if (!n) return undefined;
      names.push(n);
      cur = [];
      if (x.kind === 'close') return { names, next: j + 1 };
      continue;
    }
    if (x.kind === 'open' || x.kind === 'lbrace') depth++;
    else if (x.kind === 'close' || x.kind === 'rbrace') depth--;
    cur.push(x);
  }
  return undefined;
}

/** The tokens written for a node (its offsets), from a row's tokens. */
function tokensOf(t: readonly TexToken[], from: number, to: number): TexToken[] {
  return t.filter((x) => x.start >= from && x.end <= to);
}

/** The library's or the note's name for a function written as a name node (`Swish`, `sigma`, `tanh`). */
function functionName(name: string): { name: string; label: string } {
  if (name === 'sigma' || name === 'sigmoid') return { name: 'sigmoid', label: 'σ' };
  return { name: name.length > 1 ? (LIBRARY_FUNCTIONS[name.toLowerCase()] ?? name) : name, label: name };
}

const MAX_ORDER = 2;

/** The leftmost factor of an implicit product (`\frac{d}{dx}` in `\frac{d}{dx} f(x)`). */
function leftmost(n: Node): Node {
  let cur = n;
  while (cur.k === 'bin' && cur.implicit) cur = cur.a;
  return cur;
}

/** `f'(x)`, `f''`, `\sigma'(z)` (parsed as dsigmoid). */
function primeForm(n: Node): LeftForm | undefined {
  if (n.k === 'call' && n.fn === 'dsigmoid' && n.args.length === 1 && n.args[0].k === 'name') {
    const v = n.args[0].name;
    return { kind: 'derivative', variable: v, wrt: [v], fn: 'sigmoid', bare: false, label: 'σ' };
  }
  if (n.k !== 'prime' || n.base.k !== 'name') return undefined;
  if (n.order > MAX_ORDER) return { kind: 'unread', reason: say('symbolic.highOrder') };
  const fn = functionName(n.base.name);
  if (!n.args) return { kind: 'derivative', variable: '', wrt: Array(n.order).fill(''), fn: fn.name, bare: true, label: fn.label };
  if (n.args.length !== 1 || n.args[0].k !== 'name') return undefined;
  const v = n.args[0].name;
  return { kind: 'derivative', variable: v, wrt: Array(n.order).fill(v), fn: fn.name, bare: false, label: fn.label };
}

/** The variables of a Leibniz denominator in turn (`dx^2` twice), or why they are not read. */
function variablesOf(d: DerivNode): string[] | string {
  const wrt = d.wrt.flatMap((w) => Array(w.order).fill(w.name.name) as string[]);
  if (!wrt.length) return say('symbolic.notationNotRead');
  if (wrt.length !== d.order) return say('symbolic.orderMismatch');
  if (wrt.length > MAX_ORDER) return say('symbolic.highOrder');
  return wrt;
}

/** `\frac{df}{dx}`, `\frac{\partial L}{\partial w}`, `\frac{d}{dx} f(x)`, `\frac{d^2 y}{dx^2}`. */
function leibnizForm(n: Node, t: readonly TexToken[]): LeftForm | undefined {
  const d = leftmost(n);
  if (d.k !== 'deriv') return undefined;
  const wrt = variablesOf(d);
  if (typeof wrt === 'string') return { kind: 'unread', reason: wrt };
  const variable = wrt[0];
  if (!d.of) {
    // The operator form: what follows is differentiated (`\frac{\partial}{\partial b}(2w + 3b)`).
    // To the segment's end: offsets of written-out notation (a sum) stop at the \sum.
    const from = d.arg ? d.arg.start : d.end;
    const of = tokensOf(t, from, Infinity);
    if (!of.length) return undefined;
    return { kind: 'derivative', variable, wrt, of, bare: false, label: 'the left side' };
  }
  if (d !== n) return undefined; // `\frac{dL}{dw} \cdot 2`: not a derivative on its own
  const of = d.of;
  // `\frac{d\sigma}{dz}`: the library's σ; another name is an expression defined above.
  if (of.k === 'name' && of.name === 'sigma') return { kind: 'derivative', variable, wrt, fn: 'sigmoid', bare: true, label: 'σ' };
  if (of.k === 'name') return { kind: 'derivative', variable, wrt, of: tokensOf(t, of.start, of.end), bare: false, label: of.name };
  // `\frac{d f(x)}{dx}`: a call of a function of the variable.
  if (of.k === 'bin' && of.implicit && of.a.k === 'name' && of.b.k === 'paren' && of.b.arg.k === 'name' && of.b.arg.name === variable && wrt.every((w) => w === variable)) {
    const fn = functionName(of.a.name);
    return { kind: 'derivative', variable, wrt, fn: fn.name, bare: false, label: fn.label };
  }
  return { kind: 'derivative', variable, wrt, of: tokensOf(t, of.start, of.end), bare: false, label: 'the left side' };
}

/** `\nabla_w L`, `\nabla_{w} (a + b)`: the gradient by one scalar name is its partial derivative. */
function nablaForm(n: Node, t: readonly TexToken[]): LeftForm | undefined {
  const g = leftmost(n);
  if (g.k !== 'nabla') return undefined;
  const sub = (g as NablaNode).sub;
  if (!sub || sub.k !== 'name') return { kind: 'unread', reason: say('symbolic.gradientVariable') };
  if (!g.arg) return undefined;
  const of = tokensOf(t, g.arg.start, Infinity);
  const label = g === n && g.arg.k === 'name' ? g.arg.name : 'the left side';
  return { kind: 'derivative', variable: sub.name, wrt: [sub.name], of, bare: false, label };
}

/** What the left side of a row's first relation says, or undefined for an ordinary expression. */
export function readLeft(tokens: readonly TexToken[], src: string): LeftForm | undefined {
  const t = withoutSpaces(tokens);
  if (!t.length) return undefined;
  // Indicators and bounded sums (`\frac{d}{dx} \sum_{k=0}^{3} x^k`) are read for the form;
  // what is differentiated is then taken from the tokens as written.
  let parsed = t;
  if (usesNotation(t)) {
    const rw = rewriteNotation(t, src);
    if ('reason' in rw) {
      if (t[0].kind === 'cmd' && DERIVATIVE_STARTS.has(t[0].text)) return { kind: 'unread', reason: rw.reason };
    } else parsed = [...rw.tokens];
  }
  const p = parseSegment(parsed, src);
  if (p.ok) {
    const d = primeForm(p.ast) ?? leibnizForm(p.ast, t) ?? nablaForm(p.ast, t);
    if (d) return d;
  }
  const fn = functionNameAt(t, 0, src);
  if (fn) {
    const params = nameListAt(t, fn.next, src);
    if (params && params.next === t.length && new Set(params.names).size === params.names.length) {
      return { kind: 'function', name: fn.name, params: params.names };
    }
  }
  const name = nameOf(t, src);
  if (name) return { kind: 'name', name };
  return undefined;
}

/** The names a right side may call: functions the note defined or the library's. */
export interface CallContext {
  readonly functions: ReadonlySet<string>;
  /**
   * Names known to be values (parameters, the variable, names defined or bound above, names
   * the chain also writes on their own): `x(x + 1)` before them is a product.
   */
  readonly values: { has(name: string): boolean };
  /** In a bare claim (`\sigma' = \sigma(1 - \sigma)`), the function's name stands for its value. */
  readonly bareValue?: { readonly name: string; readonly call: string };
}

type Rewritten = { ok: true; ast: Node } | { ok: false; reason: string };

/** Factors of an implicit product, left to right. */
function factorsOf(n: Node): Node[] {
  return n.k === 'bin' && n.implicit ? [...factorsOf(n.a), n.b] : [n];
}

function product(fs: Node[]): Node {
  return fs.reduce((a, b) => ({ k: 'bin', op: '*', shown: '·', a, b, implicit: true, start: a.start, end: b.end }));
}

/** The bracketed arguments a factor starts with: `(x)`, `(x)^2`, `(x, y)`. */
function bracketOf(n: Node): { args: readonly Node[]; power?: Node } | undefined {
  if (n.k === 'paren') return { args: [n.arg] };
  if (n.k === 'pow' && n.base.k === 'paren') return { args: [n.base.arg], power: n.exp };
  if (n.k === 'tuple' && n.bracket === '(') return { args: n.items };
  return undefined;
}

/** Reads `name(…)` in a product as a call where the name is a function. */
export function rewriteCalls(n: Node, ctx: CallContext): Rewritten {
  const rec = (m: Node): Node => {
    switch (m.k) {
      case 'bin': {
        if (!m.implicit) return { ...m, a: rec(m.a), b: rec(m.b) };
        const fs = factorsOf(m).map(rec);
        const out: Node[] = [];
        for (let i = 0; i < fs.length; i++) {
          const f = fs[i];
          const br = i + 1 < fs.length ? bracketOf(fs[i + 1]) : undefined;
          if (f.k === 'name' && br) {
            // Letters written together may spell a defined function: G·E·L·U(x).
            let name = f.name;
            let from = out.length;
            if (!ctx.functions.has(name)) {
              let spelled = name;
              for (let k = out.length - 1; k >= 0; k--) {
                const prev = out[k];
                if (prev.k !== 'name' || prev.name.length !== 1) break;
                spelled = prev.name + spelled;
                if (ctx.functions.has(spelled)) {
                  name = spelled;
                  from = k;
                }
              }
            }
            if (ctx.functions.has(name)) {
              const start = out.length > from ? out[from].start : f.start;
              out.length = from;
              const end = fs[i + 1].end;
              const call: Node = { k: 'call', fn: name, args: br.args.map(rec), start, end };
              out.push(br.power ? { k: 'pow', base: call, exp: br.power, start, end } : call);
              i++;
              continue;
            }
            if (ctx.bareValue?.name !== name && !ctx.values.has(name)) throw new CallLike(say('symbolic.mayBeFunction', { name }));
          }
          out.push(f);
        }
        return out.length === 1 ? out[0] : product(out);
      }
      case 'neg':
      case 'paren':
      case 'abs':
      case 'fact':
        return { ...m, arg: rec(m.arg) };
      case 'pct':
        return { ...m, arg: rec(m.arg) };
      case 'pow':
        return { ...m, base: rec(m.base), exp: rec(m.exp) };
      case 'call':
        return { ...m, args: m.args.map(rec) };
      case 'cases':
        // A case's value and its condition's sides are read like any side (`f(x)` is a call there too).
        return {
          ...m,
          branches: m.branches.map((b) => ({
            ...b,
            value: rec(b.value),
            condition: b.condition?.relation ? { ...b.condition, relation: { ...b.condition.relation, left: rec(b.condition.relation.left), right: rec(b.condition.relation.right) } } : b.condition,
          })),
        };
      default:
        return m;
    }
  };
  try {
    return { ok: true, ast: rec(n) };
  } catch (e) {
    if (e instanceof CallLike) return { ok: false, reason: e.message };
    throw e;
  }
}

class CallLike extends Error {}

/** Names written somewhere other than just before a bracket (`x` in `x(x + 1)`). */
export function plainNames(n: Node, out: Set<string> = new Set()): Set<string> {
  const visit = (m: Node, beforeBracket: boolean): void => {
    switch (m.k) {
      case 'name':
        if (!beforeBracket) out.add(m.name);
        return;
      case 'bin':
        if (m.implicit) {
          const fs = factorsOf(m);
          fs.forEach((f, i) => visit(f, i + 1 < fs.length && bracketOf(fs[i + 1]) !== undefined));
        } else {
          visit(m.a, false);
          visit(m.b, false);
        }
        return;
      case 'neg':
      case 'paren':
      case 'abs':
      case 'fact':
      case 'pct':
        visit(m.arg, false);
        return;
      case 'pow':
        visit(m.base, false);
        visit(m.exp, false);
        return;
      case 'call':
        for (const a of m.args) visit(a, false);
        return;
      default:
        return;
    }
  };
  visit(n, false);
  return out;
}

/** In a bare claim about σ, `\sigma` on the right is σ's value, not a call: read it as a name. */
export function sigmaAsValue(tokens: readonly TexToken[]): TexToken[] {
  return tokens.map((t) => (t.kind === 'cmd' && t.text === 'sigma' ? { ...t, kind: 'letter', text: 'σ' } : t));
}
