// Translates one LaTeX segment into a mathjs expression, or says why it can't. The
// rule is "exactly or not at all": any construct whose meaning is not certain (prose,
// \sum, ellipses, matrices, `a/2b`, `2\frac12`, `x^{(n)}`) makes the segment untranslatable.
import type { TexToken } from './lexer';

export type Node =
  | { k: 'num'; value: string; decimals: number; start: number; end: number }
  | { k: 'name'; name: string }
  | { k: 'const'; name: 'pi' | 'e' }
  | { k: 'neg'; arg: Node; start: number }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; shown: string; a: Node; b: Node; implicit: boolean }
  | { k: 'pow'; base: Node; exp: Node }
  | { k: 'call'; fn: string; args: Node[] }
  | { k: 'paren'; arg: Node }
  | { k: 'abs'; arg: Node }
  | { k: 'pct'; arg: Node; end: number }
  | { k: 'fact'; arg: Node };

export interface Translation {
  readonly ok: true;
  /** mathjs source, fully parenthesised. */
  readonly expression: string;
  /** Readable form for messages: "0.5 − 0.0123". */
  readonly plain: string;
  /** dl-calc names used, in order of first use. */
  readonly names: readonly string[];
  /** A name is followed by a bracket (`f(x)`): a product here, maybe a call to the writer. */
  readonly nameBeforeBracket: boolean;
  readonly ast: Node;
}

export interface Untranslatable {
  readonly ok: false;
  readonly reason: string;
}

class Skip extends Error {}

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'rho', 'varrho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi',
  'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega', 'ell',
]);

/** Function commands and words (via \operatorname, \mathrm, \text) and their mathjs names. */
const FUNC_CMD: Record<string, string> = {
  exp: 'exp', ln: 'log', log: 'log', lg: 'log10', tanh: 'tanh', sinh: 'sinh', cosh: 'cosh', sin: 'sin',
  cos: 'cos', tan: 'tan', arcsin: 'asin', arccos: 'acos', arctan: 'atan', max: 'max', min: 'min',
};
const FUNC_WORD: Record<string, string> = {
  ...FUNC_CMD, sign: 'sign', sgn: 'sign', abs: 'abs', sigmoid: 'sigmoid', relu: 'relu', softplus: 'softplus',
};
const MULTI_ARG = new Set(['max', 'min']);
/** Math-mode styling: the content is still math. */
const STYLE = new Set(['mathbf', 'boldsymbol', 'bm', 'pmb', 'mathit', 'mathsf', 'mathtt', 'mathnormal', 'boxed', 'underline', 'bold', 'Bbb']);
/** Text-mode wrappers and upright names: the content is a word or a number. */
const TEXTLIKE = new Set(['text', 'textbf', 'textrm', 'textit', 'textsf', 'texttt', 'textnormal', 'mbox', 'operatorname', 'mathrm', 'rm', 'operatornamewithlimits']);
const THIN_SPACE = new Set([',', ';', ':', '!', ' ', '>', 'thinspace', 'medspace', 'thickspace', 'negthinspace', 'negmedspace', 'negthickspace']);
const WIDE_SPACE = new Set(['quad', 'qquad', 'enspace', 'enskip', 'hspace', 'hskip', 'kern', 'mkern', 'hfill']);
const MUL_CMD: Record<string, string> = { cdot: '·', times: '×', ast: '×', div: '÷' };
const MUL_CHAR: Record<string, string> = { '*': '×', '×': '×', '·': '·', '⋅': '·', '∙': '·', '/': '/', '÷': '÷' };

type Tok = TexToken;

class Parser {
  private i = 0;
  private absDepth = 0;
  readonly names: string[] = [];
  nameBeforeBracket = false;

  constructor(
    private readonly toks: readonly Tok[],
    private readonly src: string,
  ) {}

  fail(reason: string): never {
    throw new Skip(reason);
  }

  peek(o = 0): Tok | undefined {
    return this.toks[this.i + o];
  }

  next(): Tok {
    const t = this.toks[this.i++];
    if (!t) this.fail('incomplete expression');
    return t;
  }

  isChar(t: Tok | undefined, ...cs: string[]): boolean {
    return !!t && t.kind === 'char' && cs.includes(t.text);
  }

