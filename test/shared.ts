// The real notes, next to the repository and never part of it: `../shared` found relative
// to the repository root, on any machine; DL_CALC_SHARED names another place (a worktree
// kept elsewhere). Tests that read them skip, saying so, when the folder is absent.
import * as path from 'node:path';

/** The repository root, from out/test. */
export const repoRoot = path.resolve(__dirname, '..', '..');
export const sharedDir = process.env.DL_CALC_SHARED ?? path.resolve(repoRoot, '..', 'shared');
/** The students' notes (each with a .claims.tsv) and the course corpus. */
export const sharedNotesDir = path.join(sharedDir, 'notes');
export const sharedCorpusDir = path.join(sharedDir, 'corpus');
