// What every bench section measures with: a median of runs, one timed run, and how figures
// are printed (milliseconds, and ratios against an anchor run in the same process).

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Milliseconds one call of `fn` takes. */
export function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The median of `runs` timed calls. */
export function timeMedian(runs: number, fn: () => void): number {
  return median(Array.from({ length: runs }, () => time(fn)));
}

export const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
