// Output sizes of convolution and pooling layers. Elementwise, so conv_out([32, 24], 3)
// gives height and width at once.
import type { LibraryFunction } from './types';
import { defineFunction } from './define';
import { isLiteral, juxt, wrap } from './tex';
import { checkInteger, fail, zipElementwise } from './values';

/** floor((n + 2p - d(k-1) - 1)/s) + 1, with the arguments checked and a too-large kernel reported. */
export function outputSize(fn: string, n: number, k: number, s: number, p: number, d: number): number {
  checkInteger(fn, 'n', n, { min: 1 });
  checkInteger(fn, 'k', k, { min: 1 });
  checkInteger(fn, 's', s, { min: 1 });
  checkInteger(fn, 'p', p, { min: 0 });
  checkInteger(fn, 'd', d, { min: 1 });
  const padded = n + 2 * p;
  const extent = d * (k - 1) + 1;
  if (extent > padded) {
    const kernel = d === 1 ? `kernel ${k}` : `dilated kernel ${extent} (k=${k}, d=${d})`;
    fail(fn, `${kernel} is larger than the padded input ${padded} (n=${n} + 2·p=${2 * p}); the output would be empty`);
  }
  return Math.floor((padded - extent) / s) + 1;
}

/** `\left\lfloor\frac{top}{s}\right\rfloor+1`: kept whole even for s = 1, so it reads like the textbook formula. */
function floorFrac(top: string, s: string): string {
  return `\\left\\lfloor\\frac{${top}}{${s}}\\right\\rfloor+1`;
}

function padTerm(p: string): string {
  return isLiteral(p, '0') ? '' : `+${juxt('2', wrap(p))}`;
}

export const convOut = defineFunction({
  name: 'conv_out',
  params: [{ name: 'n' }, { name: 'k' }, { name: 's', default: '1' }, { name: 'p', default: '0' }, { name: 'd', default: '1' }],
  summary: 'Output size of a convolution: floor((n + 2p - d(k-1) - 1)/s) + 1 (stride s=1, padding p=0, dilation d=1).',
  definitionText: 'floor((n + 2p - d(k-1) - 1)/s) + 1',
  formula: ([n, k, s, p, d]) => {
    const kernel = isLiteral(d, '1') ? `\\left(${k}-1\\right)` : juxt(wrap(d), `\\left(${k}-1\\right)`);
    return floorFrac(`${n}${padTerm(p)}-${kernel}-1`, s);
  },
  impl: (math) => (n: unknown, k: unknown, s: unknown = 1, p: unknown = 0, d: unknown = 1) =>
    zipElementwise(math, 'conv_out', ['n', 'k', 's', 'p', 'd'], [n, k, s, p, d], (...v) =>
      outputSize('conv_out', v[0], v[1], v[2], v[3], v[4]),
    ),
});

export const poolOut = defineFunction({
  name: 'pool_out',
  params: [{ name: 'n' }, { name: 'k' }, { name: 's', default: 'k' }, { name: 'p', default: '0' }],
  summary: 'Output size of a pooling layer: floor((n + 2p - k)/s) + 1, stride defaulting to the window k.',
  definitionText: 'floor((n + 2p - k)/s) + 1, s = k by default',
  formula: ([n, k, s, p]) => floorFrac(`${n}${padTerm(p)}-${wrap(k)}`, s),
  impl: (math) =>
    (n: unknown, k: unknown, ...rest: unknown[]) => {
      const s = rest.length > 0 ? rest[0] : k;
      const p = rest.length > 1 ? rest[1] : 0;
      return zipElementwise(math, 'pool_out', ['n', 'k', 's', 'p'], [n, k, s, p], (...v) =>
        outputSize('pool_out', v[0], v[1], v[2], v[3], 1),
      );
    },
});

export const shapeFunctions: readonly LibraryFunction[] = [convOut, poolOut];
