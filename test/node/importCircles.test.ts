// No import circles between the modules under src/: data flows one way (text → parse →
// run → views), and a circle is where that breaks. Every relative `import`, `export … from`
// and `require('./…')` counts, type-only imports too (a type import still ties two files
// together for a reader).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const src = path.join(repoRoot, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const SPECIFIER = /(?:\bimport\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?|\bexport\s+(?:type\s+)?[^'"`;]*?\s+from\s+|\brequire\(\s*|\bimport\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** The relative imports of each file under src/. */
export function importGraph(root = src): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files(root)) {
    // Comments may quote an import; strip them first.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
    const deps = new Set<string>();
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolve(file, m[1]);
      if (target && target.startsWith(root)) deps.add(target);
    }
    graph.set(file, [...deps]);
  }
  return graph;
}

/** Every strongly connected group of more than one file (or a file importing itself). */
export function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(group.map((f) => path.relative(repoRoot, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return out;
}

test('the circle finder finds a circle and the import reader reads every form', () => {
  const a = '/a.ts';
  const b = '/b.ts';
  const c = '/c.ts';
  assert.deepEqual(circles(new Map([[a, [b]], [b, [c]], [c, [a]]])).length, 1);
  assert.deepEqual(circles(new Map([[a, [b]], [b, [c]], [c, []]])), []);
  const forms = ["import x from './a';", "import type { X } from './a';", "export { y } from './a';", "const z = require('./a');", "import './a';"];
  for (const form of forms) assert.ok([...form.matchAll(SPECIFIER)].length === 1, form);
});

test('no import circle between the modules under src/', () => {
  const found = circles(importGraph());
  assert.deepEqual(found, [], `import circles:\n${found.map((g) => `  ${g.join(' ↔ ')}`).join('\n')}`);
});