  isCmd(t: Tok | undefined, ...cs: string[]): boolean {
    return !!t && t.kind === 'cmd' && cs.includes(t.text);
  }

  parseAll(): Node {
    const n = this.parseExpr();
    const t = this.peek();
    if (t) this.describeFail(t);
    return n;
  }

  describeFail(t: Tok): never {
    if (t.kind === 'cmd') {
      if (['sum', 'prod', 'int', 'oint', 'lim'].includes(t.text)) this.fail(`\\${t.text} is not checked`);
      if (['ldots', 'cdots', 'dots', 'vdots', 'ddots', 'dotsc', 'dotsb'].includes(t.text)) this.fail('ellipsis');
      if (t.text === 'begin') this.fail('matrix or environment');
      if (WIDE_SPACE.has(t.text)) this.fail(`\\${t.text} separates text`);
      this.fail(`unsupported \\${t.text}`);
    }
    if (t.kind === 'char' && t.text === ',') this.fail('comma (list or tuple)');
    if (t.kind === 'close' || t.kind === 'rbrace') this.fail('unbalanced bracket');
    this.fail(`unsupported '${t.text}'`);
  }

  parseExpr(): Node {
    let node: Node;
    const t = this.peek();
    if (this.isChar(t, '-', '−')) {
      this.next();
      node = { k: 'neg', arg: this.parseTerm(), start: t!.start };
    } else {
      if (this.isChar(t, '+')) this.next();
      node = this.parseTerm();
    }
    for (;;) {
      const o = this.peek();
      if (this.isChar(o, '+')) {
        this.next();
        node = { k: 'bin', op: '+', shown: '+', a: node, b: this.parseTerm(), implicit: false };
      } else if (this.isChar(o, '-', '−')) {
        this.next();
        node = { k: 'bin', op: '-', shown: '−', a: node, b: this.parseTerm(), implicit: false };
      } else if (this.isCmd(o, 'pm', 'mp') || this.isChar(o, '±')) {
        this.fail('±');
      } else return node;
    }
  }

  /** An explicit operator token, or undefined. */
  mulOp(t: Tok | undefined): string | undefined {
    if (!t) return undefined;
    if (t.kind === 'cmd' && MUL_CMD[t.text]) return MUL_CMD[t.text];
    if (t.kind === 'char' && MUL_CHAR[t.text]) return MUL_CHAR[t.text];
    return undefined;
  }

  startsFactor(t: Tok | undefined): boolean {
    if (!t) return false;
    switch (t.kind) {
      case 'num':
      case 'letter':
      case 'lbrace':
      case 'open':
        return true;
      case 'cmd':
        return !MUL_CMD[t.text] && !['pm', 'mp', '%', 'prime'].includes(t.text);
      case 'char':
        return t.text === '|' && this.absDepth === 0;
      default:
        return false;
    }
  }

  parseTerm(): Node {
    let node = this.parseFactor();
    let division = false;
    let implicit = false;
    let last = node;
    for (;;) {
      const t = this.peek();
      const op = this.mulOp(t);
      if (op) {
        this.next();
        let rhs: Node;
        const s = this.peek();
        if (this.isChar(s, '-', '−')) {
          this.next();
          rhs = { k: 'neg', arg: this.parseFactor(), start: s!.start };
        } else rhs = this.parseFactor();
        const isDiv = op === '/' || op === '÷';
        division ||= isDiv;
        node = { k: 'bin', op: isDiv ? '/' : '*', shown: op, a: node, b: rhs, implicit: false };
        last = rhs;
      } else if (this.startsFactor(t)) {
        // `2 3` typesets as 23 and `2\frac{1}{2}` as a mixed number: not a product.
        if (lastIsNumber(last) && (t!.kind === 'num' || this.isCmd(t, 'frac', 'dfrac', 'tfrac', 'cfrac'))) {
          this.fail('numbers written side by side');
        }
        const rhs = this.parseFactor();
        implicit = true;
        node = { k: 'bin', op: '*', shown: '·', a: node, b: rhs, implicit: true };
        last = rhs;
      } else break;
      if (division && implicit) this.fail('a/bc is ambiguous');
    }
    return node;
  }

