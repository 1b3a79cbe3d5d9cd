// Activation functions and their derivatives, elementwise on numbers and matrices.
import type { MathJsInstance } from 'mathjs';
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { callOf, isLiteral, juxt, mul, pow, wrap } from './tex';
import { mapElementwise, zipElementwise } from './values';

/** Logistic function; the branch on the sign keeps e^x from overflowing for large |x|. */
export function sigmoidNumber(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** ln(1+e^x) = max(x,0) + ln(1+e^-|x|): exact for large x, no overflow for any x. */
export function softplusNumber(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

const X = [{ name: 'x' }] as const;

function unary(math: MathJsInstance, name: string, f: (v: number) => number) {
  return (x: unknown) => mapElementwise(math, name, 'x', x, f);
}

function cases(ifPos: string, otherwise: string, x: string): string {
  return `\\begin{cases} ${ifPos} & ${x} > 0 \\\\ ${otherwise} & \\text{otherwise} \\end{cases}`;
}

export const sigmoid = defineFunction({
  name: 'sigmoid',
  params: X,
  summary: 'Logistic sigmoid 1/(1+e^-x), elementwise.',
  definitionText: '1/(1+e^-x)',
  nameTex: '\\sigma',
  formula: ([x]) => `\\frac{1}{1+e^{-${wrap(x)}}}`,
  impl: (math) => unary(math, 'sigmoid', sigmoidNumber),
});

export const dsigmoid = defineFunction({
  name: 'dsigmoid',
  params: X,
  summary: "Derivative of the sigmoid, sigmoid(x)(1-sigmoid(x)), elementwise.",
  definitionText: 'sigmoid(x)(1-sigmoid(x))',
  nameTex: "\\sigma'",
  formula: ([x]) => `${callOf('\\sigma', [x])}\\left(1-${callOf('\\sigma', [x])}\\right)`,
  impl: (math) =>
    unary(math, 'dsigmoid', (v) => {
      const s = sigmoidNumber(v);
      return s * (1 - s);
    }),
});

export const relu = defineFunction({
  name: 'relu',
  params: X,
  summary: 'Rectified linear unit max(x, 0), elementwise.',
  definitionText: 'max(x,0)',
  nameTex: '\\mathrm{ReLU}',
  formula: ([x]) => `\\max\\left(${x}, 0\\right)`,
  // NaN stays NaN (Math.max would too); -0 becomes 0 so results print as 0.
  impl: (math) => unary(math, 'relu', (v) => (v > 0 ? v : Number.isNaN(v) ? NaN : 0)),
});

export const drelu = defineFunction({
  name: 'drelu',
  params: X,
  summary: 'Derivative of ReLU: 1 where x > 0, else 0 (0 at x = 0), elementwise.',
  definitionText: '1 if x>0 else 0',
  nameTex: "\\mathrm{ReLU}'",
  formula: ([x]) => cases('1', '0', x),
  impl: (math) => unary(math, 'drelu', (v) => (v > 0 ? 1 : Number.isNaN(v) ? NaN : 0)),
});

export const leakyRelu = defineFunction({
  name: 'leaky_relu',
  params: [{ name: 'x' }, { name: 'a', default: '0.01' }],
  summary: 'Leaky ReLU: x where x > 0, else a*x (a = 0.01), elementwise.',
  definitionText: 'x if x>0 else a*x',
  nameTex: '\\mathrm{LeakyReLU}',
  formula: ([x, a]) => cases(x, mul(a, x), x),
  impl: (math) => (x: unknown, a: unknown = 0.01) =>
    zipElementwise(math, 'leaky_relu', ['x', 'a'], [x, a], (v, s) => (v > 0 ? v : s * v)),
});

export const elu = defineFunction({
  name: 'elu',
  params: [{ name: 'x' }, { name: 'a', default: '1' }],
  summary: 'Exponential linear unit: x where x > 0, else a(e^x - 1) (a = 1), elementwise.',
  definitionText: 'x if x>0 else a(e^x-1)',
  nameTex: '\\mathrm{ELU}',
  formula: ([x, a]) => {
    return cases(x, isLiteral(a, '1') ? `e^{${x}}-1` : `${wrap(a)}\\left(e^{${x}}-1\\right)`, x);
  },
  // expm1 keeps a(e^x - 1) accurate for x near 0.
  impl: (math) => (x: unknown, a: unknown = 1) =>
    zipElementwise(math, 'elu', ['x', 'a'], [x, a], (v, s) => (v > 0 ? v : s * Math.expm1(v))),
});

export const dtanh = defineFunction({
  name: 'dtanh',
  params: X,
  summary: 'Derivative of tanh, 1 - tanh(x)^2, elementwise.',
  definitionText: '1-tanh(x)^2',
  nameTex: "\\tanh'",
  formula: ([x]) => `1-\\tanh^{2}\\left(${x}\\right)`,
  impl: (math) =>
    unary(math, 'dtanh', (v) => {
      const t = Math.tanh(v);
      return 1 - t * t;
    }),
});

export const gelu = defineFunction({
  name: 'gelu',
  params: X,
  summary: 'GELU, x*Phi(x) = 0.5x(1+erf(x/sqrt 2)), elementwise (the exact form).',
  definitionText: '0.5x(1+erf(x/sqrt 2))',
  nameTex: '\\mathrm{GELU}',
  formula: ([x]) => `${mul('\\frac{1}{2}', x)}\\left(1+\\operatorname{erf}\\left(\\frac{${x}}{\\sqrt{2}}\\right)\\right)`,
  impl: (math) => {
    const erf = (v: number): number => math.erf(v) as number;
    return unary(math, 'gelu', (v) => 0.5 * v * (1 + erf(v / Math.SQRT2)));
  },
});

export const geluTanh = defineFunction({
  name: 'gelu_tanh',
  params: X,
  summary: "GELU's tanh approximation 0.5x(1+tanh(sqrt(2/pi)(x+0.044715x^3))), elementwise.",
  definitionText: '0.5x(1+tanh(sqrt(2/pi)(x+0.044715x^3)))',
  nameTex: '\\mathrm{GELU}_{\\tanh}',
  formula: ([x]) =>
    `${mul('\\frac{1}{2}', x)}\\left(1+\\tanh\\left(\\sqrt{\\frac{2}{\\pi}}\\left(${x}+0.044715\\,${pow(x, '3')}\\right)\\right)\\right)`,
  impl: (math) => {
    const c = Math.sqrt(2 / Math.PI);
    return unary(math, 'gelu_tanh', (v) => 0.5 * v * (1 + Math.tanh(c * (v + 0.044715 * v * v * v))));
  },
});

export const swish = defineFunction({
  name: 'swish',
  aliases: ['silu'],
  params: [{ name: 'x' }, { name: 'b', default: '1' }],
  summary: 'Swish / SiLU, x*sigmoid(b*x) (b = 1), elementwise.',
  definitionText: 'x*sigmoid(b*x)',
  formula: ([x, b]) => juxt(wrap(x), callOf('\\sigma', [isLiteral(b, '1') ? x : mul(b, x)])),
  impl: (math) => (x: unknown, b: unknown = 1) =>
    zipElementwise(math, 'swish', ['x', 'b'], [x, b], (v, s) => v * sigmoidNumber(s * v)),
});

export const softplus = defineFunction({
  name: 'softplus',
  params: X,
  summary: 'Softplus ln(1+e^x), computed stably, elementwise.',
  definitionText: 'ln(1+e^x)',
  formula: ([x]) => `\\ln\\left(1+e^{${x}}\\right)`,
  impl: (math) => unary(math, 'softplus', softplusNumber),
});

export const activationFunctions: readonly LibraryFunction[] = [
  sigmoid,
  dsigmoid,
  relu,
  drelu,
  leakyRelu,
  elu,
  dtanh,
  gelu,
  geluTanh,
  swish,
  softplus,
];
