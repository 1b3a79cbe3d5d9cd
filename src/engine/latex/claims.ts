// Reads what the left side of a row says: a definition (`\text{Swish}(x) = …`,
// `L = …`), a derivative claim (`f'(x)`, `\frac{d}{dx} f(x)`, `\frac{\partial L}{\partial w}`,
// `\sigma'`), or nothing special. Right sides are translated as usual, then calls of the
// functions the note defined are read as calls (`\text{Swish}(x)`, `GELU(x)`), and a name
// before a bracket that is not one stops the check (`x(n+1)` may be a sequence).
import type { TexToken } from './lexer';
import { translate, type Node } from './translate';

/** Library functions a note may name without defining them (their meaning is fixed). */
const LIBRARY_FUNCTIONS: Record<string, string> = {
  sigmoid: 'sigmoid', sigma: 'sigmoid', tanh: 'tanh', relu: 'relu', softplus: 'softplus', exp: 'exp',
  ln: 'log', log: 'log', sin: 'sin', cos: 'cos', sinh: 'sinh', cosh: 'cosh', sign: 'sign', sgn: 'sign', abs: 'abs',
};
const FUNC_CMDS = new Set(['tanh', 'exp', 'ln', 'log', 'sin', 'cos', 'sinh', 'cosh']);
const WORD_CMDS = new Set(['text', 'mathrm', 'operatorname', 'textrm', 'mathit', 'textit', 'mbox']);
const SPACING = new Set([',', ';', ':', '!', ' ', 'thinspace', 'medspace', 'displaystyle', 'textstyle', 'left.', 'nonumber', 'notag']);
const FRACS = new Set(['frac', 'dfrac', 'tfrac']);

export type LeftForm =
  | { readonly kind: 'function'; readonly name: string; readonly params: readonly string[] }
  | { readonly kind: 'name'; readonly name: string }
  | {
      readonly kind: 'derivative';
      readonly variable: string;
      /** A function of the variable: `Swish'(x)`, `\frac{d}{dx} f(x)`, `\frac{d\sigma}{dz}`. */
      readonly fn?: string;
      /** A name or expression: `\frac{\partial L}{\partial w}`, `\frac{\partial}{\partial b}(2w + 3b)`. */
      readonly of?: readonly TexToken[];
      /** `f' = …`, `\frac{d\sigma}{dz}`: the function's name on the right means its value. */
      readonly bare: boolean;
      readonly label: string;
    };

function isCmd(t: TexToken | undefined, ...names: string[]): boolean {
  return !!t && t.kind === 'cmd' && names.includes(t.text);
}
function isChar(t: TexToken | undefined, ...cs: string[]): boolean {
  return !!t && t.kind === 'char' && cs.includes(t.text);
}

