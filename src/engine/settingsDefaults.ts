// The defaults of the settings the engine reads, taken from the manifest (package.json): VS
// Code shows and applies those, so the CLI, the worker and the tests must use the same.
import manifest from '../../package.json';

const properties = manifest.contributes.configuration.properties;

export const manifestDefaults = {
  precision: properties['dlCalc.precision'].default,
  grouping: properties['dlCalc.grouping'].default,
  scaleHints: properties['dlCalc.scaleHints'].default,
  maxMatrixElements: properties['dlCalc.maxMatrixElements'].default,
  latexChecks: properties['dlCalc.latexChecks.enabled'].default,
  latexSymbolic: properties['dlCalc.latexChecks.symbolic'].default,
  latexProse: properties['dlCalc.latexChecks.prose'].default,
  latexOtherDelimiters: properties['dlCalc.latexChecks.otherDelimiters'].default,
};
