// The translate fixtures (fixtures/translate/*.txt): each LaTeX segment's mathjs
// expression, value, readable form, skip reason and tree outline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultEvaluate, defaultEvaluateAny, translate } from '../../../src/engine/latex';
import { lex } from '../../../src/engine/latex/lexer';
import { parseSegment } from '../../../src/engine/latex/translate';
import { outline, parseTranslateFixtures } from './fixtureFormat';
import { fixturesDir } from './helpers';

const dir = path.join(fixturesDir, 'translate');

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  const cases = parseTranslateFixtures(file, fs.readFileSync(path.join(dir, file), 'utf8'));
  test(`translate fixtures ${file} (${cases.length} cases)`, () => {
    assert.ok(cases.length > 0);
    for (const c of cases) {
      const where = `${c.file}:${c.line}: ${c.latex}`;
      const t = translate(lex(c.latex), c.latex);
      if (c.reason !== undefined) {
        assert.equal(t.ok ? `translates to ${t.expression}` : t.reason, c.reason, where);
      } else {
        assert.ok(t.ok, `${where}: skipped: ${t.ok ? '' : t.reason}`);
        if (c.expression !== undefined) assert.equal(t.expression, c.expression, where);
        if (c.plain !== undefined) assert.equal(t.plain, c.plain, where);
        if (c.value !== undefined) {
          // A number, or a list / matrix written as JSON.
          const got = [defaultEvaluateAny(t.expression, {})].flat(3) as number[];
          const want = [JSON.parse(c.value) as number | number[]].flat(3) as number[];
          assert.equal(got.length, want.length, `${where}: ${JSON.stringify(got)} ≠ ${c.value}`);
          got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= 1e-11 * Math.max(1, Math.abs(want[i])), `${where}: ${v} ≠ ${want[i]}`));
        }
      }
      if (c.tree !== undefined) {
        const p = parseSegment(lex(c.latex), c.latex);
        assert.ok(p.ok, `${where}: does not parse: ${p.ok ? '' : p.reason}`);
        assert.equal(outline(p.ast), c.tree, where);
      }
    }
  });
}

test('names are listed in order of first use', () => {
  const src = 'w_1 + w_{new} + \\lambda \\eta + w_{2,\\mathrm{new}} + \\eta_{t}';
  const t = translate(lex(src), src);
  assert.ok(t.ok);
  assert.deepEqual(t.names, ['w1', 'w_new', 'lambda', 'eta', 'w2_new', 'eta_t']);
  assert.equal(defaultEvaluate(t.expression, { w1: 1, w_new: 2, lambda: 0.1, eta: 0.5, w2_new: 3, eta_t: 4 }), 10.05);
});

test('every node knows where it was written', () => {
  const src = 'a_1 + \\frac{1}{2}(1 - \\sigma(z))';
  const p = parseSegment(lex(src), src);
  assert.ok(p.ok);
  assert.equal(src.slice(p.ast.start, p.ast.end), src);
  assert.ok(p.ast.k === 'bin');
  assert.equal(src.slice(p.ast.a.start, p.ast.a.end), 'a_1');
  assert.equal(src.slice(p.ast.b.start, p.ast.b.end), '\\frac{1}{2}(1 - \\sigma(z))');
});
