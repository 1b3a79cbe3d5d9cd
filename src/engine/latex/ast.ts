// The tree one LaTeX segment parses to (parser.ts), read by the printers (print.ts), the
// checker (compare.ts, index.ts) and the derivative checks. Every node carries the
// offsets of its source in the math span's content (`start` inclusive, `end` exclusive),
// so a message can point at what was written.
//
// Reading guide for consumers:
// - Arithmetic: num, name, const, neg, bin, pow, call, paren, abs, norm, pct, fact.
//   `bin` with `implicit: true` is juxtaposition (`2x`, `a(1 - a)`): a product.
// - Collections: tuple (`[a, b]`, `(a, b)`, `\{a, b\}`), matrix (`\begin{bmatrix}`).
// - Calculus, parsed but not evaluated by the translation: prime (`f'(x)`, `f^{'}`,
//   `f''`), deriv (`\frac{d}{dx}`, `\frac{df}{dx}`, `\frac{\partial L}{\partial w}`,
//   `\frac{d^2 y}{dx^2}`), partial (a bare `\partial`, as in `\partial L / \partial w`),
//   nabla (`\nabla_{w} L`).
// - Definitions: cases (`\begin{cases} … \end{cases}`); `functionHead` below recognises
//   the left side of a function definition `f(x) = …` / `f(x, y) = …`.

export interface Located {
  /** Offset of the first character written, in the span content. */
  readonly start: number;
  /** Offset after the last character written. */
  readonly end: number;
}

/** A number as written: `0.5`, `1{,}000` (value `1000`), `.5` (value `0.5`). */
export interface NumNode extends Located {
  readonly k: 'num';
  /** Digits as mathjs reads them, separators removed. */
  readonly value: string;
  /** Digits written after the decimal point. */
  readonly decimals: number;
}

/** A variable: `w_1`, `\eta`, `w_{new}`, `\hat{y}`. */
export interface NameNode extends Located {
  readonly k: 'name';
  /** The dl-calc name it maps to (`w1`, `eta`, `w_new`, `y_hat`): a mathjs identifier. */
  readonly name: string;
}

/** `\pi`, or `e` used as Euler's number. */
export interface ConstNode extends Located {
  readonly k: 'const';
  readonly name: 'pi' | 'e';
}

/** A leading minus: `-x`. */
export interface NegNode extends Located {
  readonly k: 'neg';
  readonly arg: Node;
}

export type BinOp = '+' | '-' | '*' | '/';

/** `a + b`, `a - b`, `a \times b`, `a / b`, `\frac{a}{b}` (op `/`, shown `/`), `2x` (implicit). */
export interface BinNode extends Located {
  readonly k: 'bin';
  readonly op: BinOp;
  /** How messages show the operator: `×`, `·`, `÷`, `/`, `−`, `+`. */
  readonly shown: string;
  readonly a: Node;
  readonly b: Node;
  /** Juxtaposition (`2x`), not a written operator. */
  readonly implicit: boolean;
}

/** `a^b`, `e^{x}` is a call to exp instead. */
export interface PowNode extends Located {
  readonly k: 'pow';
  readonly base: Node;
  readonly exp: Node;
}

/** A function: `\exp(x)`, `\ln 2`, `\sqrt{x}` (fn `sqrt`), `\sqrt[3]{x}` (fn `nthRoot`), `\sigma(x)` (fn `sigmoid`). */
export interface CallNode extends Located {
  readonly k: 'call';
  /** The mathjs function name. */
  readonly fn: string;
  readonly args: readonly Node[];
}

/** Brackets around one expression: `(a)`, `[a]`, `{a}` (a TeX group). */
export interface ParenNode extends Located {
  readonly k: 'paren';
  readonly arg: Node;
}

/** `|x|`. */
export interface AbsNode extends Located {
  readonly k: 'abs';
  readonly arg: Node;
}

/** `\|x\|`: the Euclidean norm. */
export interface NormNode extends Located {
  readonly k: 'norm';
  readonly arg: Node;
}

