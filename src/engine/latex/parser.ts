// Parses one LaTeX segment's tokens into the tree of ast.ts, or says why it can't. The
// rule is "exactly or not at all": a construct whose meaning is not certain (prose,
// `a/2b`, `2\frac12`, `x^{(n)}`) stops the parse with a reason. The parse state (tokens,
// position, bracket pairs, depth) is the `State` class; the grammar rules are the plain
// functions below it, and the words they accept are the tables of vocabulary.ts.
// Nesting is bounded (MAX_NESTING groups, MAX_HEIGHT tree levels): deeper input is
// skipped as "too deeply nested", never a stack overflow.
import type { TexToken } from './lexer';
import {
  children,
  type CaseBranch,
  type Condition,
  type DerivVariable,
  type NameNode,
  type Node,
  type NumNode,
} from './ast';
import {
  HAN_CHAR,
  spellHan,
  CASES_ENVIRONMENTS,
  COLOR_COMMANDS,
  FRACTION_COMMANDS,
  FUNCTION_COMMANDS,
  FUNCTION_WORDS,
  GREEK,
  LOG_BASES,
  MATRIX_ENVIRONMENTS,
  MINUS_CHARS,
  OPERATOR_CHARS,
  OPERATOR_COMMANDS,
  PRIME_CHARS,
  RELATION_CHARS,
  RELATION_COMMANDS,
  ROW_BREAKS,
  STYLE_COMMANDS,
  TEXT_COMMANDS,
  TEXT_NAME_COMMANDS,
  THIN_SPACES,
  UNCHECKED_COMMANDS,
  UPDATE_SUPERSCRIPTS,
  WIDE_SPACES,
  WORD_NAME_LENGTH,
  ACCENT_COMMANDS,
  type FunctionEntry,
} from './vocabulary';

/** Groups inside groups (`\frac{1}{\frac{1}{…}}`) deeper than this are skipped. */
export const MAX_NESTING = 100;
/** Trees taller than this (a sum of hundreds of terms) are skipped. */
export const MAX_HEIGHT = 160;

export const TOO_DEEP = 'too deeply nested';
export const TOO_LONG = 'too long to check';

/**
 * Why a segment is not read, thrown out of the rules. Not an Error: most formulas of a note
 * are skipped somewhere, and capturing a stack trace at each throw was a measurable share
 * of a cold check.
 */
export class Skip {
  constructor(readonly message: string) {}
}

type Tok = TexToken;

/** Index of the matching close for every open/lbrace token (-1 when unmatched), computed once. */
function pairTable(toks: readonly Tok[]): Int32Array {
  const pair = new Int32Array(toks.length).fill(-1);
  const stack: number[] = [];
  for (let j = 0; j < toks.length; j++) {
    const k = toks[j].kind;
    if (k === 'open' || k === 'lbrace') stack.push(j);
    else if ((k === 'close' || k === 'rbrace') && stack.length) pair[stack.pop()!] = j;
  }
  return pair;
}

/** The parse state: where we are, what we have seen. Rules read and advance it. */
export class State {
  i = 0;
  /** Depth of nested groups being parsed. */
  depth = 0;
  /** Inside `|…|`: a `|` closes rather than opens. */
  absDepth = 0;
  /** Inside `\|…\|`. */
  normDepth = 0;
  readonly names: string[] = [];
  /** A name is followed by a bracket (`f(x)`): a product here, maybe a call to the writer. */
  nameBeforeBracket = false;
  readonly pair: Int32Array;
  private readonly heights: Map<Node, number>;

  constructor(
    readonly toks: readonly Tok[],
    readonly src: string,
    /** Index just past the last token this state may read. */
    readonly limit = toks.length,
    shared?: { pair: Int32Array; heights: Map<Node, number> },
  ) {
    this.pair = shared?.pair ?? pairTable(toks);
    this.heights = shared?.heights ?? new Map();
  }

  /** A state for the tokens [from, to) of this one, sharing its bracket table and heights. */
  slice(from: number, to: number): State {
    const s = new State(this.toks, this.src, to, { pair: this.pair, heights: this.heights });
    s.i = from;
    s.depth = this.depth;
    return s;
  }

  fail(reason: string): never {
    throw new Skip(reason);
  }

  peek(o = 0): Tok | undefined {
    const j = this.i + o;
    return j < this.limit ? this.toks[j] : undefined;
  }

  next(): Tok {
    const t = this.peek();
    if (!t) this.fail('incomplete expression');
    this.i++;
    return t;
  }

  atEnd(): boolean {
    return this.i >= this.limit;
  }

  /** Records a node's height; fails when the tree grows too tall. */
  mk<N extends Node>(n: N): N {
    let h = 0;
    for (const c of children(n)) h = Math.max(h, this.heights.get(c) ?? 1);
    if (h + 1 > MAX_HEIGHT) this.fail(TOO_LONG);
    this.heights.set(n, h + 1);
    return n;
  }

  enter(): void {
    if (++this.depth > MAX_NESTING) this.fail(TOO_DEEP);
  }

  leave(): void {
    this.depth--;
  }

  addName(name: string): void {
    if (!this.names.includes(name)) this.names.push(name);
  }
}

// ---- token tests ----

function isChar(t: Tok | undefined, ...cs: string[]): boolean {
  return !!t && t.kind === 'char' && cs.includes(t.text);
}

function isCmd(t: Tok | undefined, ...cs: string[]): boolean {
  return !!t && t.kind === 'cmd' && cs.includes(t.text);
}

function isMinus(t: Tok | undefined): boolean {
  return !!t && t.kind === 'char' && MINUS_CHARS.has(t.text);
}

function isOpen(t: Tok | undefined, text: string): boolean {
  return !!t && t.kind === 'open' && t.text === text;
}

