// Our own mapping of names to LaTeX. mathjs would print a variable named `A`, `N` or
// `deg` as a unit and `gamma` as the Gamma function; a note's names are always variables.
import { GREEK } from './latex/vocabulary';


const cache = new Map<string, string>();

function part(word: string): string {
  if (GREEK.has(word)) return `\\${word}`;
  if (/^\d+$/.test(word)) return word;
  if (/^[A-Za-z]$/.test(word)) return word;
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(word)) return `\\mathrm{${word}}`;
  // Other letters (CJK, Greek characters): text mode keeps KaTeX from warning.
  return /^[\u0370-\u03ff]+$/.test(word) ? word : `\\text{${word}}`;
}

/**
 * `z1` → `z_1`, `w2_new` → `w_{2,\mathrm{new}}`, `lambda` → `\lambda`, `loss` → `\mathrm{loss}`,
 * `W_h_1` → `W_{h,1}`.
 */
export function texName(name: string): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const [head, ...suffixes] = name.split('_').filter((s, i) => s !== '' || i === 0);
  const m = /^(.*?[^\d])(\d+)$/.exec(head);
  const base = m ? m[1] : head;
  const subs = [...(m ? [m[2]] : []), ...suffixes].map(part);
  const baseTex = base === '' ? '' : part(base);
  let tex = baseTex;
  if (subs.length === 1 && subs[0].length === 1) tex = `${baseTex}_${subs[0]}`;
  else if (subs.length > 0) tex = `${baseTex}_{${subs.join(',')}}`;
  cache.set(name, tex);
  return tex;
}
