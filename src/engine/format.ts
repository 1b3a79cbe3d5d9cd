// Formats values as the spec's section 5 says: significant digits with trailing zeros
// trimmed, exact grouped integers with a scale hint, matrices with their shape.
import type { MathJsInstance } from 'mathjs';
import type { ValueView } from './types';

export interface FormatOptions {
  readonly precision: number;
  readonly grouping: boolean;
  readonly scaleHints: boolean;
}

/** Rows and columns shown at the end of a line before eliding. */
const SHORT_LIMIT = 6;
/** "Whole" matrices in hovers and the preview still stop somewhere: a 3000×3000 matrix is data, not a value to read. */
const FULL_LIMIT = 100;
/** Levels of nested objects and arrays shown before `…`. */
const MAX_DEPTH = 12;
/** Characters of a string value shown. */
const MAX_STRING_SHOWN = 10_000;
/** Rows and columns typeset in LaTeX. */
const TEX_LIMIT = 12;

/** [from, divisor, suffix]: thousands get a hint only from 10,000 up, where digits blur. */
const SCALES: [number, number, string][] = [
  [1e12, 1e12, 'T'],
  [1e9, 1e9, 'B'],
  [1e6, 1e6, 'M'],
  [1e4, 1e3, 'k'],
];

export function formatNumber(x: number, options: FormatOptions): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(x, -0)) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) {
    const digits = Math.abs(x).toString();
    const grouped = options.grouping ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : digits;
    return (x < 0 ? '-' : '') + grouped;
  }
  return toPrecision(x, options.precision);
}