function isPrime(t: Tok | undefined): boolean {
  return (!!t && t.kind === 'char' && PRIME_CHARS.has(t.text)) || isCmd(t, 'prime');
}

function mulOp(t: Tok | undefined): { op: '*' | '/'; shown: string } | undefined {
  if (!t) return undefined;
  if (t.kind === 'cmd') return OPERATOR_COMMANDS[t.text];
  if (t.kind === 'char') return OPERATOR_CHARS[t.text];
  return undefined;
}

/** Commands that end a factor rather than start one. */
const NOT_A_FACTOR = new Set(['pm', 'mp', '%', 'prime', 'end', ...ROW_BREAKS]);

function startsFactor(s: State, t: Tok | undefined): boolean {
  if (!t) return false;
  switch (t.kind) {
    case 'num':
    case 'letter':
    case 'lbrace':
    case 'open':
      return true;
    case 'cmd':
      return !OPERATOR_COMMANDS[t.text] && !NOT_A_FACTOR.has(t.text) && RELATION_COMMANDS[t.text] === undefined;
    case 'char':
      return (t.text === '|' && s.absDepth === 0) || (t.text === '‖' && s.normDepth === 0);
    default:
      return false;
  }
}

function describeFail(s: State, t: Tok): never {
  if (t.kind === 'cmd') {
    if (UNCHECKED_COMMANDS[t.text]) s.fail(UNCHECKED_COMMANDS[t.text]);
    if (t.text === 'begin') s.fail('matrix or environment');
    if (WIDE_SPACES.has(t.text)) s.fail(`\\${t.text} separates text`);
    s.fail(`unsupported \\${t.text}`);
  }
  if (t.kind === 'char' && t.text === ',') s.fail('comma (list or tuple)');
  if (t.kind === 'close' || t.kind === 'rbrace') s.fail('unbalanced bracket');
  s.fail(`unsupported '${t.text}'`);
}

function num(s: State, t: Tok): NumNode {
  return s.mk({ k: 'num', value: t.text, decimals: t.decimals ?? 0, start: t.start, end: t.end });
}

function lastIsInteger(n: Node): boolean {
  return (n.k === 'num' && n.decimals === 0) || (n.k === 'neg' && n.arg.k === 'num' && n.arg.decimals === 0);
}

function lastIsNumber(n: Node): boolean {
  return n.k === 'num' || (n.k === 'neg' && n.arg.k === 'num') || n.k === 'pct';
}

// ---- rules ----

/** The whole segment. */
export function parseAll(s: State): Node {
  const n = parseExpr(s);
  const t = s.peek();
  if (t) describeFail(s, t);
  return n;
}

/** A sum: `a + b - c`, with an optional leading sign. */
export function parseExpr(s: State): Node {
  let node: Node;
  const t = s.peek();
  if (isMinus(t)) {
    s.next();
    const arg = parseTerm(s);
    node = s.mk({ k: 'neg', arg, start: t!.start, end: arg.end });
  } else {
    if (isChar(t, '+')) s.next();
    node = parseTerm(s);
  }
  for (;;) {
    const o = s.peek();
    if (isChar(o, '+') || isMinus(o)) {
      s.next();
      const plus = isChar(o, '+');
      // `a + -b`: a sign after the operator negates the term.
      const m = s.peek();
      let b: Node;
      if (isMinus(m)) {
        s.next();
        const arg = parseTerm(s);
        b = s.mk({ k: 'neg', arg, start: m!.start, end: arg.end });
      } else b = parseTerm(s);
      node = s.mk({ k: 'bin', op: plus ? '+' : '-', shown: plus ? '+' : '−', a: node, b, implicit: false, start: node.start, end: b.end });
    } else if (isCmd(o, 'pm', 'mp') || isChar(o, '±')) {
      s.fail('±');
    } else break;
  }
  return node;
}

/** A product: `a \times b / c`, `2x`, `a(1 - a)`. */
function parseTerm(s: State): Node {
  let node = parseFactor(s);
  let division = false;
  let implicit = false;
  let last = node;
  for (;;) {
    const t = s.peek();
    const op = mulOp(t);
    if (op) {
      s.next();
      let rhs: Node;
      const m = s.peek();
      if (isMinus(m)) {
        s.next();
        const arg = parseFactor(s);
        rhs = s.mk({ k: 'neg', arg, start: m!.start, end: arg.end });
      } else rhs = parseFactor(s);
      division ||= op.op === '/';
      node = s.mk({ k: 'bin', op: op.op, shown: op.shown, a: node, b: rhs, implicit: false, start: node.start, end: rhs.end });
      last = rhs;
    } else if (startsFactor(s, t)) {
      // `2 3` typesets as 23 and `2\frac{1}{2}` as a mixed number: not a product
      // (`0.5 \frac{1}{2}` and `2 \frac{dy}{dx}` are).
      if (lastIsNumber(last) && t!.kind === 'num') s.fail('numbers written side by side');
      const mixed = lastIsInteger(last) && t!.kind === 'cmd' && FRACTION_COMMANDS.has(t!.text);
      const rhs = parseFactor(s);
      if (mixed && rhs.k !== 'deriv') s.fail('numbers written side by side');
      implicit = true;
      node = s.mk({ k: 'bin', op: '*', shown: '·', a: node, b: rhs, implicit: true, start: node.start, end: rhs.end });
      last = rhs;
    } else break;
    if (division && implicit) s.fail('a/bc is ambiguous');
  }
  return node;
}

