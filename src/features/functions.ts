// The functions a note can call, with signatures and docs for completion, signature help
// and hover: the deep-learning library (from its own metadata) and the common mathjs ones.
import { libraryFunctions } from '../engine/library';
import type { LibraryFunction } from '../engine/library';
import { texName } from '../engine/texNames';

export interface FunctionInfo {
  readonly name: string;
  readonly params: readonly { name: string; default?: string }[];
  readonly summary: string;
  /** Plain-text definition (library functions). */
  readonly definition?: string;
  /** LaTeX "call = definition" (library functions). */
  readonly tex?: string;
  readonly source: 'library' | 'mathjs';
}

const p = (...names: string[]) => names.map((n) => (n.includes('=') ? { name: n.split('=')[0], default: n.split('=')[1] } : { name: n }));

/** Common mathjs functions (the sandbox's own; see the language spec §8). */
const MATHJS: readonly (readonly [string, ReturnType<typeof p>, string])[] = [
  ['exp', p('x'), 'e raised to x, elementwise.'],
  ['log', p('x', 'base=e'), 'Natural logarithm (or to the given base), elementwise.'],
  ['log2', p('x'), 'Base-2 logarithm, elementwise.'],
  ['log10', p('x'), 'Base-10 logarithm, elementwise.'],
  ['sqrt', p('x'), 'Square root, elementwise.'],
  ['pow', p('x', 'y'), 'x to the power y (matrix power for a square matrix).'],
  ['abs', p('x'), 'Absolute value, elementwise.'],
  ['sign', p('x'), 'Sign (-1, 0 or 1), elementwise.'],
  ['floor', p('x'), 'Round down, elementwise.'],
  ['ceil', p('x'), 'Round up, elementwise.'],
  ['round', p('x', 'n=0'), 'Round to n decimals, elementwise.'],
  ['tanh', p('x'), 'Hyperbolic tangent, elementwise.'],
  ['sin', p('x'), 'Sine, elementwise.'],
  ['cos', p('x'), 'Cosine, elementwise.'],
  ['erf', p('x'), 'Gauss error function.'],
  ['sum', p('A'), 'Sum of all elements.'],
  ['mean', p('A'), 'Mean of all elements (mean(A, dim) along a dimension).'],
  ['std', p('A'), 'Standard deviation (unbiased).'],
  ['variance', p('A'), 'Variance (unbiased).'],
  ['var', p('A'), 'Variance (unbiased).'],
  ['max', p('A'), 'Largest element.'],
  ['min', p('A'), 'Smallest element.'],
  ['prod', p('A'), 'Product of all elements.'],
  ['norm', p('x', 'p=2'), 'Vector or matrix norm.'],
  ['det', p('A'), 'Determinant of a square matrix.'],
  ['inv', p('A'), 'Inverse of a square matrix.'],
  ['transpose', p('A'), "Transpose (also written A')."],
  ['diag', p('x'), 'Diagonal matrix from a vector, or the diagonal of a matrix.'],
  ['identity', p('n'), 'n×n identity matrix.'],
  ['zeros', p('m', 'n'), 'm×n matrix of zeros.'],
  ['ones', p('m', 'n'), 'm×n matrix of ones.'],
  ['size', p('A'), 'Shape of a matrix.'],
  ['reshape', p('A', 'sizes'), 'Reshape a matrix to the given sizes.'],
  ['concat', p('A', 'B', 'dim'), 'Concatenate matrices along a dimension.'],
  ['dot', p('x', 'y'), 'Dot product of two vectors.'],
  ['cross', p('x', 'y'), 'Cross product of two 3-vectors.'],
  ['multiply', p('x', 'y'), 'Matrix product (same as x * y).'],
  ['dotMultiply', p('x', 'y'), 'Elementwise product (same as x .* y).'],
  ['factorial', p('n'), 'n!'],
  ['combinations', p('n', 'k'), 'Binomial coefficient n choose k.'],
  ['derivative', p('expr', 'x'), 'Symbolic derivative: derivative("x^2", "x").'],
  ['range', p('start', 'end', 'step=1'), 'Range of numbers (end excluded).'],
];

let catalog: Map<string, FunctionInfo> | undefined;

function fromLibrary(f: LibraryFunction, name: string): FunctionInfo {
  const args = f.params.map((q) => texName(q.name));
  let tex: string | undefined;
  try {
    tex = `${f.callTex(args)} = ${f.definitionTex(args)}`;
  } catch {
    tex = undefined;
  }
  return { name, params: f.params, summary: f.summary, definition: f.definitionText, tex, source: 'library' };
}

/** All known functions by name (library names and aliases, then mathjs). */
export function functions(): Map<string, FunctionInfo> {
  if (catalog) return catalog;
  catalog = new Map();
  for (const f of libraryFunctions) {
    for (const name of [f.name, ...(f.aliases ?? [])]) catalog.set(name, fromLibrary(f, name));
  }
  for (const [name, params, summary] of MATHJS) {
    if (!catalog.has(name)) catalog.set(name, { name, params, summary, source: 'mathjs' });
  }
  return catalog;
}

export function signatureLabel(f: FunctionInfo): string {
  return `${f.name}(${f.params.map((q) => (q.default !== undefined ? `${q.name}=${q.default}` : q.name)).join(', ')})`;
}
