// Warnings on numbers that are probably not what was meant (issue 12, item 9).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../../src/engine';

const engine = createEngine();
function run(body: string) {
  return engine.evaluate({ uri: 'w.md', version: Math.random(), text: `\`\`\`dl-calc\n${body}\n\`\`\`\n` });
}

test('1/0, 1e400, 0/0 and sqrt(-1) each get a warning in Problems and a word at the line end', () => {
  const r = run('a = 1/0\nb = 1e400\nc = sqrt(-1)\nd = 0/0\nm = [1, -1/0]\nk = log(-1)');
  const byName = new Map(r.statements.map((s) => [s.assigns, s]));
  assert.equal(byName.get('a')?.warning?.short, 'infinite');
  assert.match(byName.get('b')!.warning!.message, /past the largest/);
  assert.equal(byName.get('c')?.warning?.short, 'complex');
  assert.equal(byName.get('d')?.warning?.short, 'not a number');
  assert.equal(byName.get('m')?.warning?.short, 'infinite');
  assert.equal(byName.get('k')?.warning?.short, 'complex');
  const warnings = r.diagnostics.filter((d) => d.code === 'value');
  assert.equal(warnings.length, 6);
  assert.ok(warnings.every((d) => d.severity === 'warning'));
  // Still a value, still used downstream: a warning, not an error.
  assert.equal(byName.get('a')?.kind, 'value');
});

test('no warning when the statement says it means it', () => {
  const r = run('e = Infinity\nz = 2 + 3i\nw = sqrt(z)\nv = sqrt(-4) + 0*i\nq = complex(1, 2) * 2\nf = -e\nok = sqrt(4) + 1/2');
  for (const s of r.statements) assert.equal(s.warning, undefined, `${s.source}: ${s.warning?.message}`);
  assert.equal(r.diagnostics.length, 0);
});
