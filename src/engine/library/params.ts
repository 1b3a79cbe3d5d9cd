// Parameter counts and multiply-accumulate counts of common layers.
import type { MathJsInstance } from 'mathjs';
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { isFalse, isLiteral, juxt, sub, times, wrap } from './tex';
import { checkInteger, describeShape, fail, readBoolean, readInteger, readTensor, zipElementwise } from './values';

/** k as a number (square kernel) or [kh, kw]. */
export function readKernel(math: MathJsInstance, fn: string, k: unknown): [number, number] {
  const t = readTensor(math, fn, 'k', k);
  if (t.shape.length === 0) {
    const n = checkInteger(fn, 'k', t.flat[0], { min: 1 });
    return [n, n];
  }
  if (t.flat.length !== 2 || t.shape.length > 2) fail(fn, `k must be a number or [kh, kw], got ${describeShape(t.shape)}`);
  return [checkInteger(fn, 'kh', t.flat[0], { min: 1 }), checkInteger(fn, 'kw', t.flat[1], { min: 1 })];
}

function readGroups(math: MathJsInstance, fn: string, groups: unknown, cIn: number, cOut: number): number {
  const g = readInteger(math, fn, 'groups', groups, { min: 1 });
  if (cIn % g !== 0) fail(fn, `groups=${g} does not divide c_in=${cIn}`);
  if (cOut % g !== 0) fail(fn, `groups=${g} does not divide c_out=${cOut}`);
  return g;
}

/** LaTeX of kh*kw: `3\cdot 3` for a written number, `k_{h}\,k_{w}` otherwise. */
function kernelArea(k: string): string {
  const s = k.trim();
  if (/^\d+$/.test(s)) return `${s}\\cdot ${s}`;
  // A written [kh, kw] arrives as a one-row or one-column matrix environment.
  const pair = /^\\begin\{([a-zA-Z]*matrix)\}\s*([^&\\]+?)\s*(?:&|\\\\)\s*([^&\\]+?)\s*\\end\{\1\}$/.exec(s);
  if (pair) return `${wrap(pair[2])}\\cdot ${wrap(pair[3])}`;
  return juxt(sub(k, 'h'), sub(k, 'w'));
}

function perGroup(cIn: string, groups: string): string {
  return isLiteral(groups, '1') ? wrap(cIn) : `\\frac{${cIn}}{${groups}}`;
}

export const convParams = defineFunction({
  name: 'conv_params',
  params: [{ name: 'c_in' }, { name: 'c_out' }, { name: 'k' }, { name: 'bias', default: 'true' }, { name: 'groups', default: '1' }],
  summary: 'Parameters of a 2-D convolution: c_out*(c_in/groups)*kh*kw, plus c_out biases; k is a number or [kh, kw].',
  definitionText: 'c_out*(c_in/groups)*kh*kw (+ c_out)',
  formula: ([cIn, cOut, k, bias, groups]) => {
    const weights = times(wrap(cOut), perGroup(cIn, groups), kernelArea(k));
    return isFalse(bias) ? weights : `${weights}+${cOut}`;
  },
  impl: (math) => (cIn: unknown, cOut: unknown, k: unknown, bias: unknown = true, groups: unknown = 1) => {
    const fn = 'conv_params';
    const ci = readInteger(math, fn, 'c_in', cIn, { min: 1 });
    const co = readInteger(math, fn, 'c_out', cOut, { min: 1 });
    const [kh, kw] = readKernel(math, fn, k);
    const b = readBoolean(math, fn, 'bias', bias);
    const g = readGroups(math, fn, groups, ci, co);
    return co * (ci / g) * kh * kw + (b ? co : 0);
  },
});

export const convMacs = defineFunction({
  name: 'conv_macs',
  params: [{ name: 'h_out' }, { name: 'w_out' }, { name: 'c_in' }, { name: 'c_out' }, { name: 'k' }, { name: 'groups', default: '1' }],
  summary: 'Multiply-accumulates of a 2-D convolution: h_out*w_out*c_out*(c_in/groups)*kh*kw.',
  definitionText: 'h_out*w_out*c_out*(c_in/groups)*kh*kw',
  formula: ([h, w, cIn, cOut, k, groups]) =>
    times(wrap(h), wrap(w), wrap(cOut), perGroup(cIn, groups), kernelArea(k)),
  impl: (math) => (hOut: unknown, wOut: unknown, cIn: unknown, cOut: unknown, k: unknown, groups: unknown = 1) => {
    const fn = 'conv_macs';
    const h = readInteger(math, fn, 'h_out', hOut, { min: 1 });
    const w = readInteger(math, fn, 'w_out', wOut, { min: 1 });
    const ci = readInteger(math, fn, 'c_in', cIn, { min: 1 });
    const co = readInteger(math, fn, 'c_out', cOut, { min: 1 });
    const [kh, kw] = readKernel(math, fn, k);
    const g = readGroups(math, fn, groups, ci, co);
    return h * w * co * (ci / g) * kh * kw;
  },
});

export const linearParams = defineFunction({
  name: 'linear_params',
  params: [{ name: 'n_in' }, { name: 'n_out' }, { name: 'bias', default: 'true' }],
  summary: 'Parameters of a fully connected layer: n_in*n_out, plus n_out biases.',
  definitionText: 'n_in*n_out (+ n_out)',
  formula: ([nIn, nOut, bias]) => {
    const weights = times(wrap(nIn), wrap(nOut));
    return isFalse(bias) ? weights : `${weights}+${nOut}`;
  },
  impl: (math) => (nIn: unknown, nOut: unknown, bias: unknown = true) => {
    const b = readBoolean(math, 'linear_params', 'bias', bias);
    return zipElementwise(math, 'linear_params', ['n_in', 'n_out'], [nIn, nOut], (i, o) => {
      checkInteger('linear_params', 'n_in', i, { min: 1 });
      checkInteger('linear_params', 'n_out', o, { min: 1 });
      return i * o + (b ? o : 0);
    });
  },
});

/** g*(n_h*(n_in+n_h) + n_h): g gates, each with input and recurrent weights and one bias. */
function recurrent(name: string, gates: number, cell: string) {
  return defineFunction({
    name,
    params: [{ name: 'n_in' }, { name: 'n_h' }],
    summary: `Parameters of ${cell} layer: ${gates === 1 ? '' : `${gates}*`}(n_h*(n_in+n_h) + n_h), one bias per gate (PyTorch keeps two).`,
    definitionText: `${gates === 1 ? '' : `${gates}*`}(n_h*(n_in+n_h) + n_h)`,
    formula: ([nIn, nH]) => {
      const one = `${juxt(wrap(nH), `\\left(${nIn}+${nH}\\right)`)}+${nH}`;
      return gates === 1 ? one : `${gates}\\left(${one}\\right)`;
    },
    impl: (math) => (nIn: unknown, nH: unknown) =>
      zipElementwise(math, name, ['n_in', 'n_h'], [nIn, nH], (i, h) => {
        checkInteger(name, 'n_in', i, { min: 1 });
        checkInteger(name, 'n_h', h, { min: 1 });
        return gates * (h * (i + h) + h);
      }),
  });
}

export const rnnParams = recurrent('rnn_params', 1, 'a vanilla RNN');
export const lstmParams = recurrent('lstm_params', 4, 'an LSTM');
export const gruParams = recurrent('gru_params', 3, 'a GRU');

export const paramFunctions: readonly LibraryFunction[] = [convParams, convMacs, linearParams, rnnParams, lstmParams, gruParams];