/** `precision` significant digits, trailing zeros trimmed; exponent form when tiny or wider than the digits. */
function toPrecision(x: number, precision: number): string {
  const abs = Math.abs(x);
  const plain = x.toPrecision(precision);
  if (abs < 1e-4 || plain.includes('e')) {
    const [mantissa, exponent] = x.toExponential(precision - 1).split('e');
    return `${trimZeros(mantissa)}e${exponent.replace('+', '')}`;
  }
  return trimZeros(plain);
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function scaleHint(x: number): string | undefined {
  const abs = Math.abs(x);
  // Past 1e15 integers are shown with an exponent already; a hint adds nothing.
  if (!Number.isInteger(x) || abs >= 1e15) return undefined;
  for (const [from, divisor, suffix] of SCALES) {
    if (abs >= from) return `≈ ${trimZeros((x / divisor).toPrecision(4))} ${suffix}`;
  }
  return undefined;
}

function isMatrix(v: unknown): v is { size(): number[]; toArray(): unknown[] } {
  return !!v && typeof v === 'object' && (v as any).isMatrix === true;
}

export class ValueFormatter {
  constructor(private readonly math: MathJsInstance) {}

  view(value: unknown, options: FormatOptions): ValueView {
    if (typeof value === 'number') {
      const text = formatNumber(value, options);
      const hint = options.scaleHints ? scaleHint(value) : undefined;
      return { short: text, full: text, tex: numberTex(text), type: 'number', hint };
    }
    if (isMatrix(value) || Array.isArray(value)) {
      const array = isMatrix(value) ? value.toArray() : value;
      const shape = isMatrix(value) ? value.size() : arrayShape(array);
      const shapeText = `(${shape.join('×')})`;
      return {
        short: `${shapeText} ${this.nested(array, options, SHORT_LIMIT)}`,
        full: `${shapeText} ${this.nested(array, options, FULL_LIMIT)}`,
        tex: this.matrixTex(array, options),
        type: 'matrix',
        shape,
      };
    }
    const text = this.scalarText(value, options);
    const type =
      typeof value === 'boolean' ? 'boolean'
      : typeof value === 'string' ? 'string'
      : typeof value === 'function' ? 'function'
      : (value as any)?.isUnit ? 'unit'
      : value && typeof value === 'object' && !(value as any).isComplex ? 'object'
      : 'other';
    return { short: text, full: text, tex: this.scalarTex(value, text), type };
  }

  /**
   * Text of a single value that is not a matrix. Depth and size are bounded and a value that
   * contains itself (`a.x = a`) prints `{…}` where it repeats: a note's value is data.
   */
  scalarText(value: unknown, options: FormatOptions, depth = 0, seen: Set<unknown> = new Set()): string {
    if (typeof value === 'number') return formatNumber(value, options);
    if (typeof value === 'boolean') return String(value);
    if (typeof value === 'string') return JSON.stringify(value.length > MAX_STRING_SHOWN ? value.slice(0, MAX_STRING_SHOWN) : value) + (value.length > MAX_STRING_SHOWN ? '…' : '');
    if (value === undefined || value === null) return '';
    if (typeof value === 'function') return (value as any).syntax ?? `${(value as any).name || 'function'}(…)`;
    if (isMatrix(value) || Array.isArray(value)) {
      if (depth > 0 && (depth >= MAX_DEPTH || seen.has(value))) return '[…]';
      const array = isMatrix(value) ? value.toArray() : value;
      return this.nested(array, options, depth === 0 ? FULL_LIMIT : SHORT_LIMIT, depth, seen);
    }
    if ((value as any).isUnit || (value as any).isComplex || (value as any).isFraction || (value as any).isBigNumber) {
      return this.math.format(value, { precision: options.precision });
    }
    if (typeof value === 'object') {
      if (depth >= MAX_DEPTH || seen.has(value)) return '{…}';
      seen.add(value);
      const keys = Object.keys(value as Record<string, unknown>);
      const entries = keys.slice(0, FULL_LIMIT).map((k) => `${k}: ${this.scalarText((value as Record<string, unknown>)[k], options, depth + 1, seen)}`);
      if (keys.length > FULL_LIMIT) entries.push('…');
      seen.delete(value);
      return `{${entries.join(', ')}}`;
    }
    return String(value);
  }

  private nested(array: unknown[], options: FormatOptions, limit: number, depth = 0, seen: Set<unknown> = new Set()): string {
    if (depth >= MAX_DEPTH || seen.has(array)) return '[…]';
    seen.add(array);
    const items = array.slice(0, limit).map((item) =>
      Array.isArray(item) ? this.nested(item, options, limit, depth + 1, seen) : this.scalarText(item, options, depth + 1, seen),
    );
    seen.delete(array);
    if (array.length > limit) items.push('…');
    return `[${items.join(', ')}]`;
  }

  private matrixTex(array: unknown[], options: FormatOptions): string {
    const all = Array.isArray(array[0]) ? (array as unknown[][]) : [array];
    const cell = (c: unknown) => (Array.isArray(c) ? '\\cdots' : this.scalarTex(c, this.scalarText(c, options)));
    const rows = all.slice(0, TEX_LIMIT).map((row) => {
      const cells = row.slice(0, TEX_LIMIT).map(cell);
      if (row.length > TEX_LIMIT) cells.push('\\cdots');
      return cells.join(' & ');
    });
    if (all.length > TEX_LIMIT) rows.push('\\vdots');
    return `\\begin{bmatrix} ${rows.join(' \\\\ ')} \\end{bmatrix}`;
  }

  private scalarTex(value: unknown, text: string): string {
    if (typeof value === 'number') return numberTex(text);
    if (typeof value === 'boolean') return `\\mathrm{${text}}`;
    return `\\text{${escapeTexText(text)}}`;
  }
}

function arrayShape(array: unknown[]): number[] {
  const shape: number[] = [];
  for (let a: unknown = array; Array.isArray(a) && shape.length < MAX_DEPTH; a = a[0]) shape.push(a.length);
  return shape;
}

/**
 * LaTeX for a number as dl-calc writes it (`1,234`, `1.2e-5`, `Infinity`): grouping commas
 * in braces, exponents as powers of ten (`1e-5` as 10^{-5}). The one rule for values in the
 * preview, verdicts in derivations and defaults in library formulas; other text is \text.
 */
export function numberTex(text: string): string {
  const t = text.trim();
  if (t === 'Infinity') return '\\infty';
  if (t === '-Infinity') return '-\\infty';
  if (t === 'NaN') return '\\mathrm{NaN}';
  const m = /^(-?[\d.,]+)(?:e([+-]?\d+))?$/i.exec(t);
  if (!m) return `\\text{${escapeTexText(text)}}`;
  const mantissa = m[1].replace(/,/g, '{,}');
  if (m[2] === undefined) return mantissa;
  const power = `10^{${Number(m[2])}}`;
  if (mantissa === '1' || mantissa === '-1') return mantissa === '1' ? power : `-${power}`;
  return `${mantissa} \\times ${power}`;
}

export function escapeTexText(text: string): string {
  return text.replace(/[\\{}$&#^_%~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : c === '^' ? '\\textasciicircum{}' : `\\${c}`));
}