/** `50\%`. */
export interface PctNode extends Located {
  readonly k: 'pct';
  readonly arg: Node;
}

/** `3!`. */
export interface FactNode extends Located {
  readonly k: 'fact';
  readonly arg: Node;
}

/** A list of two or more items: `[a, b]`, `(a, b)`, `\left[ a, b \right]`. */
export interface TupleNode extends Located {
  readonly k: 'tuple';
  /** The opening bracket written: `(`, `[`, `{`, `<`. */
  readonly bracket: string;
  readonly items: readonly Node[];
}

/** `\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}`: rows of cells. */
export interface MatrixNode extends Located {
  readonly k: 'matrix';
  /** The environment: `bmatrix`, `pmatrix`, `matrix`, … */
  readonly env: string;
  readonly rows: readonly (readonly Node[])[];
}

/** `A^\top`, `A^T`, `A^{\mathsf{T}}`. */
export interface TransposeNode extends Located {
  readonly k: 'transpose';
  readonly arg: Node;
}

/**
 * A derivative written with primes: `f'(x)`, `f''(x)`, `f^{'}(x)`, `f^{\prime}`, `y'`.
 * `args` holds the bracketed arguments when written (`f'(x)` → [x]), else undefined.
 * (`\sigma'(x)` is the logistic derivative and parses to a call of `dsigmoid` instead.)
 */
export interface PrimeNode extends Located {
  readonly k: 'prime';
  /** What is differentiated: usually a name. */
  readonly base: Node;
  /** Number of primes. */
  readonly order: number;
  readonly args?: readonly Node[];
}

/** One `dx` / `\partial w_1` / `dx^2` in a derivative's denominator. */
export interface DerivVariable {
  readonly name: NameNode;
  /** The power written on it (`dx^2` → 2), 1 by default. */
  readonly order: number;
}

/**
 * Leibniz notation: `\frac{d}{dx}` (operator: `of` undefined; `arg` is what follows, if
 * anything), `\frac{df}{dx}`, `\frac{dy}{dx}`, `\frac{\partial L}{\partial w}`,
 * `\frac{d^2 y}{dx^2}`, `\frac{\partial^2 f}{\partial x \partial y}`; also `\mathrm{d}`.
 */
export interface DerivNode extends Located {
  readonly k: 'deriv';
  /** `\partial` rather than `d`. */
  readonly partial: boolean;
  /** The order written on the numerator's `d`/`\partial` (`d^2` → 2), 1 by default. */
  readonly order: number;
  /** The function differentiated (`f` in `df/dx`), or undefined for the operator `d/dx`. */
  readonly of?: Node;
  /** The variables of the denominator, in order. */
  readonly wrt: readonly DerivVariable[];
  /** For the operator form, the operand written right after it (`\frac{d}{dx}(x^2)`, `\frac{d}{dx} f(x)`). */
  readonly arg?: Node;
  /**
   * For a first derivative of a name by one name (`\frac{\partial L}{\partial w_1}`): the
   * dl-calc name a numeric chain reads it as, a quantity like any other (`dL_dw1`).
   */
  readonly quantity?: string;
}

/** A bare `\partial` (`\partial L / \partial w`): a symbol, not evaluated. */
export interface PartialNode extends Located {
  readonly k: 'partial';
}

/** `\nabla L`, `\nabla_{w} L`: a gradient. */
export interface NablaNode extends Located {
  readonly k: 'nabla';
  /** The subscript (`w` in `\nabla_w L`), when written. */
  readonly sub?: Node;
  /** What follows (`L`), when written. */
  readonly arg?: Node;
}

/** A condition in a `cases` branch: `x > 0`, `x \le 0`, `\text{otherwise}`. */
export interface Condition extends Located {
  /** The source of the condition, as written. */
  readonly latex: string;
  /** `otherwise`/`else`/`其他`: no condition. */
  readonly otherwise: boolean;
  /** When the condition is one relation between two parsable sides. */
  readonly relation?: { readonly kind: string; readonly left: Node; readonly right: Node };
}