/** Primes written after a base: `'`, `''`, `^{\prime}`, `^\prime`, `^{'}`. Returns the count and tokens used. */
function primesAt(s: State): { order: number; used: number } | undefined {
  let j = 0;
  let order = 0;
  for (;;) {
    const t = s.peek(j);
    if (t && t.kind === 'char' && PRIME_CHARS.has(t.text)) {
      order += t.text === '″' ? 2 : 1;
      j++;
      continue;
    }
    if (isChar(t, '^') && isCmd(s.peek(j + 1), 'prime')) {
      order++;
      j += 2;
      continue;
    }
    if (isChar(t, '^') && s.peek(j + 1)?.kind === 'lbrace') {
      let k = j + 2;
      let n = 0;
      while (isPrime(s.peek(k))) {
        n++;
        k++;
      }
      if (n > 0 && s.peek(k)?.kind === 'rbrace') {
        order += n;
        j = k + 1;
        continue;
      }
    }
    break;
  }
  return order ? { order, used: j } : undefined;
}

/** A factor: a primary with its powers, `%`, `!`, primes and transposes. */
function parseFactor(s: State): Node {
  let node = parsePrimary(s);
  for (;;) {
    const t = s.peek();
    const primes = primesAt(s);
    if (primes) {
      s.i += primes.used;
      const at = s.toks[s.i - 1].end;
      let args: Node[] | undefined;
      let end = at;
      if (isOpen(s.peek(), '(')) {
        s.next();
        args = [parseExpr(s)];
        while (isChar(s.peek(), ',')) {
          s.next();
          args.push(parseExpr(s));
        }
        const c = s.next();
        if (c.kind !== 'close' || c.text !== ')') s.fail('unbalanced bracket');
        end = c.end;
      }
      node = s.mk({ k: 'prime', base: node, order: primes.order, args, start: node.start, end });
    } else if (isChar(t, '^')) {
      s.next();
      const transposed = transposeMark(s);
      if (transposed) {
        node = s.mk({ k: 'transpose', arg: node, start: node.start, end: transposed });
      } else {
        const exp = parseScript(s, true);
        node = s.mk({ k: 'pow', base: node, exp, start: node.start, end: s.toks[s.i - 1].end });
      }
      if (isChar(s.peek(), '^')) s.fail('double superscript');
      if (isChar(s.peek(), '_')) s.fail('subscript');
    } else if (isChar(t, '_')) {
      s.fail('subscript on an expression');
    } else if (isCmd(t, '%')) {
      s.next();
      node = s.mk({ k: 'pct', arg: node, start: node.start, end: t!.end });
    } else if (isChar(t, '!')) {
      s.next();
      node = s.mk({ k: 'fact', arg: node, start: node.start, end: t!.end });
    } else return node;
  }
}

/** After `^`: `\top`, `T`, `{T}`, `{\top}`, `{\intercal}` → the end offset of the mark. */
function transposeMark(s: State): number | undefined {
  const t = s.peek();
  if (isCmd(t, 'top', 'intercal') || (t?.kind === 'letter' && t.text === 'T')) {
    s.next();
    return t!.end;
  }
  if (t?.kind === 'lbrace') {
    const inner = s.peek(1);
    const close = s.peek(2);
    if ((isCmd(inner, 'top', 'intercal') || (inner?.kind === 'letter' && inner.text === 'T')) && close?.kind === 'rbrace') {
      s.i += 3;
      return close.end;
    }
  }
  return undefined;
}

/** A superscript: a brace group or a single character. */
function parseScript(s: State, power: boolean): Node {
  const t = s.next();
  if (t.kind === 'lbrace') {
    const inner = s.peek();
    if (power && inner?.kind === 'open' && inner.text === '(') {
      const close = s.pair[s.i];
      if (close >= 0 && s.toks[close + 1]?.kind === 'rbrace') s.fail('superscript in parentheses is an index');
    }
    if (isCmd(inner, 'prime', 'ast', 'star', 'dagger')) s.fail('transpose or prime');
    const n = parseExpr(s);
    if (s.next().kind !== 'rbrace') s.fail('unbalanced brace');
    return n;
  }
  if (t.kind === 'num') {
    if (t.end - t.start !== 1) s.fail('multi-digit superscript without braces');
    return s.mk({ k: 'num', value: t.text, decimals: 0, start: t.start, end: t.end });
  }
  if (t.kind === 'letter') return nameFrom(s, t.text, t.start, t.end, false);
  if (t.kind === 'cmd' && GREEK.has(t.text) && t.text !== 'pi') return nameFrom(s, t.text, t.start, t.end, false);
  if (t.kind === 'cmd' && t.text === 'pi') return s.mk({ k: 'const', name: 'pi', start: t.start, end: t.end });
  s.fail('unsupported superscript');
}

/**
 * A name with its optional subscript and update mark: w_1 → w1, w_{new} → w_new,
 * w_{2,\mathrm{new}} → w2_new, w_6^{+} → w6_new, \delta{_2} → delta2; `suffix` comes
 * last (`\hat{y}_1` → y1_hat).
 */
function nameFrom(s: State, base: string, start: number, end: number, allowSub = true, suffix = ''): NameNode {
  let name = base;
  // `\delta{_2}`: a subscript written inside a group typesets as one.
  if (allowSub && s.peek()?.kind === 'lbrace' && isChar(s.peek(1), '_')) {
    const close = s.pair[s.i];
    if (close > s.i + 2) {
      const save = s.i;
      s.i += 2;
      const sub = subscriptText(s);
      if (s.i === close) {
        s.i = close + 1;
        name += subscriptName(s, sub);
        end = s.toks[close].end;
      } else s.i = save;
    }
  }
  if (allowSub && isChar(s.peek(), '_')) {
    s.next();
    const sub = subscriptText(s);
    end = s.toks[s.i - 1].end;
    name += subscriptName(s, sub);
  }
  if (allowSub && isChar(s.peek(), '^')) {
    const u = s.peek(1);
    if (isChar(u, '+')) {
      s.i += 2;
      name += '_new';
      end = u!.end;
    } else if (u?.kind === 'lbrace') {
      const close = s.pair[s.i + 1];
      if (close > 0 && close < s.limit && UPDATE_SUPERSCRIPTS.has(s.src.slice(u.end, s.toks[close].start).replace(/\s+/g, ''))) {
        s.i = close + 1;
        name += '_new';
        end = s.toks[close].end;
      }
    }
  }
  name += suffix;
  s.addName(name);
  const nx = s.peek();
  if (nx && nx.kind === 'open') s.nameBeforeBracket = true;
  return s.mk({ k: 'name', name, start, end });
}

