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

const externalTexSvg = {
  name: 'external-tex-svg',
  setup(build) {
    build.onResolve({ filter: /^\.\/texSvg$/ }, () => ({ path: './texSvg.js', external: true }));
  },
};

const entries = [
  { entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js' },
  // MathJax (hover SVGs) is a bundle of its own, required by the SVG worker on first use,
  // so the engine worker's start-up never parses it.
  { entryPoints: ['src/node/evaluationWorker.ts'], outfile: 'dist/evaluationWorker.js', plugins: [externalTexSvg] },
  { entryPoints: ['src/node/texSvg.ts'], outfile: 'dist/texSvg.js' },
  // Starts the engine worker's bundle through V8's code cache.
  { entryPoints: ['src/node/workerLoader.ts'], outfile: 'dist/workerLoader.js' },
  // The preview plugin and the HTML export, loaded by the extension on first use.
  { entryPoints: ['src/extension/renderBundle.ts'], outfile: 'dist/render.js' },
  // The CLI: in the npm package (`npx dl-calc`), not in the .vsix.
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The CLI's other parts, loaded only when used: the process that checks notes, and `render`.
  { entryPoints: ['src/cli/checkProcess.ts'], outfile: 'dist/checkProcess.js' },
  { entryPoints: ['src/cli/renderCommand.ts'], outfile: 'dist/renderCommand.js' },
].filter((e) => e.entryPoints.every((p) => existsSync(p)));

// The web build (package.json "browser": vscode.dev, github.dev): the same extension for the
// browser's extension host, with the web twins of what needs Node swapped in here.
const webTwins = {
  name: 'web-twins',
  setup(build) {
    const twin = (file) => ({ path: new URL(`../src/web/${file}`, import.meta.url).pathname });
    build.onResolve({ filter: /\/node\/evaluationClient$/ }, () => twin('evaluationClient.ts'));
    build.onResolve({ filter: /^\.\/renderLoader$/ }, () => twin('renderLoader.ts'));
    build.onResolve({ filter: /\/node\/imageReader$/ }, () => twin('imageReader.ts'));
    build.onResolve({ filter: /^(node:)?path$/ }, () => twin('shims/path.ts'));
    build.onResolve({ filter: /^(node:)?fs$/ }, () => twin('shims/fs.ts'));
  },
};
const web = { ...common, platform: 'browser', target: 'es2022', plugins: [webTwins] };
const webEntries = [
  { ...web, entryPoints: ['src/web/main.ts'], outfile: 'dist/web/extension.js', format: 'cjs' },
  { ...web, entryPoints: ['src/web/evaluationWorker.ts'], outfile: 'dist/web/evaluationWorker.js', format: 'iife' },
];

// KaTeX's browser files for the Show Derivation webview: the .vsix carries no
// node_modules (vsce --no-dependencies), so they ship inside dist/.
mkdirSync('dist/katex', { recursive: true });
for (const file of ['katex.min.css', 'katex.min.js']) cpSync(`node_modules/katex/dist/${file}`, `dist/katex/${file}`);
cpSync('node_modules/katex/dist/fonts', 'dist/katex/fonts', { recursive: true });

if (watch) {
  for (const e of entries) (await esbuild.context({ ...common, ...e })).watch();
  for (const e of webEntries) (await esbuild.context(e)).watch();
} else {
  const results = await Promise.all([...entries.map((e) => esbuild.build({ ...common, ...e })), ...webEntries.map((e) => esbuild.build(e))]);
  // The licences of every package the bundles contain (plus KaTeX's copied files).
  writeNotices(results.map((r) => r.metafile), ['katex']);
}
