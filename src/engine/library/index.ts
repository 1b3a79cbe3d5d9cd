// The deep-learning library: every function of the language spec's section 8, and a
// lookup by name that includes aliases (silu -> swish).
import type { LibraryFunction } from './types';
import { activationFunctions } from './activations';
import { softmaxFunctions } from './softmax';
import { lossFunctions } from './losses';
import { shapeFunctions } from './shapes';
import { paramFunctions } from './params';
import { costFunctions } from './costs';
import { attentionFunctions } from './attention';
import { normalizationFunctions } from './normalization';
import { graphFunctions } from './graphs';
import { optimizerFunctions } from './optimizers';
import { initFunctions } from './init';
import { adversarialFunctions } from './adversarial';

export type { LibraryFunction, LibraryParam } from './types';

export const libraryFunctions: readonly LibraryFunction[] = [
  ...activationFunctions,
  ...softmaxFunctions,
  ...lossFunctions,
  ...shapeFunctions,
  ...paramFunctions,
  ...costFunctions,
  ...attentionFunctions,
  ...normalizationFunctions,
  ...graphFunctions,
  ...optimizerFunctions,
  ...initFunctions,
  ...adversarialFunctions,
];

function buildIndex(fns: readonly LibraryFunction[]): ReadonlyMap<string, LibraryFunction> {
  const map = new Map<string, LibraryFunction>();
  for (const f of fns) {
    for (const name of [f.name, ...(f.aliases ?? [])]) {
      if (map.has(name)) throw new Error(`dl-calc library: duplicate function name ${name}`);
      map.set(name, f);
    }
  }
  return map;
}

/** Every function by its name and by each alias. */
export const libraryByName: ReadonlyMap<string, LibraryFunction> = buildIndex(libraryFunctions);