/** How a subscript joins its name: digits directly (w1), words with `_` (w_new), `2,new` → 2_new. */
function subscriptName(s: State, sub: string): string {
  if (/^\d+$/.test(sub)) return sub;
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(sub)) return '_' + sub;
  if (HAN_CHAR.test(sub) && /^[A-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff]+$/.test(sub)) return '_' + spellHan(sub);
  const m = /^(\d+),([A-Za-z][A-Za-z0-9]*)$/.exec(sub);
  if (!m) s.fail('subscript is not a simple name');
  return m[1] + '_' + m[2];
}

/** The text of a simple subscript, or fails. */
function subscriptText(s: State): string {
  const t = s.next();
  if (t.kind === 'num') {
    if (t.decimals || t.end - t.start !== 1) s.fail('subscript is not a simple name');
    return t.text;
  }
  if (t.kind === 'letter') return t.text;
  if (t.kind === 'cmd' && TEXT_COMMANDS.has(t.text)) {
    // `y_\text{out}`, `y_\text{输出}`: a subscript word without braces around it.
    const w = rawGroup(s).text.trim();
    if (!/^[A-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff]+$/.test(w)) s.fail('subscript is not a simple name');
    return w;
  }
  if (t.kind !== 'lbrace') s.fail('subscript is not a simple name');
  let out = '';
  for (;;) {
    const u = s.next();
    if (u.kind === 'rbrace') return out;
    if (u.kind === 'num' && !u.decimals && /^\d+$/.test(s.src.slice(u.start, u.end))) out += u.text;
    else if (u.kind === 'letter') out += u.text;
    else if (u.kind === 'char' && (u.text === ',' || HAN_CHAR.test(u.text))) out += u.text;
    else if (u.kind === 'cmd' && TEXT_COMMANDS.has(u.text)) {
      const w = rawGroup(s).text.trim();
      if (!/^[A-Za-z0-9\u3400-\u4dbf\u4e00-\u9fff]+$/.test(w)) s.fail('subscript is not a simple name');
      out += w;
    } else s.fail('subscript is not a simple name');
  }
}

/** Raw source of a `{...}` argument (for text-mode content), and where it starts. */
function rawGroup(s: State): { text: string; start: number } {
  const t = s.next();
  if (t.kind !== 'lbrace') s.fail('missing argument');
  const close = s.pair[s.i - 1];
  if (close < 0 || close >= s.limit) s.fail('unbalanced brace');
  const text = s.src.slice(t.end, s.toks[close].start);
  s.i = close + 1;
  return { text, start: t.end };
}

/** A brace group `{...}` or, LaTeX-style, a single token as an argument. */
function parseArg(s: State): Node {
  const t = s.peek();
  if (t?.kind === 'lbrace') {
    s.next();
    const n = parseExpr(s);
    if (s.next().kind !== 'rbrace') s.fail('unbalanced brace');
    return n;
  }
  if (t?.kind === 'num' && t.end - t.start === 1) {
    s.next();
    return s.mk({ k: 'num', value: t.text, decimals: 0, start: t.start, end: t.end });
  }
  if (t?.kind === 'letter') {
    s.next();
    return nameFrom(s, t.text, t.start, t.end, false);
  }
  s.fail('argument without braces');
}

/** Bracketed content: `( … )`, `[ … ]`, `|…|` (from `\left|`), a list `(a, b)`. */
function parseBracket(s: State, open: Tok): Node {
  if (open.text === '|') {
    s.absDepth++;
    const n = parseExpr(s);
    s.absDepth--;
    const c = s.next();
    if (c.kind !== 'close' || c.text !== '|') s.fail('unbalanced |');
    return s.mk({ k: 'abs', arg: n, start: open.start, end: c.end });
  }
  if (open.text === '‖') {
    const n = parseExpr(s);
    const c = s.next();
    if (c.kind !== 'close' || c.text !== '‖') s.fail('unbalanced ‖');
    return s.mk({ k: 'norm', arg: n, start: open.start, end: c.end });
  }
  const closeText: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  if (!closeText[open.text]) s.fail(`unsupported bracket ${open.text}`);
  const items = [parseExpr(s)];
  while (isChar(s.peek(), ',')) {
    s.next();
    items.push(parseExpr(s));
  }
  const c = s.next();
  if (c.kind !== 'close' || c.text !== closeText[open.text]) s.fail('unbalanced bracket');
  if (open.text === '{' && items.length === 1) s.fail('braces \\{ \\} (a set)');
  if (items.length > 1) return s.mk({ k: 'tuple', bracket: open.text, items, start: open.start, end: c.end });
  return s.mk({ k: 'paren', arg: items[0], start: open.start, end: c.end });
}

