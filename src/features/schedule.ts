// When to evaluate a note after an edit. The client already lets the latest edit win (a
// queued evaluation of the same note is replaced), so waiting saves work only when a run
// costs more than the wait: a note whose last run was quicker than the delay setting is
// evaluated at once, and only a slow note waits `delayMs` for typing to pause.

/** Milliseconds to wait after an edit, given the delay setting and the note's last run (undefined: none yet). */
export function evaluationWait(delayMs: number, lastRunMs: number | undefined): number {
  if (!(delayMs > 0) || lastRunMs === undefined || lastRunMs < delayMs) return 0;
  return delayMs;
}
