// `npm run bench derivations`: the derivation checks (derivative claims and derivation rows
// checked at seeded points) on a synthetic note, as ratios against two anchors run in the
// same process: finding the math and lexing it (what any checker pays), and evaluating
// each claim's right side at the same number of points with mathjs (what any sampling
// checker pays at the least).
import { create, all } from 'mathjs';
import { checkLatexChains, defaultEvaluate, findMathSpans } from '../../src/engine/latex';
import { lex } from '../../src/engine/latex/lexer';
import { DEFAULT_SAMPLING } from '../../src/engine/latex/sampling';

import { median, ms, ratio, time } from './measure';

/** Claims per group of the note, with the mathjs source of their right side (for the anchor). */
interface Written {
  readonly text: string;
  readonly rights: string[];
}

/**
 * `groups` groups of a definition and its derivative claims, as course notes write them:
 * an activation and its derivative, a loss and its partial derivatives, a second
 * derivative, an aligned derivation. Every claim is correct except one wrong one per group.
 */
export function derivationNote(groups: number): Written {
  const parts: string[] = ['# Synthetic derivations\n'];
  const rights: string[] = [];
  for (let g = 0; g < groups; g++) {
    const a = (g % 5) + 1;
    parts.push(
      `$$f(x) = \\frac{x}{1 + e^{-${a} x}}$$`,
      `$$f'(x) = \\frac{1}{1 + e^{-${a} x}} + \\frac{${a} x e^{-${a} x}}{(1 + e^{-${a} x})^2}$$`,
      `$$f'(x) = \\frac{1}{1 + e^{-${a} x}}$$`,
      `$$L = \\frac{1}{2}(w x + ${a} b - t)^2$$`,
      `$$\\frac{\\partial L}{\\partial w} = (w x + ${a} b - t) x$$`,
      `$$\\frac{\\partial L}{\\partial b} = ${a}(w x + ${a} b - t)$$`,
      `$$g(x) = \\tanh(${a} x)$$`,
      `$$g''(x) = -${2 * a * a} \\tanh(${a} x)(1 - \\tanh^2(${a} x))$$`,
      `$$\\begin{aligned} (x + ${a})^2 - x^2 &= 2 \\cdot ${a} x + ${a * a} \\\\ &= ${a}(2x + ${a}) \\end{aligned}$$`,
      '',
    );
    const e = `exp(-${a} * x)`;
    rights.push(
      `1 / (1 + ${e}) + ${a} * x * ${e} / (1 + ${e})^2`,
      `1 / (1 + ${e})`,
      `(w * x + ${a} * b - t) * x`,
      `${a} * (w * x + ${a} * b - t)`,
      `-${2 * a * a} * tanh(${a} * x) * (1 - tanh(${a} * x)^2)`,
      `2 * ${a} * x + ${a * a}`,
      `${a} * (2 * x + ${a})`,
    );
  }
  return { text: parts.join('\n'), rights };
}

export function benchDerivations(): void {
  const groups = 100;
  const note = derivationNote(groups);
  console.log(`\n== Derivations: a note of ${note.rights.length} derivative claims and derivation rows (${groups} definitions of each kind)`);
  const env = { lookup: () => undefined, evaluate: defaultEvaluate };
  let chains: ReturnType<typeof checkLatexChains> = [];
  const cold = time(() => void (chains = checkLatexChains(note.text, env)));
  const links = chains.flatMap((c) => c.links.filter((l) => l.sampled));
  const verified = links.filter((l) => l.ok === true).length;
  const wrong = links.filter((l) => l.ok === false).length;
  if (wrong !== groups) throw new Error(`synthetic derivation note: ${wrong} claims flagged, ${groups} expected`);
  if (verified < note.rights.length - 3 * groups) throw new Error(`synthetic derivation note: only ${verified} claims verified`);
  const skipped = note.rights.length - verified - wrong;
  console.log(`   ${verified} verified, ${wrong} flagged (one wrong claim per group), ${skipped} skipped`);
  const warm = median([1, 2, 3, 4, 5].map(() => time(() => checkLatexChains(note.text, env))));
  // Anchor 1: find the math and lex it.
  const floor = median(
    [1, 2, 3, 4, 5, 6, 7].map(() =>
      time(() => {
        for (const span of findMathSpans(note.text)) lex(span.content);
      }),
    ),
  );
  // Anchor 2: each right side, compiled once, evaluated at as many points as the checks take.
  const math = create(all);
  const compiled = note.rights.map((r) => math.compile(r));
  const points = Array.from({ length: DEFAULT_SAMPLING.count }, (_, i) => ({ x: 0.3 + i, w: 1.1 - i, b: 0.4 * i, t: 2 - i }));
  const sampling = median(
    [1, 2, 3, 4, 5, 6, 7].map(() =>
      time(() => {
        for (const c of compiled) for (const p of points) c.evaluate({ ...p });
      }),
    ),
  );
  console.log(`   floor (find the math, lex it):                  ${ms(floor)}`);
  console.log(`   right sides at ${DEFAULT_SAMPLING.count} points each (mathjs, compiled):   ${ms(sampling)}`);
  console.log(`   derivation checks, the whole note again:        ${ms(warm)}   ${ratio(warm, floor)} floor   ${ratio(warm, sampling)} the bare sampling   (${ms(warm / note.rights.length)} per claim)`);
  console.log(`   the same, first run in this process:            ${ms(cold)}   ${ratio(cold, floor)} floor`);
  benchSizes(env);
}