/** Function arguments after a function name. */
function parseCallArgs(s: State, fn: string, entry: FunctionEntry): Node[] {
  const t = s.peek();
  const multi = !!entry.variadic;
  if (t?.kind === 'open' && (t.text === '(' || t.text === '[' || (multi && t.text === '{'))) {
    s.next();
    const close: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
    const args = [parseExpr(s)];
    while (multi && isChar(s.peek(), ',')) {
      s.next();
      args.push(parseExpr(s));
    }
    const c = s.next();
    if (c.kind !== 'close' || c.text !== close[t.text]) s.fail(isChar(c, ',') ? 'comma in function argument' : 'unbalanced bracket');
    return args;
  }
  if (t?.kind === 'lbrace' && !multi) return [parseArg(s)];
  if (multi) s.fail(`\\${fn} without brackets`);
  // `\ln 2`: a single number or name only, and nothing glued after it.
  let arg: Node;
  const a = s.next();
  if (a.kind === 'num') arg = num(s, a);
  else if (a.kind === 'letter') arg = nameFrom(s, a.text, a.start, a.end);
  else if (a.kind === 'cmd' && GREEK.has(a.text) && a.text !== 'sigma' && a.text !== 'pi') arg = nameFrom(s, a.text, a.start, a.end);
  else s.fail('function argument without brackets');
  const nx = s.peek();
  if (startsFactor(s, nx) || isChar(nx, '^', '_', '!') || isCmd(nx, '%')) s.fail('function argument without brackets is ambiguous');
  return [arg];
}

/** A function whose name has been read: optional ^power, optional log base, arguments. */
function parseFunction(s: State, entry: FunctionEntry, start: number): Node {
  let power: Node | undefined;
  let fn = entry.fn;
  if (isChar(s.peek(), '_')) {
    if (fn !== 'log') s.fail('subscript on a function');
    s.next();
    const base = subscriptText(s);
    fn = LOG_BASES[base] ?? s.fail('logarithm base');
  }
  if (isChar(s.peek(), '^')) {
    if (!entry.power) s.fail('power of a function');
    s.next();
    const p = parseScript(s, true);
    // tanh^2(x) is a square; tanh^{-1} would be an inverse.
    if (p.k !== 'num' || !/^\d+$/.test(p.value)) s.fail('power of a function');
    power = p;
  }
  // `\tanh'(x)`: a named function's derivative, a prime node like `f'(x)` (read by the derivative checks).
  const primes = power ? undefined : primesAt(s);
  if (primes && isOpen(s.peek(primes.used), '(')) {
    const base = s.mk({ k: 'name', name: fn, start, end: s.toks[s.i - 1].end });
    s.i += primes.used;
    const primeArgs = parseCallArgs(s, fn, entry);
    return s.mk({ k: 'prime', base, order: primes.order, args: primeArgs, start, end: s.toks[s.i - 1].end });
  }
  const args = parseCallArgs(s, fn, entry);
  const call: Node = s.mk({ k: 'call', fn, args, start, end: s.toks[s.i - 1].end });
  return power ? s.mk({ k: 'pow', base: call, exp: power, start, end: call.end }) : call;
}

export function parsePrimary(s: State): Node {
  s.enter();
  const n = primary(s);
  s.leave();
  return n;
}

function primary(s: State): Node {
  const t = s.next();
  switch (t.kind) {
    case 'num':
      return num(s, t);
    case 'letter': {
      // `net_{h1}`, `out`, `target`: letters written side by side make one name.
      let k = 0;
      while (s.peek(k)?.kind === 'letter' && s.peek(k)!.tight) k++;
      if (k + 1 >= WORD_NAME_LENGTH) {
        const word = t.text + s.toks.slice(s.i, s.i + k).map((x) => x.text).join('');
        s.i += k;
        const entry = FUNCTION_WORDS[word.toLowerCase()];
        // `exp(…)`, `max(…)` without a backslash, when a bracket follows.
        if (entry && isOpen(s.peek(), '(')) return parseFunction(s, entry, t.start);
        return nameFrom(s, word, t.start, s.toks[s.i - 1].end);
      }
      if (t.text === 'e' && isChar(s.peek(), '^')) {
        s.next();
        const arg = parseScript(s, true);
        return s.mk({ k: 'call', fn: 'exp', args: [arg], start: t.start, end: s.toks[s.i - 1].end });
      }
      return nameFrom(s, t.text, t.start, t.end);
    }
    case 'lbrace': {
      const n = parseExpr(s);
      const c = s.next();
      if (c.kind !== 'rbrace') s.fail('unbalanced brace');
      return n;
    }
    case 'open':
      return parseBracket(s, t);
    case 'char':
      if (t.text === '|' && s.absDepth === 0) {
        s.absDepth++;
        const n = parseExpr(s);
        s.absDepth--;
        const c = s.next();
        if (!isChar(c, '|')) s.fail('unbalanced |');
        return s.mk({ k: 'abs', arg: n, start: t.start, end: c.end });
      }
      if (t.text === '‖' && s.normDepth === 0) {
        s.normDepth++;
        const n = parseExpr(s);
        s.normDepth--;
        const c = s.next();
        if (!isChar(c, '‖')) s.fail('unbalanced ‖');
        return s.mk({ k: 'norm', arg: n, start: t.start, end: c.end });
      }
      return describeFail(s, t);
    case 'cmd':
      return parseCommand(s, t);
    default:
      return describeFail(s, t);
  }
}

