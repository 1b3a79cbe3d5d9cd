// The engine runs in Node, in a worker and in a browser: bundling it for the browser
// must not pull in any Node built-in (fs, path, worker_threads, ...).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const root = path.join(__dirname, '..', '..', '..');

test('src/engine bundles for the browser without Node built-ins', async () => {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'engine', 'index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile!.inputs);
  assert.ok(inputs.some((i) => i.includes('mathjs')), 'mathjs is bundled');
  const nodeOnly = inputs.filter((i) => /^(node:|fs$|path$|worker_threads$|child_process$)/.test(i));
  assert.deepEqual(nodeOnly, []);
  // And it evaluates once loaded as a module.
  const code = result.outputFiles[0].text;
  assert.ok(!/require\("(fs|path|worker_threads)"\)/.test(code));
});