/** One row of a `cases` environment: `value & condition`. */
export interface CaseBranch extends Located {
  readonly value: Node;
  readonly condition?: Condition;
}

/** `\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}`. */
export interface CasesNode extends Located {
  readonly k: 'cases';
  readonly branches: readonly CaseBranch[];
}

export type Node =
  | NumNode
  | NameNode
  | ConstNode
  | NegNode
  | BinNode
  | PowNode
  | CallNode
  | ParenNode
  | AbsNode
  | NormNode
  | PctNode
  | FactNode
  | TupleNode
  | MatrixNode
  | TransposeNode
  | PrimeNode
  | DerivNode
  | PartialNode
  | NablaNode
  | CasesNode;

export type NodeKind = Node['k'];

/** The direct children of a node, in source order. */
export function children(n: Node): readonly Node[] {
  switch (n.k) {
    case 'num':
    case 'name':
    case 'const':
    case 'partial':
      return [];
    case 'neg':
    case 'paren':
    case 'abs':
    case 'norm':
    case 'pct':
    case 'fact':
    case 'transpose':
      return [n.arg];
    case 'bin':
      return [n.a, n.b];
    case 'pow':
      return [n.base, n.exp];
    case 'call':
      return n.args;
    case 'tuple':
      return n.items;
    case 'matrix':
      return n.rows.flat();
    case 'prime':
      return [n.base, ...(n.args ?? [])];
    case 'deriv':
      return [...(n.of ? [n.of] : []), ...n.wrt.map((w) => w.name), ...(n.arg ? [n.arg] : [])];
    case 'nabla':
      return [...(n.sub ? [n.sub] : []), ...(n.arg ? [n.arg] : [])];
    case 'cases':
      return n.branches.flatMap((b) => [b.value, ...(b.condition?.relation ? [b.condition.relation.left, b.condition.relation.right] : [])]);
  }
}

/** Every node of a tree, parents first, without recursion (trees can be long). */
export function nodes(root: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    const c = children(n);
    for (let i = c.length - 1; i >= 0; i--) stack.push(c[i]);
  }
  return out;
}

/**
 * Folds a tree bottom-up without recursion: `f` gets each node with its children's
 * results, in `children` order. Linear in the size of the tree.
 */
export function fold<T>(root: Node, f: (n: Node, kids: readonly T[]) => T): T {
  const results = new Map<Node, T>();
  const stack: { n: Node; expanded: boolean }[] = [{ n: root, expanded: false }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const kids = children(top.n);
    if (!top.expanded) {
      top.expanded = true;
      for (let i = kids.length - 1; i >= 0; i--) if (!results.has(kids[i])) stack.push({ n: kids[i], expanded: false });
      continue;
    }
    stack.pop();
    results.set(top.n, f(top.n, kids.map((c) => results.get(c)!)));
  }
  return results.get(root)!;
}

/** Height of a tree (a leaf is 1). */
export function height(root: Node): number {
  return fold<number>(root, (_n, kids) => {
    let h = 0;
    for (const k of kids) if (k > h) h = k;
    return h + 1;
  });
}

/**
 * The left side of a function definition: `f(x)`, `g(x, y)`, `\sigma(z)` is not one (σ is
 * the logistic function). Returns the function's name and parameter names.
 */
export function functionHead(n: Node): { fn: NameNode; params: NameNode[] } | undefined {
  if (n.k !== 'bin' || !n.implicit || n.a.k !== 'name') return undefined;
  const b = n.b;
  if (b.k === 'paren' && b.arg.k === 'name') return { fn: n.a, params: [b.arg] };
  if (b.k === 'tuple' && b.bracket === '(' && b.items.every((i) => i.k === 'name')) return { fn: n.a, params: b.items as NameNode[] };
  return undefined;
}
