// Printers of the tree: mathjs source (fully parenthesised) and a readable form for
// messages. Both are one bottom-up fold, so they are linear in the size of the tree and
// never recurse (each child is printed once, whatever the nesting).
import { fold, nodes, type Node } from './ast';
import { FUNCTION_SHOWN, readableName } from './vocabulary';

/**
 * Why a tree cannot be evaluated as one number, or undefined when it can. The parser
 * reads calculus, lists and matrices; the numeric translation does not evaluate them.
 */
export function notEvaluable(root: Node): string | undefined {
  for (const n of nodes(root)) {
    switch (n.k) {
      case 'bin':
        // `f(a, b)`: a call or a pair, not a product.
        if (n.implicit && (n.a.k === 'tuple' || n.b.k === 'tuple')) return 'comma (list or tuple)';
        break;
      case 'deriv':
        if (n.quantity) break;
        return 'derivative notation';
      case 'prime':
      case 'partial':
        return 'derivative notation';
      case 'nabla':
        return 'gradient notation';
      case 'cases':
        return 'cases (a piecewise definition)';
    }
  }
  return undefined;
}

// mathjs functions of one number that do not apply to a list: element-wise they are mapped.
const MAPPED = new Set(['exp', 'log', 'log2', 'log10', 'sqrt', 'cbrt', 'tanh', 'sinh', 'cosh', 'sin', 'cos', 'tan', 'atan']);

/**
 * mathjs source with every operation parenthesised, so precedence never differs. `sub`
 * replaces nodes. `elementwise`: one-argument functions and `e^{…}` are mapped over a
 * list argument (`\exp(z)` of a vector z), as notes mean them.
 */
export function emit(root: Node, sub?: ReadonlyMap<Node, string>, elementwise = false): string {
  return fold<string>(root, (n, kids) => {
    const o = sub?.get(n);
    if (o !== undefined) return o;
    switch (n.k) {
      case 'num':
        return n.value;
      case 'name':
        return n.name;
      case 'const':
        return n.name;
      case 'neg':
        return `(-${kids[0]})`;
      case 'bin':
        return `(${kids[0]} ${n.op} ${kids[1]})`;
      case 'pow':
        if (elementwise && n.base.k === 'const' && n.base.name === 'e') return `map(${kids[1]}, exp)`;
        return `(${kids[0]} ^ ${kids[1]})`;
      case 'call':
        if (elementwise && kids.length === 1 && MAPPED.has(n.fn)) return `map(${kids[0]}, ${n.fn})`;
        return `${n.fn}(${kids.join(', ')})`;
      case 'paren':
        return `(${kids[0]})`;
      case 'abs':
        return `abs(${kids[0]})`;
      case 'norm':
        return `norm(${kids[0]})`;
      case 'pct':
        return `(${kids[0]} / 100)`;
      case 'fact':
        return `factorial(${kids[0]})`;
      case 'tuple':
        return `[${kids.join(', ')}]`;
      case 'matrix': {
        const w = n.rows[0]?.length ?? 0;
        const rows: string[] = [];
        for (let r = 0; r < n.rows.length; r++) rows.push(`[${kids.slice(r * w, r * w + w).join(', ')}]`);
        return `[${rows.join(', ')}]`;
      }
      case 'transpose':
        return `transpose(${kids[0]})`;
      case 'deriv':
        if (n.quantity) return n.quantity;
        throw new Error('cannot emit a derivative operator');
      default:
        throw new Error(`cannot emit ${n.k}`);
    }
  });
}

const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

function prec(n: Node): number {
  if (n.k === 'bin') return PREC[n.op];
  if (n.k === 'neg') return 1.5;
  if (n.k === 'pow') return 3;
  return 4;
}

/** A readable rendering for messages and hovers: "0.5 − 0.0123", "1/(1 + e^(−0.5))". */
export function plain(root: Node): string {
  return fold<string>(root, (n, kids) => {
    const wrap = (i: number, c: Node, min: number): string => (prec(c) < min ? `(${kids[i]})` : kids[i]);
    switch (n.k) {
      case 'num':
        return n.value;
      case 'name':
        return readableName(n.name);
      case 'const':
        return n.name === 'pi' ? 'π' : 'e';
      case 'neg':
        return '−' + wrap(0, n.arg, 2);
      case 'bin': {
        const right = n.op === '-' || n.op === '/' ? prec(n) + 0.5 : prec(n);
        if (n.op === '/' && n.shown === '/') return `${wrap(0, n.a, 3)}/${wrap(1, n.b, 3)}`;
        return `${wrap(0, n.a, prec(n))} ${n.shown} ${wrap(1, n.b, right)}`;
      }
      case 'pow':
        return `${wrap(0, n.base, 4)}^${wrap(1, n.exp, 4)}`;
      case 'call':
        if (n.fn === 'exp' && n.args.length === 1) return `e^${wrap(0, n.args[0], 4)}`;
        return `${FUNCTION_SHOWN[n.fn] ?? n.fn}(${kids.join(', ')})`;
      case 'paren': {
        const inner = kids[0];
        if (n.arg.k === 'paren' && inner.startsWith('(')) return inner;
        if (n.arg.k === 'num' || n.arg.k === 'name' || n.arg.k === 'call') return inner;
        return `(${inner})`;
      }
      case 'abs':
        return `|${kids[0]}|`;
      case 'norm':
        return `‖${kids[0]}‖`;
      case 'pct':
        return `${wrap(0, n.arg, 4)}%`;
      case 'fact':
        return `${wrap(0, n.arg, 4)}!`;
      case 'tuple':
        return `[${kids.join(', ')}]`;
      case 'matrix': {
        const w = n.rows[0]?.length ?? 0;
        const rows: string[] = [];
        for (let r = 0; r < n.rows.length; r++) rows.push(`[${kids.slice(r * w, r * w + w).join(', ')}]`);
        return `[${rows.join('; ')}]`;
      }
      case 'transpose':
        return `${wrap(0, n.arg, 4)}ᵀ`;
      case 'prime':
        return `${kids[0]}${'′'.repeat(n.order)}${n.args ? `(${kids.slice(1).join(', ')})` : ''}`;
      case 'deriv': {
        const d = n.partial ? '∂' : 'd';
        const top = `${d}${n.order > 1 ? `^${n.order}` : ''}${n.of ? kids[0] : ''}`;
        const bottom = n.wrt.map((w) => `${d}${w.name.name}${w.order > 1 ? `^${w.order}` : ''}`).join(' ');
        return `${top}/${bottom}${n.arg ? ` ${kids[kids.length - 1]}` : ''}`;
      }
      case 'partial':
        return '∂';
      case 'nabla':
        return `∇${n.sub ? `_${kids[0]}` : ''}${n.arg ? ` ${kids[kids.length - 1]}` : ''}`;
      case 'cases': {
        // children(): each branch's value, then its condition's two sides when parsed.
        let i = 0;
        const parts = n.branches.map((b) => {
          const value = kids[i];
          i += b.condition?.relation ? 3 : 1;
          return b.condition ? `${value} if ${b.condition.latex}` : value;
        });
        return `{ ${parts.join('; ')} }`;
      }
    }
  });
}