/**
 * `groups` groups of claims with a size written as a letter (a mean squared error over n
 * points and its gradient, right and wrong; argmax over x_1 … x_D and its gradient by x_i),
 * and the same claims written out for n = D = 3: the anchor, since the sized claims are
 * checked for three sizes with every index in turn.
 */
export function sizedNote(groups: number, writtenOut: boolean): string {
  const parts: string[] = ['# Synthetic sized derivations\n'];
  const sum = (body: (i: number) => string, n: string) => (writtenOut ? `(${[1, 2, 3].map(body).join(' + ')})` : `\\sum_{i=1}^{${n}} ${body(0).replace(/_0/g, '_i')}`);
  for (let g = 0; g < groups; g++) {
    const a = (g % 5) + 1;
    const n = writtenOut ? '3' : 'n';
    parts.push(
      `$$L = \\frac{1}{${n}} ${sum((i) => `(w x_${i} - ${a} y_${i})^2`, 'n')}$$`,
      `$$\\frac{\\partial L}{\\partial w} = \\frac{2}{${n}} ${sum((i) => `(w x_${i} - ${a} y_${i}) x_${i}`, 'n')}$$`,
      `$$\\frac{\\partial L}{\\partial w} = \\frac{1}{${n}} ${sum((i) => `(w x_${i} - ${a} y_${i}) x_${i}`, 'n')}$$`,
      writtenOut ? '$$y = \\arg\\max(x_1, x_2, x_3)$$' : '$$y = \\arg\\max(x_1, \\ldots, x_D)$$',
      ...(writtenOut ? [1, 2, 3].map((i) => `$$\\frac{\\partial y}{\\partial x_${i}} = 0$$`) : ['$$\\frac{\\partial y}{\\partial x_i} = 0$$']),
      '',
    );
  }
  return parts.join('\n');
}

function benchSizes(env: Parameters<typeof checkLatexChains>[1]): void {
  const groups = 20;
  const sized = sizedNote(groups, false);
  const written = sizedNote(groups, true);
  console.log(`\n== Derivations with sizes: ${groups} groups of a loss over n points (gradient right and wrong) and argmax over x_1 … x_D (gradient by x_i)`);
  let rs: ReturnType<typeof checkLatexChains> = [];
  const sizedMs = median([1, 2, 3].map(() => time(() => void (rs = checkLatexChains(sized, env)))));
  const wrong = rs.filter((r) => r.status === 'failed').length;
  const verified = rs.filter((r) => r.status === 'verified').length;
  if (wrong !== groups || verified !== 2 * groups) throw new Error(`synthetic sized note: ${verified} verified, ${wrong} flagged; ${2 * groups} and ${groups} expected`);
  const writtenMs = median([1, 2, 3].map(() => time(() => void checkLatexChains(written, env))));
  console.log(`   the claims written out for n = D = 3 (anchor):  ${ms(writtenMs)}`);
  console.log(`   with sizes (n, D = 3, 4, 2; every i in turn):    ${ms(sizedMs)}   ${ratio(sizedMs, writtenMs)} the written-out claims   (${verified} verified, ${wrong} flagged)`);
}