  parseFactor(): Node {
    let node = this.parsePrimary();
    for (;;) {
      const t = this.peek();
      if (this.isChar(t, '^')) {
        this.next();
        node = { k: 'pow', base: node, exp: this.parseScript(true) };
        if (this.isChar(this.peek(), '^')) this.fail('double superscript');
        if (this.isChar(this.peek(), '_')) this.fail('subscript');
      } else if (this.isChar(t, '_')) {
        this.fail('subscript on an expression');
      } else if (this.isCmd(t, '%')) {
        this.next();
        node = { k: 'pct', arg: node, end: t!.end };
      } else if (this.isChar(t, '!')) {
        this.next();
        node = { k: 'fact', arg: node };
      } else if (this.isChar(t, "'", '′') || this.isCmd(t, 'prime')) {
        this.fail('derivative notation');
      } else return node;
    }
  }

  /** A superscript: a brace group or a single character. */
  parseScript(power: boolean): Node {
    const t = this.next();
    if (t.kind === 'lbrace') {
      const inner = this.peek();
      if (power && inner?.kind === 'open' && inner.text === '(') {
        const close = this.matching(this.i);
        if (this.toks[close + 1]?.kind === 'rbrace') this.fail('superscript in parentheses is an index');
      }
      if (this.isCmd(inner, 'top', 'intercal', 'prime', 'ast', 'star', 'dagger') || (inner?.kind === 'letter' && inner.text === 'T' && this.toks[this.i + 1]?.kind === 'rbrace')) {
        this.fail('transpose or prime');
      }
      const n = this.parseExpr();
      if (this.next().kind !== 'rbrace') this.fail('unbalanced brace');
      return n;
    }
    if (t.kind === 'num') {
      if (t.end - t.start !== 1) this.fail('multi-digit superscript without braces');
      return { k: 'num', value: t.text, decimals: 0, start: t.start, end: t.end };
    }
    if (t.kind === 'letter') {
      if (t.text === 'T') this.fail('transpose');
      return this.nameFrom(t.text, false);
    }
    if (t.kind === 'cmd' && GREEK.has(t.text)) return this.nameFrom(t.text, false);
    if (t.kind === 'cmd' && t.text === 'pi') return { k: 'const', name: 'pi' };
    this.fail('unsupported superscript');
  }

  /** Index of the token closing the bracket opened at `at`. */
  matching(at: number): number {
    let depth = 0;
    for (let j = at; j < this.toks.length; j++) {
      const k = this.toks[j].kind;
      if (k === 'open' || k === 'lbrace') depth++;
      else if ((k === 'close' || k === 'rbrace') && --depth === 0) return j;
    }
    return -1;
  }

  /** A name with its optional subscript: w_1 → w1, w_{new} → w_new, w_{2,\mathrm{new}} → w2_new. */
  nameFrom(base: string, allowSub = true): Node {
    let name = base;
    if (allowSub && this.isChar(this.peek(), '_')) {
      this.next();
      const sub = this.subscriptText();
      if (/^\d+$/.test(sub)) name += sub;
      else if (/^[A-Za-z][A-Za-z0-9]*$/.test(sub)) name += '_' + sub;
      else {
        const m = /^(\d+),([A-Za-z][A-Za-z0-9]*)$/.exec(sub);
        if (!m) this.fail('subscript is not a simple name');
        name += m[1] + '_' + m[2];
      }
    }
    if (!this.names.includes(name)) this.names.push(name);
    const nx = this.peek();
    if (nx && nx.kind === 'open') this.nameBeforeBracket = true;
    return { k: 'name', name };
  }

  /** The text of a simple subscript, or fails. */
  subscriptText(): string {
    const t = this.next();
    if (t.kind === 'num') {
      if (t.decimals || t.end - t.start !== 1) this.fail('subscript is not a simple name');
      return t.text;
    }
    if (t.kind === 'letter') return t.text;
    if (t.kind !== 'lbrace') this.fail('subscript is not a simple name');
    let out = '';
    for (;;) {
      const u = this.next();
      if (u.kind === 'rbrace') return out;
      if (u.kind === 'num' && !u.decimals && /^\d+$/.test(this.src.slice(u.start, u.end))) out += u.text;
      else if (u.kind === 'letter') out += u.text;
      else if (u.kind === 'char' && u.text === ',') out += ',';
      else if (u.kind === 'cmd' && TEXTLIKE.has(u.text)) {
        const w = this.rawGroup().trim();
        if (!/^[A-Za-z0-9]+$/.test(w)) this.fail('subscript is not a simple name');
        out += w;
      } else this.fail('subscript is not a simple name');
    }
  }