function parseCommand(s: State, t: Tok): Node {
  const c = t.text;
  if (FRACTION_COMMANDS.has(c)) return parseFraction(s, t);
  if (c === 'sqrt') {
    if (isOpen(s.peek(), '[')) {
      s.next();
      const n = parseExpr(s);
      const cl = s.next();
      if (cl.kind !== 'close' || cl.text !== ']') s.fail('unbalanced bracket');
      const arg = parseArg(s);
      return s.mk({ k: 'call', fn: 'nthRoot', args: [arg, n], start: t.start, end: s.toks[s.i - 1].end });
    }
    const arg = parseArg(s);
    return s.mk({ k: 'call', fn: 'sqrt', args: [arg], start: t.start, end: s.toks[s.i - 1].end });
  }
  if (c === 'sigma') return parseSigma(s, t);
  if (c === 'pi') return s.mk({ k: 'const', name: 'pi', start: t.start, end: t.end });
  if (GREEK.has(c)) return nameFrom(s, c, t.start, t.end);
  if (FUNCTION_COMMANDS[c]) return parseFunction(s, FUNCTION_COMMANDS[c], t.start);
  if (STYLE_COMMANDS.has(c)) return parseArg(s);
  if (COLOR_COMMANDS[c] === 'wrap') {
    rawGroup(s);
    return parseArg(s);
  }
  if (COLOR_COMMANDS[c] === 'prefix') {
    rawGroup(s);
    return parsePrimary(s);
  }
  if (TEXT_COMMANDS.has(c)) return parseWord(s, c);
  if (ACCENT_COMMANDS[c]) return parseAccent(s, t, ACCENT_COMMANDS[c]);
  if (c === 'partial') return s.mk({ k: 'partial', start: t.start, end: t.end });
  if (c === 'nabla') return parseNabla(s, t);
  if (c === 'begin') return parseEnvironment(s, t);
  if (THIN_SPACES.has(c)) return s.fail('spacing');
  return describeFail(s, t);
}

/** `\hat{y}`, `\bar{x}_1`, `\hat y`: an accented letter is a name of its own (`y_hat`, `x1_bar`). */
function parseAccent(s: State, t: Tok, accent: string): Node {
  let u = s.next();
  let braced = false;
  if (u.kind === 'lbrace') {
    braced = true;
    u = s.next();
  }
  const letter = u.kind === 'letter' || (u.kind === 'cmd' && GREEK.has(u.text) && u.text !== 'pi');
  if (!letter) s.fail(`\\${t.text} over an expression`);
  if (braced && s.next().kind !== 'rbrace') s.fail(`\\${t.text} over an expression`);
  return nameFrom(s, u.text, t.start, s.toks[s.i - 1].end, true, '_' + accent);
}

/** σ(x) is the logistic function and σ'(x) its derivative, as in the course notes. */
function parseSigma(s: State, t: Tok): Node {
  const p = s.peek();
  const entry: FunctionEntry = { fn: 'sigmoid' };
  if (isOpen(p, '(')) {
    const args = parseCallArgs(s, 'sigmoid', entry);
    return s.mk({ k: 'call', fn: 'sigmoid', args, start: t.start, end: s.toks[s.i - 1].end });
  }
  const primes = primesAt(s);
  if (primes && primes.order === 1 && isOpen(s.peek(primes.used), '(')) {
    s.i += primes.used;
    const args = parseCallArgs(s, 'dsigmoid', entry);
    return s.mk({ k: 'call', fn: 'dsigmoid', args, start: t.start, end: s.toks[s.i - 1].end });
  }
  return nameFrom(s, 'sigma', t.start, t.end);
}

/** `\nabla L`, `\nabla_{w} L`, `\nabla_w`. */
function parseNabla(s: State, t: Tok): Node {
  let sub: Node | undefined;
  if (isChar(s.peek(), '_')) {
    s.next();
    sub = parseArg(s);
  }
  const arg = startsFactor(s, s.peek()) ? parseFactor(s) : undefined;
  return s.mk({ k: 'nabla', sub, arg, start: t.start, end: s.toks[s.i - 1].end });
}

/** The `d` of Leibniz notation at the state's position: `d`, `\mathrm{d}`, `\text{d}`, `\partial`. Returns tokens used. */
function differentialAt(s: State): { partial: boolean; used: number } | undefined {
  const t = s.peek();
  if (t?.kind === 'letter' && t.text === 'd') return { partial: false, used: 1 };
  if (isCmd(t, 'partial')) return { partial: true, used: 1 };
  if (t?.kind === 'cmd' && (t.text === 'mathrm' || t.text === 'text' || t.text === 'operatorname') && s.peek(1)?.kind === 'lbrace') {
    const d = s.peek(2);
    if (d?.kind === 'letter' && d.text === 'd' && s.peek(3)?.kind === 'rbrace') return { partial: false, used: 4 };
  }
  return undefined;
}

/** An order `^2` / `^{2}` at the state's position, consumed; 1 when none. */
function orderAt(s: State): number {
  if (!isChar(s.peek(), '^')) return 1;
  const a = s.peek(1);
  if (a?.kind === 'num' && a.end - a.start === 1) {
    s.i += 2;
    return Number(a.text);
  }
  if (a?.kind === 'lbrace' && s.peek(2)?.kind === 'num' && !s.peek(2)!.decimals && s.peek(3)?.kind === 'rbrace') {
    const n = Number(s.peek(2)!.text);
    s.i += 4;
    return n;
  }
  s.fail('derivative order');
}

/** A name in a derivative's denominator: a letter or Greek letter with its subscript. */
function derivName(s: State): NameNode | undefined {
  // `\partial{x}`: the name in braces.
  if (s.peek()?.kind === 'lbrace' && s.pair[s.i] === s.i + 2) {
    const save = s.i;
    s.i++;
    const n = derivName(s);
    if (n && s.peek()?.kind === 'rbrace') {
      s.i++;
      return n;
    }
    s.i = save;
    return undefined;
  }
  const t = s.peek();
  if (t?.kind === 'letter') {
    s.next();
    return nameFrom(s, t.text, t.start, t.end);
  }
  if (t?.kind === 'cmd' && GREEK.has(t.text) && t.text !== 'pi') {
    s.next();
    return nameFrom(s, t.text, t.start, t.end);
  }
  // `\partial \hat{y}`: an accented name, as everywhere else (`y_hat`).
  if (t?.kind === 'cmd' && ACCENT_COMMANDS[t.text]) {
    s.next();
    const n = parseAccent(s, t, ACCENT_COMMANDS[t.text]);
    return n.k === 'name' ? n : undefined;
  }
  return undefined;
}

