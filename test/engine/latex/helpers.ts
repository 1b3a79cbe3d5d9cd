// Shared helpers for the LaTeX chain tests.
import * as path from 'node:path';
import { defaultEvaluate, defaultEvaluateAny, type LatexEnv } from '../../../src/engine/latex';

/** Fixtures stay in the source tree; tests run from out/test/engine/latex. */
export const fixturesDir = path.resolve(__dirname, '../../../../test/engine/latex/fixtures');

export function envWith(bindings: Record<string, number> = {}, fromLine = 0): LatexEnv {
  return {
    lookup: (name, line) => (line >= fromLine && name in bindings ? bindings[name] : undefined),
    evaluate: defaultEvaluate,
    evaluateAny: defaultEvaluateAny,
  };
}
