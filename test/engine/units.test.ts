// Units stay units and names stay names: the engine answers mathjs's "is this name a unit?"
// itself (a name with a character no unit or prefix has is not one, the rest asked once and
// remembered), and must answer exactly as mathjs's own scan of its units does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as mathjs from 'mathjs';
import { createEngine } from '../../src/engine';
import { createSandboxedMath } from '../../src/engine/mathInstance';

function shown(lines: string[]): string[] {
  const text = '```dl-calc\n' + lines.join('\n') + '\n```\n';
  return createEngine()
    .evaluate({ uri: 'units.md', version: 1, text })
    .statements.map((s) => (s.kind === 'error' ? `error: ${s.error?.message}` : String(s.value?.short)));
}

test('units with prefixes, units with digits, and names that only look like units', () => {
  assert.deepEqual(shown(['5 cm + 2 mm', 'd = 3 km', 'd to m', '2 m2', 'x = 3 MB', 'z_1 = 2', 'z_1 * 2', 'm2_x = 4', 'km_1 = 5', 'km_1 + 1', '学习率 = 0.1', '学习率 * 2']), [
    '5.2 cm', '3 km', '3000 m', '2 m2', '3 MB', '2', '4', '4', '5', '6', '0.1', '0.2',
  ]);
});

test('the answer for every unit name, every prefixed unit and names around them matches mathjs', () => {
  const sandbox = createSandboxedMath({ maxMatrixElements: () => 1e6 });
  const reference = mathjs.create(mathjs.all);
  const names = new Set<string>(['', '_', '学习率', 'z_1', 'W1', 'lr', 'eta']);
  for (const [name, unit] of Object.entries((reference as any).Unit.UNITS as Record<string, { prefixes: Record<string, unknown> }>)) {
    for (const prefix of Object.keys(unit.prefixes)) for (const around of ['', '_1', '2', '3', 'x']) names.add(prefix + name + around);
    names.add(`x${name}`);
  }
  const wrong: string[] = [];
  // Twice: the first answer is computed, the second remembered.
  for (let round = 0; round < 2; round++) {
    for (const name of names) {
      const expected = (reference as any).Unit.isValuelessUnit(name) as boolean;
      if (sandbox.isUnit(name) !== expected || (sandbox.math as any).Unit.isValuelessUnit(name) !== expected) wrong.push(`${name}: mathjs says ${expected}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(names.size > 1000, `${names.size} names`);
});