/**
 * `\frac{d…}{d…}` is Leibniz notation when the numerator is a differential (with an
 * optional function after it) and the denominator nothing but differentials of names.
 */
function tryDerivative(s: State, t: Tok, numOpen: number, numClose: number, denOpen: number, denClose: number): Node | undefined {
  const n = s.slice(numOpen + 1, numClose);
  const dn = differentialAt(n);
  if (!dn) return undefined;
  n.i += dn.used;
  const d = s.slice(denOpen + 1, denClose);
  const wrt: DerivVariable[] = [];
  try {
    while (!d.atEnd()) {
      const dd = differentialAt(d);
      if (!dd || dd.partial !== dn.partial) return undefined;
      d.i += dd.used;
      const name = derivName(d);
      if (!name) return undefined;
      wrt.push({ name, order: orderAt(d) });
    }
  } catch (e) {
    if (e instanceof Skip) return undefined;
    throw e;
  }
  if (!wrt.length) return undefined;
  let order: number;
  let of: Node | undefined;
  try {
    order = orderAt(n);
    // `\partial{}`: an empty group is the operator form.
    if (n.peek()?.kind === 'lbrace' && n.pair[n.i] === n.i + 1) n.i += 2;
    of = n.atEnd() ? undefined : parseAll(n);
  } catch (e) {
    if (e instanceof Skip && e.message !== TOO_DEEP && e.message !== TOO_LONG) return undefined;
    throw e;
  }
  const quantity = of?.k === 'name' && order === 1 && wrt.length === 1 && wrt[0].order === 1 ? `d${of.name}_d${wrt[0].name.name}` : undefined;
  if (quantity) s.addName(quantity);
  s.i = denClose + 1;
  let arg: Node | undefined;
  if (!of && startsFactor(s, s.peek())) arg = parseFactor(s);
  return s.mk({ k: 'deriv', partial: dn.partial, order, of, wrt, arg, quantity, start: t.start, end: s.toks[s.i - 1].end });
}

function parseFraction(s: State, t: Tok): Node {
  const a0 = s.peek();
  if (a0?.kind === 'lbrace') {
    const numClose = s.pair[s.i];
    const b0 = numClose >= 0 ? s.toks[numClose + 1] : undefined;
    if (b0?.kind === 'lbrace' && numClose + 1 < s.limit) {
      const denClose = s.pair[numClose + 1];
      if (denClose >= 0 && denClose < s.limit) {
        const deriv = tryDerivative(s, t, s.i, numClose, numClose + 1, denClose);
        if (deriv) return deriv;
      }
    }
  }
  const aArg = parseArg(s);
  const aEnd = s.toks[s.i - 1];
  const bStart = s.peek();
  const bArg = parseArg(s);
  const bEnd = s.toks[s.i - 1];
  const a = s.mk({ k: 'paren', arg: aArg, start: a0?.start ?? aArg.start, end: aEnd.end });
  const b = s.mk({ k: 'paren', arg: bArg, start: bStart?.start ?? bArg.start, end: bEnd.end });
  return s.mk({ k: 'bin', op: '/', shown: '/', a, b, implicit: false, start: t.start, end: bEnd.end });
}

/** `\text{…}`, `\operatorname{…}`, `\mathrm{…}`: a number, a function word or a name. */
function parseWord(s: State, cmd: string): Node {
  const open = s.peek();
  if (open?.kind !== 'lbrace') s.fail(`\\${cmd} without braces`);
  const save = s.i;
  const { text: raw } = rawGroup(s);
  const groupEnd = s.toks[s.i - 1].end;
  const word = raw.trim();
  const numMatch = /^(\d+)(?:\.(\d+))?$/.exec(word);
  if (numMatch) {
    const start = open.end + raw.indexOf(word);
    return s.mk({ k: 'num', value: word, decimals: numMatch[2]?.length ?? 0, start, end: start + word.length });
  }
  // `\text{ if }`: spaces around a word mark prose, not a name.
  if (/^[A-Za-z]+$/.test(word) && (raw === word || cmd === 'operatorname')) {
    const entry = FUNCTION_WORDS[word.toLowerCase()];
    if (entry) return parseFunction(s, entry, open.start);
    if (word === 'e' && isChar(s.peek(), '^')) {
      s.next();
      const arg = parseScript(s, true);
      return s.mk({ k: 'call', fn: 'exp', args: [arg], start: open.start, end: s.toks[s.i - 1].end });
    }
    if (TEXT_NAME_COMMANDS.has(cmd)) return nameFrom(s, word, open.start, groupEnd);
    s.fail(`unknown function ${word}`);
  }
  // \mathrm around ordinary math (`\mathrm{0.5 + x}`) is only styling.
  if (cmd === 'mathrm' || cmd === 'rm') {
    s.i = save;
    return parseArg(s);
  }
  s.fail(`\\${cmd}{…} with prose`);
}

/** Reads `{name}` after `\begin` / `\end` without moving; returns the name and the index after it. */
function envName(s: State, at: number): { name: string; next: number } | undefined {
  if (s.toks[at]?.kind !== 'lbrace') return undefined;
  const close = s.pair[at];
  if (close < 0 || close >= s.limit) return undefined;
  return { name: s.src.slice(s.toks[at].end, s.toks[close].start).replace(/\s+/g, ''), next: close + 1 };
}