  /** Raw source of a `{...}` argument (for text-mode content). */
  rawGroup(): string {
    const t = this.next();
    if (t.kind !== 'lbrace') this.fail('missing argument');
    const close = this.matching(this.i - 1);
    if (close < 0) this.fail('unbalanced brace');
    const text = this.src.slice(t.end, this.toks[close].start);
    this.i = close + 1;
    return text;
  }

  /** A brace group `{...}` or, LaTeX-style, a single token as an argument. */
  parseArg(): Node {
    const t = this.peek();
    if (t?.kind === 'lbrace') {
      this.next();
      const n = this.parseExpr();
      if (this.next().kind !== 'rbrace') this.fail('unbalanced brace');
      return n;
    }
    if (t?.kind === 'num' && t.end - t.start === 1) {
      this.next();
      return { k: 'num', value: t.text, decimals: 0, start: t.start, end: t.end };
    }
    if (t?.kind === 'letter') {
      this.next();
      return this.nameFrom(t.text, false);
    }
    this.fail('argument without braces');
  }

  /** Bracketed content: `( … )` or `[ … ]`, matched by kind. */
  parseBracket(open: Tok): Node {
    const pairs: Record<string, string> = { '(': ')', '[': ']' };
    if (!pairs[open.text]) {
      if (open.text === '|') {
        this.absDepth++;
        const n = this.parseExpr();
        this.absDepth--;
        const c = this.next();
        if (c.kind !== 'close' || c.text !== '|') this.fail('unbalanced |');
        return { k: 'abs', arg: n };
      }
      this.fail(open.text === '{' ? 'braces \\{ \\} (a set)' : `unsupported bracket ${open.text}`);
    }
    const n = this.parseExpr();
    const c = this.peek();
    if (this.isChar(c, ',')) this.fail('comma (interval, list or tuple)');
    this.next();
    if (c?.kind !== 'close' || c.text !== pairs[open.text]) this.fail('unbalanced bracket');
    return { k: 'paren', arg: n };
  }

  /** Function arguments after a function name. */
  parseCallArgs(fn: string): Node[] {
    const t = this.peek();
    const multi = MULTI_ARG.has(fn);
    if (t?.kind === 'open' && (t.text === '(' || t.text === '[' || (multi && t.text === '{'))) {
      this.next();
      const close: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
      const args = [this.parseExpr()];
      while (multi && this.isChar(this.peek(), ',')) {
        this.next();
        args.push(this.parseExpr());
      }
      const c = this.next();
      if (c.kind !== 'close' || c.text !== close[t.text]) this.fail(this.isChar(c, ',') ? 'comma in function argument' : 'unbalanced bracket');
      return args;
    }
    if (t?.kind === 'lbrace' && !multi) return [this.parseArg()];
    if (multi) this.fail(`\\${fn} without brackets`);
    // `\ln 2`: a single number or name only, and nothing glued after it.
    let arg: Node;
    const a = this.next();
    if (a.kind === 'num') arg = { k: 'num', value: a.text, decimals: a.decimals ?? 0, start: a.start, end: a.end };
    else if (a.kind === 'letter') arg = this.nameFrom(a.text);
    else if (a.kind === 'cmd' && GREEK.has(a.text) && a.text !== 'sigma') arg = this.nameFrom(a.text);
    else this.fail('function argument without brackets');
    const nx = this.peek();
    if (this.startsFactor(nx) || this.isChar(nx, '^', '_', '!') || this.isCmd(nx, '%')) this.fail('function argument without brackets is ambiguous');
    return [arg];
  }

