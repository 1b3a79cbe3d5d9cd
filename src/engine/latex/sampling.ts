// Seeded points for checking a symbolic claim: the same note gives the same points on
// every run and machine. Points are short decimals (0.4, −1.3, 25) so a message can name
// them exactly and a dl-calc block at that point reproduces the check.

/** xorshift32 from a fixed seed: small, fast, and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** A seed from the claim's text, so each claim has its own points but they never change. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Two significant digits: 0.4, 1.3, −2.1, 0.025, 250. */
export function roundPoint(v: number): number {
  if (v === 0) return 0;
  const digits = 1 - Math.floor(Math.log10(Math.abs(v)));
  const f = 10 ** digits;
  return Number((Math.round(v * f) / f).toFixed(Math.max(0, digits)));
}

/**
 * The domains tried in turn: signed values around the symbol's scale, then positive ones
 * (logarithms, roots), then the unit interval (probabilities).
 */
export type Phase = 'signed' | 'positive' | 'unit';

/** One coordinate: `scale` is the magnitude of the value the note bound, or 1. */
export function drawCoordinate(next: () => number, scale: number, phase: Phase): number {
  if (phase === 'unit') return roundPoint(0.05 + 0.9 * next());
  const magnitude = scale * (0.2 + 2.3 * next());
  const sign = phase === 'positive' || next() < 0.5 ? 1 : -1;
  return roundPoint(sign * magnitude);
}

/** The scale of a bound value: its magnitude, or 1 for 0 or no value. */
export function scaleOf(bound: number | undefined): number {
  if (bound === undefined || !Number.isFinite(bound) || bound === 0) return 1;
  return Math.abs(bound);
}

export interface Sampling {
  /** Points wanted. */
  readonly count: number;
  /** Tries allowed per point before the claim is skipped. */
  readonly triesPerPoint: number;
  /** The seed, when several claims must share their points (the components of a gradient); else one from the claim's text. */
  readonly seed?: number;
}

export const DEFAULT_SAMPLING: Sampling = { count: 5, triesPerPoint: 8 };

export type Accept = (point: Record<string, number>) => true | string;

/**
 * `count` distinct points for `variables`, each accepted by `accept` (both sides finite and
 * real, away from kinks). `fixed` names keep their value. Returns the reason of the last
 * rejection when too few points could be found.
 */
export function samplePoints(
  variables: readonly string[],
  scales: Readonly<Record<string, number>>,
  fixed: Readonly<Record<string, number>>,
  seed: number,
  accept: Accept,
  sampling: Sampling = DEFAULT_SAMPLING,
  first?: Readonly<Record<string, number>>,
): { points: Record<string, number>[] } | { reason: string; points: Record<string, number>[] } {
  const next = seededRandom(seed);
  const points: Record<string, number>[] = [];
  const seen = new Set<string>();
  let lastReason = 'no point found';
  const tryPoint = (p: Record<string, number>): void => {
    const key = variables.map((v) => p[v]).join(',');
    if (seen.has(key)) return;
    seen.add(key);
    const ok = accept(p);
    if (ok === true) points.push(p);
    else lastReason = ok;
  };
  if (first) tryPoint({ ...fixed, ...first });
  const budget = sampling.count * sampling.triesPerPoint;
  const phases: Phase[] = ['signed', 'positive', 'unit'];
  for (let t = 0; t < budget && points.length < sampling.count; t++) {
    // Signed values first, then positive ones, then the unit interval: a third of the tries each.
    const phase = phases[Math.min(2, Math.floor((3 * t) / budget))];
    const p: Record<string, number> = { ...fixed };
    for (const v of variables) p[v] = drawCoordinate(next, scales[v] ?? 1, phase);
    tryPoint(p);
  }
  if (points.length < sampling.count) return { reason: lastReason, points };
  return { points };
}
