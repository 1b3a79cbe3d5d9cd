// The extension host's entry for the multi-root run (multiRoot.ts): only multiRoot.suite.
import { runSuites } from './index';

export function run(): Promise<void> {
  return runSuites(['multiRoot.suite'], 'multi-root');
}