  /** A function whose name has been read: optional ^power, optional log base, arguments. */
  parseFunction(fn: string, allowPower: boolean): Node {
    let power: Node | undefined;
    let name = fn;
    if (this.isChar(this.peek(), '_')) {
      if (fn !== 'log') this.fail('subscript on a function');
      this.next();
      const base = this.subscriptText();
      name = base === '10' ? 'log10' : base === '2' ? 'log2' : base === 'e' ? 'log' : this.fail('logarithm base');
    }
    if (this.isChar(this.peek(), '^')) {
      if (!allowPower) this.fail('power of a function');
      this.next();
      const p = this.parseScript(true);
      // tanh^2(x) is a square; tanh^{-1} would be an inverse.
      if (p.k !== 'num' || !/^\d+$/.test(p.value)) this.fail('power of a function');
      power = p;
    }
    const call: Node = { k: 'call', fn: name, args: this.parseCallArgs(name) };
    return power ? { k: 'pow', base: call, exp: power } : call;
  }

  parsePrimary(): Node {
    const t = this.next();
    switch (t.kind) {
      case 'num':
        return { k: 'num', value: t.text, decimals: t.decimals ?? 0, start: t.start, end: t.end };
      case 'letter':
        if (t.text === 'e' && this.isChar(this.peek(), '^')) {
          this.next();
          return { k: 'call', fn: 'exp', args: [this.parseScript(true)] };
        }
        return this.nameFrom(t.text);
      case 'lbrace': {
        const n = this.parseExpr();
        if (this.next().kind !== 'rbrace') this.fail('unbalanced brace');
        return n;
      }
      case 'open':
        return this.parseBracket(t);
      case 'char':
        if (t.text === '|' && this.absDepth === 0) {
          this.absDepth++;
          const n = this.parseExpr();
          this.absDepth--;
          if (!this.isChar(this.next(), '|')) this.fail('unbalanced |');
          return { k: 'abs', arg: n };
        }
        return this.describeFail(t);
      case 'cmd':
        return this.parseCommand(t);
      default:
        return this.describeFail(t);
    }
  }

  parseCommand(t: Tok): Node {
    const c = t.text;
    if (c === 'frac' || c === 'dfrac' || c === 'tfrac' || c === 'cfrac') {
      const a = this.parseArg();
      const b = this.parseArg();
      return { k: 'bin', op: '/', shown: '/', a: { k: 'paren', arg: a }, b: { k: 'paren', arg: b }, implicit: false };
    }
    if (c === 'sqrt') {
      const o = this.peek();
      if (o?.kind === 'open' && o.text === '[') {
        this.next();
        const n = this.parseExpr();
        const cl = this.next();
        if (cl.kind !== 'close' || cl.text !== ']') this.fail('unbalanced bracket');
        return { k: 'call', fn: 'nthRoot', args: [this.parseArg(), n] };
      }
      return { k: 'call', fn: 'sqrt', args: [this.parseArg()] };
    }
    if (c === 'sigma') {
      // σ(x) is the logistic function and σ'(x) its derivative, as in the course notes.
      const p = this.peek();
      if (p?.kind === 'open' && p.text === '(') return { k: 'call', fn: 'sigmoid', args: this.parseCallArgs('sigmoid') };
      const primed = this.isChar(p, "'", '′') ? 1 : this.isChar(p, '^') && this.isCmd(this.peek(1), 'prime') ? 2 : this.isChar(p, '^') && this.peek(1)?.kind === 'lbrace' && this.isCmd(this.peek(2), 'prime') && this.peek(3)?.kind === 'rbrace' ? 4 : 0;
      if (primed) {
        const after = this.peek(primed);
        if (after?.kind === 'open' && after.text === '(') {
          this.i += primed;
          return { k: 'call', fn: 'dsigmoid', args: this.parseCallArgs('dsigmoid') };
        }
        this.fail('derivative notation');
      }
      return this.nameFrom('sigma');
    }
    if (GREEK.has(c)) return this.nameFrom(c);
    if (c === 'pi') return { k: 'const', name: 'pi' };
    if (FUNC_CMD[c]) return this.parseFunction(FUNC_CMD[c], !['exp', 'max', 'min'].includes(c));
    if (STYLE.has(c)) return this.parseArg();
    if (c === 'textcolor' || c === 'colorbox') {
      this.rawGroup();
      return this.parseArg();
    }
    if (c === 'color') {
      this.rawGroup();
      return this.parsePrimary();
    }
    if (TEXTLIKE.has(c)) return this.parseWord(c);
    if (THIN_SPACE.has(c)) return this.fail('spacing');
    return this.describeFail(t);
  }

