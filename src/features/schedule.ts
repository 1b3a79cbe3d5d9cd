// When to evaluate a note after an edit. The client already lets the latest edit win (a
// queued evaluation of the same note is replaced), so waiting saves work only when a run
// costs more than the wait: a note whose last run was quicker than the delay setting is
// evaluated at once, and only a slow note waits `delayMs` for typing to pause. A long
// note shown for the first time gets its first screen's values before the whole note's.

/** Lines taken as the first screen of a note no visible editor shows yet (a tall screen's worth). */
export const FIRST_SCREEN_LINES = 150;

/**
 * The last line of a long note's first screen: the last visible line of the editors showing
 * it (`visibleEnds`), else FIRST_SCREEN_LINES; undefined for a note not twice that long,
 * where a first screen would save little.
 */
export function firstScreenEnd(lineCount: number, visibleEnds: readonly number[]): number | undefined {
  const end = visibleEnds.length ? Math.max(...visibleEnds) : FIRST_SCREEN_LINES;
  return lineCount > 2 * Math.max(end, FIRST_SCREEN_LINES) ? end : undefined;
}

/** Milliseconds to wait after an edit, given the delay setting and the note's last run (undefined: none yet). */
export function evaluationWait(delayMs: number, lastRunMs: number | undefined): number {
  if (!(delayMs > 0) || lastRunMs === undefined || lastRunMs < delayMs) return 0;
  return delayMs;
}
