// One rule for string literals in dl-calc code: the splitter, the ≈ search, the full-width
// twins and the check-operator colour all read 'single' and "double" quotes the same way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../../../src/engine';
import { checkOperatorRange } from '../../../src/features/inlineResults';
import { maskStrings } from '../../../src/engine/parse/strings';

const note = (body: string) => '```dl-calc\n' + body + '\n```\n';
const run = (body: string) =>
  createEngine().evaluate({ uri: 'file:///s.md', version: 1, text: note(body) }).statements.map((s) => ({
    kind: s.kind,
    shown: s.kind === 'error' ? s.error!.message : s.check ? (s.check.ok ? '✓' : '✗') : s.value!.full,
  }));

test('strings in either quote are blanked, positions and quotes kept; a transpose is not a quote', () => {
  assert.equal(maskStrings(`s = 'a ≈ b'`), `s = '     '`);
  assert.equal(maskStrings(`s = "a ≈ b"`), `s = "     "`);
  assert.equal(maskStrings(`A' ≈ B'`), `A' ≈ B'`);
  assert.equal(maskStrings(`s = "a \\" ; b" ; t`), `s = "        " ; t`);
  assert.equal(maskStrings(`s = 'open`), `s = '    `);
  assert.equal(maskStrings(`s = 'x\ny ≈ 1`), `s = ' \ny ≈ 1`, 'a string ends at the end of its line');
});

test("a ≈ inside a string is text, in single quotes as in double: s = 'a ≈ b' is a value", () => {
  assert.deepEqual(run(`s = 'a ≈ b'`), [{ kind: 'value', shown: '"a ≈ b"' }]);
  assert.deepEqual(run(`s = "a ≈ b"`), [{ kind: 'value', shown: '"a ≈ b"' }]);
  assert.deepEqual(run(`s = 'x ~= y ± 1'`), [{ kind: 'value', shown: '"x ~= y ± 1"' }]);
  // A real check after a string still is one, and a transpose is no quote.
  assert.deepEqual(run(`size(concat('≈', "≈")) ≈ [2]`), [{ kind: 'check', shown: '✓' }]);
  assert.deepEqual(run(`A = [1, 2]\nsum(A' * 2) ≈ 6`).map((s) => s.shown), ['(2) [1, 2]', '✓']);
});

test('; and # inside single quotes split nothing and start no comment', () => {
  assert.deepEqual(run(`s = 'a; b # c'; t = 1`).map((s) => s.shown), ['"a; b # c"', '1']);
});

test('full-width marks inside single quotes stay as written', () => {
  assert.deepEqual(run(`s = '（1）'`).map((s) => s.shown), ['"（1）"']);
});

test('the check operator coloured is the real one, not one inside a string', () => {
  const engine = createEngine();
  const text = note(`size('≈ ≈') == [3]`);
  const r = engine.evaluate({ uri: 'file:///c.md', version: 1, text });
  const range = checkOperatorRange(text.split('\n'), r.statements[0]);
  assert.deepEqual(range && text.split('\n')[1].slice(range.start.character, range.end.character), '==');
});