  /** `\text{…}`, `\operatorname{…}`, `\mathrm{…}`: a number, a function word or a name. */
  parseWord(cmd: string): Node {
    const open = this.peek();
    if (open?.kind !== 'lbrace') this.fail(`\\${cmd} without braces`);
    const save = this.i;
    const raw = this.rawGroup();
    const word = raw.trim();
    const numMatch = /^(\d+)(?:\.(\d+))?$/.exec(word);
    if (numMatch) {
      const start = open.end + raw.indexOf(word);
      return { k: 'num', value: word, decimals: numMatch[2]?.length ?? 0, start, end: start + word.length };
    }
    // `\text{ if }`: spaces around a word mark prose, not a name.
    if (/^[A-Za-z]+$/.test(word) && (raw === word || cmd === 'operatorname')) {
      const fn = FUNC_WORD[word.toLowerCase()];
      if (fn) {
        return this.parseFunction(fn, fn !== 'max' && fn !== 'min' && fn !== 'exp');
      }
      if (word === 'e' && this.isChar(this.peek(), '^')) {
        this.next();
        return { k: 'call', fn: 'exp', args: [this.parseScript(true)] };
      }
      if (cmd === 'mathrm' || cmd === 'rm' || cmd === 'text' || cmd === 'textrm' || cmd === 'textit' || cmd === 'mbox') {
        return this.nameFrom(word);
      }
      this.fail(`unknown function ${word}`);
    }
    // \mathrm around ordinary math (`\mathrm{0.5 + x}`) is only styling.
    if (cmd === 'mathrm' || cmd === 'rm') {
      this.i = save;
      return this.parseArg();
    }
    this.fail(`\\${cmd}{…} with prose`);
  }
}

function lastIsNumber(n: Node): boolean {
  return n.k === 'num' || (n.k === 'neg' && n.arg.k === 'num') || n.k === 'pct';
}

/** Drops spacing; a wide space (\quad) may only lead or trail, never separate terms. */
function withoutSpacing(tokens: readonly TexToken[]): TexToken[] | string {
  const kept: TexToken[] = [];
  const wide: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'cmd' && THIN_SPACE.has(t.text)) continue;
    if (t.kind === 'char' && t.text === '~') continue;
    if (t.kind === 'cmd' && WIDE_SPACE.has(t.text)) {
      if (['hspace', 'hskip', 'kern', 'mkern'].includes(t.text) && tokens[i + 1]?.kind === 'lbrace') {
        while (i < tokens.length && tokens[i].kind !== 'rbrace') i++;
      }
      wide.push(kept.length);
      continue;
    }
    kept.push(t);
  }
  // `= 0.0714 \quad \text{(均方误差)}`: a trailing remark after a wide space is not math.
  const cut = wide.find((w) => w > 0 && w < kept.length && onlyText(kept.slice(w)));
  const body = cut === undefined ? kept : kept.slice(0, cut);
  if (wide.some((w) => w > 0 && w < body.length)) return 'text separated by \\quad';
  return body;
}

/** True when the tokens are nothing but `\text{…}` groups. */
function onlyText(tokens: readonly TexToken[]): boolean {
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind !== 'cmd' || !['text', 'textrm', 'mbox', 'textit'].includes(t.text) || tokens[i + 1]?.kind !== 'lbrace') return false;
    let depth = 0;
    let j = i + 1;
    for (; j < tokens.length; j++) {
      if (tokens[j].kind === 'lbrace') depth++;
      else if (tokens[j].kind === 'rbrace' && --depth === 0) break;
    }
    if (j >= tokens.length) return false;
    i = j + 1;
  }
  return true;
}

