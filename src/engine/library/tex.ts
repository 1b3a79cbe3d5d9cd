// LaTeX helpers for the defining formulas: arguments arrive as LaTeX written by the
// engine (`z_1`, `0.5`, `-0.4`, `\hat{y}`, a pmatrix, ...) and must be bracketed where
// the formula puts them next to a sign, an exponent or a subscript.
import { numberTex } from '../format';

/** `\operatorname{conv\_out}`: names without a standard symbol. */
export function opName(name: string): string {
  return `\\operatorname{${name.replace(/_/g, '\\_')}}`;
}

/** `name\left(a, b\right)`. */
export function callOf(nameTex: string, args: readonly string[]): string {
  return `${nameTex}\\left(${args.join(', ')}\\right)`;
}

/** True when `t` is wrapped as a whole by one pair of ( ), [ ], { }, \left( \right) or one environment. */
function isEnclosed(t: string): boolean {
  const env = /^\\begin\{([a-zA-Z*]+)\}[\s\S]*\\end\{\1\}$/.exec(t);
  if (env) return t.indexOf('\\begin{') === t.lastIndexOf('\\begin{');
  let opener: string;
  if (t.startsWith('\\left(') || t.startsWith('(')) opener = '(';
  else if (t.startsWith('\\left[')) opener = '[';
  else if (t.startsWith('{')) opener = '{';
  else return false;
  const closer = opener === '(' ? ')' : opener === '[' ? ']' : '}';
  if (!t.endsWith(closer)) return false;
  // The opening bracket must close at the very end, not earlier: "(a)+(b)" is not enclosed.
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '\\' && (t[i + 1] === '{' || t[i + 1] === '}')) {
      i++;
      continue;
    }
    if (c === opener) depth++;
    else if (c === closer) {
      depth--;
      if (depth === 0 && i < t.length - 1) return false;
    }
  }
  return depth === 0;
}

const ATOMS: readonly RegExp[] = [
  /^\d+(\.\d+)?$/, // unsigned number
  /^\.\d+$/,
  /^[A-Za-z]+(_(\{[^{}]*\}|[A-Za-z0-9]))?('*)$/, // x, z_1, lr, w_{2,\mathrm{new}} (flat braces)
  /^\\[A-Za-z]+(_(\{[^{}]*\}|[A-Za-z0-9]))?$/, // \eta, \lambda_1, \infty
  /^\\[A-Za-z]+\{[^{}]*\}(_(\{[^{}]*\}|[A-Za-z0-9]))?$/, // \hat{y}, \mathrm{lr}, \mathbf{x}_1
  /^[A-Za-z]+_\{[^{}]*(\{[^{}]*\}[^{}]*)*\}$/, // w_{2,\mathrm{new}} with one level of nesting
  /^\\frac\{[^{}]*\}\{[^{}]*\}$/, // \frac{1}{2}
];

/** An argument that can stand next to a sign, a product or an exponent without brackets. */
export function isAtom(t: string): boolean {
  const s = t.trim();
  return ATOMS.some((re) => re.test(s)) || isEnclosed(s);
}

/** Brackets an argument unless it is atomic. */
export function wrap(t: string): string {
  const s = t.trim();
  return isAtom(s) ? s : `\\left(${s}\\right)`;
}

/** Base of a power: like wrap, but a superscript already present also needs brackets. */
export function powBase(t: string): string {
  const s = t.trim();
  if (isAtom(s) && !/^[^{(]*\^/.test(s)) return s;
  return `\\left(${s}\\right)`;
}

/** `x^{2}`. */
export function pow(t: string, e: string): string {
  return `${powBase(t)}^{${e}}`;
}

/** Element i of an argument: `v_{i}`, `z_{1,i}`, or `\left(...\right)_{i}`. */
export function sub(t: string, i: string): string {
  const s = t.trim();
  if (/^[A-Za-z]+$/.test(s) || /^\\[A-Za-z]+$/.test(s) || /^\\[A-Za-z]+\{[^{}]*\}$/.test(s)) return `${s}_{${i}}`;
  const plain = /^([A-Za-z]|\\[A-Za-z]+)_([A-Za-z0-9])$/.exec(s);
  if (plain) return `${plain[1]}_{${plain[2]},${i}}`;
  const braced = /^([A-Za-z]|\\[A-Za-z]+)_\{([^{}]*)\}$/.exec(s);
  if (braced) return `${braced[1]}_{${braced[2]},${i}}`;
  return `${powBase(s)}_{${i}}`;
}

/**
 * Juxtaposes factors already bracketed as needed: a thin space before a letter or a
 * command, `\cdot` before a number or a bracket (so 0.1 times 0.5 never reads 0.10.5).
 */
export function juxt(...factors: readonly string[]): string {
  let out = '';
  for (const w of factors) {
    if (out === '') out = w;
    else if (/^(\\left|\\begin|[\d.(\[{])/.test(w)) out += `\\cdot ${w}`;
    else out += `\\,${w}`;
  }
  return out;
}

/** Explicit product of already-bracketed factors, for counts like 64\cdot 3\cdot 3. */
export function times(...factors: readonly string[]): string {
  return factors.join('\\cdot ');
}

/** Product of arguments, each bracketed unless atomic. */
export function mul(...factors: readonly string[]): string {
  return juxt(...factors.map(wrap));
}

/** True when the LaTeX of an argument is exactly the literal `v` (used to drop `\cdot 1`, `+0`). */
export function isLiteral(t: string, v: string): boolean {
  return t.trim() === v;
}

/** True when the argument is written as false (or 0). */
export function isFalse(t: string): boolean {
  const s = t.replace(/\\(mathrm|text|mathtt|texttt)\{([^{}]*)\}/g, '$2').trim();
  return s === 'false' || s === '0';
}

/** A default written in the docs ("1e-5", "true", "0.01") as LaTeX. */
export function defaultTex(d: string): string {
  if (d === 'true' || d === 'false') return `\\mathrm{${d}}`;
  return /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(d) ? numberTex(d) : d;
}