/** The cells of an environment's body, split at top-level `&` and row breaks: token ranges per row. */
function cellsOf(s: State, from: number, to: number): { from: number; to: number }[][] {
  const rows: { from: number; to: number }[][] = [];
  let row: { from: number; to: number }[] = [];
  let cellStart = from;
  for (let j = from; j < to; j++) {
    const t = s.toks[j];
    if ((t.kind === 'open' || t.kind === 'lbrace') && s.pair[j] > j && s.pair[j] < to) {
      j = s.pair[j];
      continue;
    }
    if (t.kind === 'cmd' && t.text === 'begin') {
      const end = matchingEnd(s, j, to);
      if (end < 0) s.fail('unbalanced environment');
      j = end;
      continue;
    }
    if (t.kind === 'char' && t.text === '&') {
      row.push({ from: cellStart, to: j });
      cellStart = j + 1;
    } else if (t.kind === 'cmd' && ROW_BREAKS.has(t.text)) {
      row.push({ from: cellStart, to: j });
      rows.push(row);
      row = [];
      cellStart = j + 1;
    }
  }
  row.push({ from: cellStart, to });
  rows.push(row);
  // A trailing `\\` leaves an empty last row.
  return rows.filter((r) => r.some((c) => c.to > c.from));
}

/** Index of the `\end` closing the `\begin` at `at` (searching below `to`), or -1. */
function matchingEnd(s: State, at: number, to: number): number {
  let depth = 0;
  for (let j = at; j < to; j++) {
    const t = s.toks[j];
    if (t.kind === 'cmd' && t.text === 'begin') depth++;
    else if (t.kind === 'cmd' && t.text === 'end' && --depth === 0) return j;
  }
  return -1;
}

/** `\begin{bmatrix}…\end{bmatrix}`, `\begin{cases}…\end{cases}`. */
function parseEnvironment(s: State, t: Tok): Node {
  const at = s.i - 1;
  const env = envName(s, s.i);
  if (!env) s.fail('matrix or environment');
  const end = matchingEnd(s, at, s.limit);
  if (end < 0) s.fail('unbalanced environment');
  const endName = envName(s, end + 1);
  if (!endName || endName.name !== env.name) s.fail('unbalanced environment');
  const isMatrix = MATRIX_ENVIRONMENTS[env.name] !== undefined;
  const isCases = CASES_ENVIRONMENTS.has(env.name);
  if (!isMatrix && !isCases) s.fail('matrix or environment');
  const rows = cellsOf(s, env.next, end);
  const close = s.toks[endName.next - 1];
  const cell = (c: { from: number; to: number }): Node => {
    // `1, & x \ge 0`: a comma before the condition is punctuation.
    const to = isCases && isChar(s.toks[c.to - 1], ',') ? c.to - 1 : c.to;
    if (to <= c.from) s.fail('empty matrix cell');
    const sub = s.slice(c.from, to);
    const n = parseAll(sub);
    for (const name of sub.names) s.addName(name);
    return n;
  };
  let node: Node;
  if (isMatrix) {
    const width = rows[0]?.length ?? 0;
    if (!width || rows.some((r) => r.length !== width)) s.fail('matrix rows of different lengths');
    node = s.mk({ k: 'matrix', env: env.name, rows: rows.map((r) => r.map(cell)), start: t.start, end: close.end });
  } else {
    const branches: CaseBranch[] = rows.map((r) => {
      if (r.length > 2) s.fail('cases row with more than two cells');
      const value = cell(r[0]);
      const condition = r[1] && r[1].to > r[1].from ? conditionOf(s, r[1].from, r[1].to) : undefined;
      const last = s.toks[(r[1] && r[1].to > r[1].from ? r[1].to : r[0].to) - 1];
      return { value, condition, start: s.toks[r[0].from].start, end: last.end };
    });
    node = s.mk({ k: 'cases', branches, start: t.start, end: close.end });
  }
  s.i = endName.next;
  return node;
}

const OTHERWISE = /^(?:\\text\{)?\s*(?:otherwise|else|其他|否则|其它)\s*\}?[.,]?$/;

/** A `cases` condition: one relation between two parsable sides when it is one, else just its text. */
function conditionOf(s: State, from: number, to: number): Condition {
  const start = s.toks[from].start;
  const end = s.toks[to - 1].end;
  const latex = s.src.slice(start, end).trim();
  if (OTHERWISE.test(latex)) return { latex, otherwise: true, start, end };
  // Leading `\text{if}` / `if` / `,` is connective text.
  let j = from;
  for (;;) {
    const u = s.toks[j];
    if (j < to && u.kind === 'char' && u.text === ',') j++;
    else if (j < to && u.kind === 'cmd' && TEXT_COMMANDS.has(u.text) && s.toks[j + 1]?.kind === 'lbrace' && /^\s*(if|when|for)?\s*$/.test(s.src.slice(s.toks[j + 1].end, s.toks[s.pair[j + 1]]?.start ?? 0))) j = s.pair[j + 1] + 1;
    else break;
  }
  let rel = -1;
  let depth = 0;
  for (let k = j; k < to; k++) {
    const u = s.toks[k];
    if (u.kind === 'open' || u.kind === 'lbrace') depth++;
    else if (u.kind === 'close' || u.kind === 'rbrace') depth--;
    else if (depth === 0 && ((u.kind === 'char' && RELATION_CHARS[u.text]) || (u.kind === 'cmd' && RELATION_COMMANDS[u.text]))) {
      if (rel >= 0) return { latex, otherwise: false, start, end };
      rel = k;
    }
  }
  if (rel <= j || rel >= to - 1) return { latex, otherwise: false, start, end };
  try {
    const left = parseAll(s.slice(j, rel));
    const right = parseAll(s.slice(rel + 1, to));
    const r = s.toks[rel];
    const kind = r.kind === 'cmd' ? RELATION_COMMANDS[r.text] : RELATION_CHARS[r.text];
    return { latex, otherwise: false, relation: { kind, left, right }, start, end };
  } catch (e) {
    if (e instanceof Skip && e.message !== TOO_DEEP && e.message !== TOO_LONG) return { latex, otherwise: false, start, end };
    throw e;
  }
}