/** Drops spacing commands, which never change what a left side says. */
export function withoutSpaces(tokens: readonly TexToken[]): TexToken[] {
  return tokens.filter((t) => !(t.kind === 'cmd' && SPACING.has(t.text)) && !isChar(t, '~'));
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

/** Primes at `i`: `'`, `′`, `^\prime`, `^{\prime}`, `^{'}`. Returns how many and the index after. */
function primesAt(t: readonly TexToken[], i: number): { order: number; next: number } {
  let order = 0;
  let j = i;
  for (;;) {
    if (isChar(t[j], "'", '′')) {
      order++;
      j++;
    } else if (isChar(t[j], '″')) {
      order += 2;
      j++;
    } else if (isChar(t[j], '^') && isCmd(t[j + 1], 'prime')) {
      order++;
      j += 2;
    } else if (isChar(t[j], '^') && t[j + 1]?.kind === 'lbrace') {
      const g = groupAt(t, j + 1);
      if (!g || !g.inner.length || !g.inner.every((x) => isCmd(x, 'prime') || isChar(x, "'", '′'))) break;
      order += g.inner.length;
      j = g.next;
    } else break;
  }
  return { order, next: j };
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

/** `d`, `\mathrm{d}`, `\partial` at the start of a fraction's part; returns the index after. */
function differentialAt(t: readonly TexToken[], i: number, src: string): { partial: boolean; next: number } | undefined {
  if (isCmd(t[i], 'partial')) return { partial: true, next: i + 1 };
  if (t[i]?.kind === 'letter' && t[i].text === 'd') return { partial: false, next: i + 1 };
  if (isCmd(t[i], 'mathrm', 'text', 'operatorname')) {
    const g = groupAt(t, i + 1);
    if (g && src.slice(t[i + 1].end, t[g.next - 1].start).trim() === 'd') return { partial: false, next: g.next };
  }
  return undefined;
}

/** `\frac{d…}{d x}` and `\frac{\partial …}{\partial w}` at the start of a left side. */
function fractionForm(t: readonly TexToken[], src: string): LeftForm | undefined {
  if (!isCmd(t[0], ...FRACS)) return undefined;
  const top = groupAt(t, 1);
  if (!top) return undefined;
  const bottom = groupAt(t, top.next);
  if (!bottom) return undefined;
  const rest = t.slice(bottom.next);
  const dTop = differentialAt(top.inner, 0, src);
  const dBottom = differentialAt(bottom.inner, 0, src);
  if (!dTop || !dBottom) return undefined;
  const variable = nameOf(bottom.inner.slice(dBottom.next), src);
  if (!variable) return undefined;
  const numerator = unbraced(top.inner.slice(dTop.next));
  if (!numerator.length) {
    // The operator form: `\frac{d}{dx} f(x)`, `\frac{\partial}{\partial b}(2w + 3b)`.
    if (!rest.length) return undefined;
    return { kind: 'derivative', variable, of: rest, bare: false, label: 'the left side' };
  }
  if (rest.length) return undefined;
  if (isChar(numerator[0], '^')) return undefined; // d^2 y / dx^2: second order, not read
  const asName = nameOf(numerator, src);
  const fn = functionNameAt(numerator, 0, src);
  // `\frac{d\sigma}{dz}`: the library's σ; another name is an expression defined above.
  if (fn && fn.name === 'sigmoid' && asName === 'sigma') return { kind: 'derivative', variable, fn: 'sigmoid', bare: true, label: 'σ' };
  if (asName) return { kind: 'derivative', variable, of: numerator, bare: false, label: asName };
  // `\frac{d f(x)}{dx}`: a call of a function.
  if (fn && fn.next < numerator.length) {
    const args = nameListAt(numerator, fn.next, src);
    if (args && args.next === numerator.length && args.names.length === 1 && args.names[0] === variable) {
      return { kind: 'derivative', variable, fn: fn.name, bare: false, label: fn.label };
    }
  }
  return undefined;
}

/** What the left side of a row's first relation says, or undefined for an ordinary expression. */
export function readLeft(tokens: readonly TexToken[], src: string): LeftForm | undefined {
  const t = withoutSpaces(tokens);
  if (!t.length) return undefined;
  const frac = fractionForm(t, src);
  if (frac) return frac;
  const fn = functionNameAt(t, 0, src);
  if (fn) {
    const primes = primesAt(t, fn.next);
    if (primes.order > 1) return undefined;
    if (primes.order === 1) {
      if (primes.next === t.length) {
        return { kind: 'derivative', variable: '', fn: fn.name, bare: true, label: fn.label };
      }
      const arg = nameListAt(t, primes.next, src);
      if (arg && arg.next === t.length && arg.names.length === 1) {
        return { kind: 'derivative', variable: arg.names[0], fn: fn.name, bare: false, label: fn.label };
      }
      return undefined;
    }
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

/** The bracketed argument a factor starts with: `(x)` or `(x)^2`. */
function bracketOf(n: Node): { arg: Node; power?: Node } | undefined {
  if (n.k === 'paren') return { arg: n.arg };
  if (n.k === 'pow' && n.base.k === 'paren') return { arg: n.base.arg, power: n.exp };
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
              const call: Node = { k: 'call', fn: name, args: [br.arg], start, end };
              out.push(br.power ? { k: 'pow', base: call, exp: br.power, start, end } : call);
              i++;
              continue;
            }
            if (ctx.bareValue?.name !== name && !ctx.values.has(name)) throw new CallLike(`${name}(…) may be a function of its own`);
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
