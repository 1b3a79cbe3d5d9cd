// Bundles of an earlier commit, for figures measured against it ("today" in issue 14): its
// sources from `git archive`, bundled with esbuild as its scripts/build.mjs did.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.join(__dirname, '..', '..', '..');

/** The commit issue 14 was measured on ("today"). */
export const TODAY = 'fa3af74';

/** One bundle: a source file of the commit (relative to its root) and the file name to write. */
export interface Entry {
  entry: string;
  outfile: string;
  banner?: string;
}

/**
 * Builds `entries` of `commit` into `dir` (all in that one folder), from the commit's `sources`
 * (paths for `git archive`); the bundles' paths, or undefined without git or the commit.
 * Bundles already there are reused.
 */
export function buildOfCommit(commit: string, dir: string, entries: Entry[], sources = ['src']): string[] | undefined {
  const outs = entries.map((e) => path.join(dir, e.outfile));
  if (outs.every((f) => fs.existsSync(f))) return outs;
  const made = !fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true });
  const tar = path.join(dir, 'sources.tar');
  const extracted = spawnSync('git', ['archive', '-o', tar, commit, ...sources], { cwd: root }).status === 0 && spawnSync('tar', ['-xf', tar, '-C', dir]).status === 0;
  fs.rmSync(made && !extracted ? dir : tar, { recursive: true, force: true });
  if (!extracted) return undefined;
  for (const [i, e] of entries.entries()) {
    esbuild.buildSync({
      entryPoints: [path.join(dir, e.entry)],
      outfile: outs[i],
      bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'],
      banner: e.banner === undefined ? undefined : { js: e.banner },
      nodePaths: [path.join(root, 'node_modules')], logLevel: 'error',
    });
  }
  return outs;
}
