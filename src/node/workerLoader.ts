// Starts the evaluation worker's bundle through V8's code cache. Compiling the 2.6 MB
// bundle (mathjs and the engine) is a large part of a cold start; V8 can reuse the code
// it compiled last time, including the functions the first evaluation compiled lazily.
// The cache is a file per bundle, Node version and architecture in a per-user folder;
// V8 checks it against the source and rejects one that does not match, and then this
// compiles as if there were none and writes a new one.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { parentPort, resourceLimits, workerData, type Transferable } from 'node:worker_threads';
import type { WorkerData } from './protocol';

const data = workerData as WorkerData;
const bundle = data.bundle!;
const source = fs.readFileSync(bundle, 'utf8');
const cacheFile = data.codeCacheDir ? path.join(data.codeCacheDir, cacheName(bundle, source)) : undefined;
let cachedData: Buffer | undefined;
try {
  if (cacheFile) cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
const loaded = { exports: {} };
const run = script.runInThisContext() as (...args: unknown[]) => void;
run.call(loaded.exports, loaded.exports, Module.createRequire(bundle), loaded, bundle, path.dirname(bundle));

// Written once, just before the first answer leaves: by then the start-up and the first
// evaluation are compiled, and the cache holds them too. (After the answer, a host that
// stops the worker at once, as the CLI does, would cut the write short.)
const port = parentPort;
if (port && cacheFile && (!cachedData || script.cachedDataRejected)) {
  const post = port.postMessage.bind(port);
  port.postMessage = (message: unknown, transfer?: readonly Transferable[]) => {
    if (message && typeof message === 'object' && 'ok' in message) {
      port.postMessage = post;
      writeCache(cacheFile, script.createCachedData());
    }
    post(message, transfer as Transferable[]);
  };
}

function writeCache(file: string, code: Buffer): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // A whole file or none: another worker may be reading it.
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, file);
  } catch {
    // No cache (a read-only folder, a full disk): the next start compiles again.
    return;
  }
  pruneCaches(file);
}

/** Caches of one bundle kept: a few builds and flag sets (the editor's, the CLI's check and render) share the folder. */
const KEPT = 8;

/**
 * Every build of a bundle gets its own cache (1.5–2 MB each): a new one removes the oldest
 * beyond the newest `KEPT` of the same bundle, and temporary files left by a crashed write.
 */
function pruneCaches(file: string): void {
  try {
    const dir = path.dirname(file);
    const prefix = path.basename(file).replace(/-[^-]*\.v8cache$/, '-');
    const now = Date.now();
    const caches: { name: string; mtimeMs: number }[] = [];
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith(prefix)) continue;
      const stat = fs.statSync(path.join(dir, name));
      if (name.endsWith('.v8cache')) caches.push({ name, mtimeMs: stat.mtimeMs });
      else if (name.endsWith('.tmp') && now - stat.mtimeMs > 60 * 60_000) fs.rmSync(path.join(dir, name), { force: true });
    }
    caches.sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { name } of caches.slice(KEPT)) if (name !== path.basename(file)) fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    // Another worker pruned first, or the folder is read-only: nothing lost but disk.
  }
}

function cacheName(file: string, text: string): string {
  // Size and modification time name this build of the bundle; V8 checks the source itself.
  // V8 also rejects a cache made under other flags (a heap size: the CLI's checking
  // processes start with one, `render` and the editor without), so they are in the name:
  // otherwise each would reject and rewrite the other's cache, and none would start from one.
  const stat = fs.statSync(file);
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? '', JSON.stringify(resourceLimits)].join(' ');
  const key = [path.basename(file), text.length, stat.mtimeMs, process.version, process.arch, flags].join('-');
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return `${path.basename(file, '.js')}-${(hash >>> 0).toString(36)}.v8cache`;
}
