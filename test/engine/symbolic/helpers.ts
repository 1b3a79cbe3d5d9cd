// A symbolic-check environment on the engine's own sandboxed mathjs instance.
import { createSandboxedMath } from '../../../src/engine/mathInstance';
import { symbolicEnvOf } from '../../../src/engine/latex/symbolicEnv';

export const sandbox = createSandboxedMath({ maxMatrixElements: () => 1_000_000 });
export const env = symbolicEnvOf(sandbox);
