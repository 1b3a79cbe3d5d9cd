// Bundles the extension, the evaluation worker and the CLI with esbuild.
// The worker is its own bundle so that loading mathjs never happens on the extension host's thread.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { writeNotices } from './notices.mjs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode'],
  metafile: true,
};

const entries = [
  { entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['src/node/evaluationWorker.ts'], outfile: 'dist/evaluationWorker.js' },
  // The preview plugin and the HTML export, loaded by the extension on first use.
  { entryPoints: ['src/extension/renderBundle.ts'], outfile: 'dist/render.js' },
  // The CLI: in the npm package (`npx dl-calc`), not in the .vsix.
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
].filter((e) => e.entryPoints.every((p) => existsSync(p)));

// KaTeX's browser files for the Show Derivation webview: the .vsix carries no
// node_modules (vsce --no-dependencies), so they ship inside dist/.
mkdirSync('dist/katex', { recursive: true });
for (const file of ['katex.min.css', 'katex.min.js']) cpSync(`node_modules/katex/dist/${file}`, `dist/katex/${file}`);
cpSync('node_modules/katex/dist/fonts', 'dist/katex/fonts', { recursive: true });

if (watch) {
  for (const e of entries) (await esbuild.context({ ...common, ...e })).watch();
} else {
  const results = await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  // The licences of every package the bundles contain (plus KaTeX's copied files).
  writeNotices(results.map((r) => r.metafile), ['katex']);
}
