// Numbers that are probably not what the student meant: an infinite result (a division by
// zero, a literal past ≈ 1.8e308), NaN, or a complex result from real inputs (the square
// root or log of a negative number). Each gets a warning, unless the statement says it
// means it: it writes Infinity / NaN itself, or works with complex numbers (writes `i`,
// complex(…), or reads a value that is already complex). See docs/decisions.md.

export interface ValueWarning {
  /** A word or two for the end of the line. */
  readonly short: string;
  /** The sentence for Problems and the hover. */
  readonly message: string;
}

interface Complexish {
  re: number;
  im: number;
}

const isComplex = (v: unknown): v is Complexish =>
  typeof v === 'object' && v !== null && (v as { isComplex?: boolean }).isComplex === true;

/** Every number in a value (numbers, complex numbers, matrices and arrays of them), up to a bound. */
function* numbersIn(value: unknown, budget = { left: 100_000 }): Generator<number | Complexish> {
  if (budget.left-- <= 0) return;
  if (typeof value === 'number' || isComplex(value)) yield value;
  else if (Array.isArray(value)) for (const v of value) yield* numbersIn(v, budget);
  else if (typeof value === 'object' && value !== null && typeof (value as { toArray?: unknown }).toArray === 'function' && (value as { isMatrix?: boolean }).isMatrix) {
    yield* numbersIn((value as { toArray(): unknown }).toArray(), budget);
  }
}

const writes = (text: string, name: RegExp) => name.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));

/** The warning for a statement's value, or undefined. `text` is the statement; `inputs` the values it read. */
export function valueWarning(value: unknown, text: string, inputs: readonly unknown[]): ValueWarning | undefined {
  let infinite = false;
  let nan = false;
  let complex = false;
  for (const n of numbersIn(value)) {
    if (typeof n === 'number') {
      if (Number.isNaN(n)) nan = true;
      else if (!Number.isFinite(n)) infinite = true;
    } else {
      if (n.im !== 0) complex = true;
      if (!Number.isFinite(n.re) || !Number.isFinite(n.im)) infinite = true;
    }
  }
  if (complex) {
    const meant = writes(text, /(?<![\p{L}_])(i|complex|Complex)(?![\p{L}\p{N}_])/u) || inputs.some((v) => [...numbersIn(v)].some((n) => isComplex(n)));
    if (!meant) return { short: 'complex', message: 'complex result (the square root or logarithm of a negative number?): write i or complex(…) in the statement if complex numbers are meant' };
  }
  if (nan && !writes(text, /(?<![\p{L}\p{N}_])NaN(?![\p{L}\p{N}_])/u)) return { short: 'not a number', message: 'NaN (not a number): 0/0, Infinity − Infinity or similar' };
  if (infinite && !writes(text, /(?<![\p{L}\p{N}_])(Infinity|inf)(?![\p{L}\p{N}_])/u) && !inputs.some((v) => [...numbersIn(v)].some((n) => typeof n === 'number' && !Number.isFinite(n) && !Number.isNaN(n)))) {
    if (/(?<![\p{L}\p{N}_.])\d+(?:\.\d*)?[eE][+]?\d{3,}/u.test(text) && /[eE][+]?(?:3(?:0[89]|[1-9]\d)|[4-9]\d\d|\d{4,})/.test(text)) {
      return { short: 'too large', message: 'Infinity: a number past the largest one there is (≈ 1.8e308)' };
    }
    return { short: 'infinite', message: 'Infinity: a division by zero, or a number past ≈ 1.8e308' };
  }
  return undefined;
}