/** Translates a segment's tokens. `src` is the span content the offsets point into. */
export function translate(tokens: readonly TexToken[], src: string): Translation | Untranslatable {
  const kept = withoutSpacing(tokens);
  if (typeof kept === 'string') return { ok: false, reason: kept };
  if (!kept.length) return { ok: false, reason: 'empty' };
  for (const t of kept) {
    if (t.kind === 'char' && /[\u3000-\u9fff\uff00-\uffef]/.test(t.text)) return { ok: false, reason: 'prose in math' };
  }
  const p = new Parser(kept, src);
  try {
    const ast = p.parseAll();
    return { ok: true, ast, expression: emit(ast), plain: plain(ast), names: p.names, nameBeforeBracket: p.nameBeforeBracket };
  } catch (e) {
    if (e instanceof Skip) return { ok: false, reason: e.message };
    throw e;
  }
}

/** mathjs source with every operation parenthesised, so precedence never differs. */
export function emit(n: Node, sub?: ReadonlyMap<Node, string>): string {
  const o = sub?.get(n);
  if (o !== undefined) return o;
  const e = (c: Node): string => emit(c, sub);
  switch (n.k) {
    case 'num':
      return n.value;
    case 'name':
      return n.name;
    case 'const':
      return n.name;
    case 'neg':
      return `(-${e(n.arg)})`;
    case 'bin':
      return `(${e(n.a)} ${n.op} ${e(n.b)})`;
    case 'pow':
      return `(${e(n.base)} ^ ${e(n.exp)})`;
    case 'call':
      return `${n.fn}(${n.args.map(e).join(', ')})`;
    case 'paren':
      return `(${e(n.arg)})`;
    case 'abs':
      return `abs(${e(n.arg)})`;
    case 'pct':
      return `(${e(n.arg)} / 100)`;
    case 'fact':
      return `factorial(${e(n.arg)})`;
  }
}

/** Every node of a tree, parents first. */
export function nodes(n: Node): Node[] {
  const out: Node[] = [n];
  switch (n.k) {
    case 'neg':
    case 'paren':
    case 'abs':
    case 'pct':
    case 'fact':
      out.push(...nodes(n.arg));
      break;
    case 'bin':
      out.push(...nodes(n.a), ...nodes(n.b));
      break;
    case 'pow':
      out.push(...nodes(n.base), ...nodes(n.exp));
      break;
    case 'call':
      for (const a of n.args) out.push(...nodes(a));
      break;
  }
  return out;
}

const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

function prec(n: Node): number {
  if (n.k === 'bin') return PREC[n.op];
  if (n.k === 'neg') return 1.5;
  if (n.k === 'pow') return 3;
  return 4;
}

const FN_SHOWN: Record<string, string> = { log: 'ln', sigmoid: 'σ', dsigmoid: 'σ′', nthRoot: 'root' };

/** A readable rendering for messages and hovers: "0.5 − 0.0123", "1/(1 + e^(−0.5))". */
export function plain(n: Node): string {
  const wrap = (c: Node, min: number): string => (prec(c) < min ? `(${plain(c)})` : plain(c));
  switch (n.k) {
    case 'num':
      return n.value;
    case 'name':
      return n.name;
    case 'const':
      return n.name === 'pi' ? 'π' : 'e';
    case 'neg':
      return '−' + wrap(n.arg, 2);
    case 'bin': {
      const right = n.op === '-' || n.op === '/' ? prec(n) + 0.5 : prec(n);
      if (n.op === '/' && n.shown === '/') return `${wrap(n.a, 3)}/${wrap(n.b, 3)}`;
      return `${wrap(n.a, prec(n))} ${n.shown} ${wrap(n.b, right)}`;
    }
    case 'pow':
      return `${wrap(n.base, 4)}^${wrap(n.exp, 4)}`;
    case 'call':
      if (n.fn === 'exp' && n.args.length === 1) return `e^${wrap(n.args[0], 4)}`;
      return `${FN_SHOWN[n.fn] ?? n.fn}(${n.args.map(plain).join(', ')})`;
    case 'paren':
      return plain(n.arg).startsWith('(') && n.arg.k === 'paren' ? plain(n.arg) : n.arg.k === 'num' || n.arg.k === 'name' || n.arg.k === 'call' ? plain(n.arg) : `(${plain(n.arg)})`;
    case 'abs':
      return `|${plain(n.arg)}|`;
    case 'pct':
      return `${wrap(n.arg, 4)}%`;
    case 'fact':
      return `${wrap(n.arg, 4)}!`;
  }
}
