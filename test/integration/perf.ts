// Entry for the perf suite inside the real extension host (same contract as index.ts).
import { runSuites } from './index';

export function run(): Promise<void> {
  return runSuites(['perf.suite'], 'perf');
}
