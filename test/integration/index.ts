// The @vscode/test-electron contract: the extension host loads this module and awaits
// run(). It runs the mocha suite inside the real extension host, prints how many tests
// ran, and rejects on failure. (perf.ts is the same contract for the bench.)
import * as path from 'node:path';
import { format } from 'node:util';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import type MochaType = require('mocha');

function loadMocha(): typeof MochaType {
  // mocha 12 exports { Mocha, ... }; older ones export the class itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mochaModule = require('mocha') as typeof MochaType & { Mocha?: typeof MochaType };
  return mochaModule.Mocha ?? mochaModule;
}

export function run(): Promise<void> {
  return runSuites(['extension.suite', 'previewLatex.suite', 'fit.suite', 'symbolicLatex.suite', 'mathSettings.suite', 'openOnce.suite'], 'integration');
}

export function runSuites(suites: readonly string[], label: string): Promise<void> {
  // The workbench forwards console arguments unformatted ("✔ %s (%dms)"): format them here.
  const log = console.log.bind(console);
  console.log = (...args: unknown[]) => log(format(...args));
  const Mocha = loadMocha(); // after the console.log above, which mocha's reporters capture
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 90_000, reporter: 'spec' });
  for (const s of suites) mocha.addFile(path.join(__dirname, `${s}.js`));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const ran = runner.stats?.tests ?? 0;
      const passed = runner.stats?.passes ?? 0;
      console.log(`[${label}] ${ran} tests ran: ${passed} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} ${label} tests failed`));
      else resolve();
    });
  });
}
