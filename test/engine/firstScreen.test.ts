// A first-screen run (EvaluateOptions.untilLine) answers a prefix of the whole run: every
// statement it gives is exactly what the whole run gives, and it is never kept in place of one.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createEngine } from '../../src/engine';
import type { NoteResult } from '../../src/engine/types';

const examples = path.join(__dirname, '..', '..', '..', 'examples');
const note = (body: string) => '```dl-calc\n' + body + '\n```\n';
const strip = (r: NoteResult) => r.statements.map((s) => JSON.parse(JSON.stringify(s)) as unknown);

test('on every bundled example and every cut line, the first screen is a prefix of the whole run', () => {
  const files = fs.readdirSync(examples).filter((f) => f.endsWith('.md'));
  assert.ok(files.length >= 3);
  for (const file of files) {
    const text = fs.readFileSync(path.join(examples, file), 'utf8');
    const whole = strip(createEngine({ latexChecks: false }).evaluate({ uri: file, version: 1, text }));
    const lines = text.split('\n').length;
    const engine = createEngine({ latexChecks: false });
    for (let until = 0; until <= lines; until += Math.max(1, Math.floor(lines / 25))) {
      // A note new to the engine each time (its own uri): nothing of an earlier run to reuse.
      const uri = `${file}#${until}`;
      const screen = engine.evaluate({ uri, version: 1, text }, { untilLine: until });
      const got = strip(screen);
      assert.deepEqual(got, whole.slice(0, got.length), `${file} until line ${until}`);
      assert.equal(screen.partial, got.length < whole.length ? true : undefined, `${file} until line ${until}`);
      // Asked again without the limit, the same engine answers the whole run, not the screen.
      assert.deepEqual(strip(engine.evaluate({ uri, version: 1, text })), whole, `${file} after the screen at ${until}`);
    }
  }
});

test('the first screen runs only the statements on its lines and ends before a name it cannot tell', () => {
  const engine = createEngine();
  const text = note('a = 1\nb = a + 1\nc = d * 2\nd = 3\ne = 4');
  const screen = engine.evaluate({ uri: 'n', version: 1, text }, { untilLine: 3 });
  // c reads d, which only the lines below define ("defined later" in the whole run): the screen stops before c.
  assert.deepEqual(screen.statements.map((s) => s.value?.short), ['1', '2']);
  assert.equal(screen.partial, true);
  assert.deepEqual(screen.latex, []);
  const whole = engine.evaluate({ uri: 'n', version: 1, text });
  assert.equal(whole.partial, undefined);
  assert.match(whole.statements[2].error!.message, /line 5/);
  assert.equal(whole.statements.length, 5);
});

test('a screen that reaches past the last statement is the whole run, checks included', () => {
  const engine = createEngine();
  const text = note('x = 0.5\ny = 2 * x') + '\nSo $2 \\times 0.5 = 1$.\n';
  const screen = engine.evaluate({ uri: 's', version: 1, text }, { untilLine: 100 });
  assert.equal(screen.partial, undefined);
  assert.equal(screen.statements.length, 2);
  assert.equal(screen.latex.length, 1);
});
