// What the CLI's commands share: usage errors, the time limit option, the evaluation client.
import { EvaluationClient } from '../node/evaluationClient';

export class UsageError extends Error {}

export const DEFAULT_TIME_LIMIT_MS = 10_000;
/** setTimeout's largest delay; past it Node fires at once. */
const MAX_TIME_LIMIT_MS = 2_147_483_647;

export function parseTimeLimit(text: string): number {
  const ms = Number(text);
  if (text.trim() === '' || !Number.isInteger(ms) || ms < 0 || ms > MAX_TIME_LIMIT_MS) {
    throw new UsageError(`--time-limit takes whole milliseconds from 1 to ${MAX_TIME_LIMIT_MS}, or 0 for no limit (got "${text}")`);
  }
  return ms;
}

export function newClient(timeLimitMs: number): EvaluationClient {
  return new EvaluationClient({ timeLimitMs: () => timeLimitMs, limitName: 'option --time-limit' });
}

