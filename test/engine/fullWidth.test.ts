// Full-width punctuation from a Chinese input method (issue 12, item 4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine } from '../../src/engine';
import { asciiTwins, fullWidthHint } from '../../src/engine/fullWidth';

const engine = createEngine();
const run = (body: string) => engine.evaluate({ uri: 'f.md', version: Math.random(), text: `\`\`\`dl-calc\n${body}\n\`\`\`\n` }).statements;

test('the listed marks read as their ASCII twins outside strings, keeping every position', () => {
  assert.equal(asciiTwins('x2 ＝ softmax（［1，2］）× 3 ÷ 2 － 1 ＋ 1；'), 'x2 = softmax([1,2])* 3 / 2 - 1 + 1;');
  assert.equal(asciiTwins('s = "＝（"'), 's = "＝（"');
  assert.equal(asciiTwins('a＝1').length, 3);
});

test('statements with full-width marks evaluate as the ASCII ones would', () => {
  const [x2, sm, c, d, m] = run('x2 ＝ 3\nsoftmax（[1,2,3]）\nc = 1；d = 2\nm = ［1，2］ × 3 ÷ 2 － 1 ＋ 1');
  assert.equal(x2.value?.short, '3');
  assert.equal(sm.value?.short, '(3) [0.0900306, 0.244728, 0.665241]');
  assert.equal(c.value?.short, '1');
  assert.equal(d.value?.short, '2');
  assert.equal(m.value?.short, '(2) [1.5, 3]');
  assert.equal(run('s = "＝（"')[0].value?.short, '"＝（"');
});

test('where a twin would be a guess, the error names the mark and what to type', () => {
  const [comma, lt] = run('a = 1，b = 2\nq = 1 ＜ 2');
  assert.equal(comma.error?.message, 'full-width ，: use ; between statements');
  assert.deepEqual(comma.error?.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } });
  assert.equal(lt.error?.message, 'full-width ＜: use <');
  assert.equal(fullWidthHint('f（a，b）'), undefined); // a comma inside brackets is a comma
});

test('never "Syntax error: Syntax error"', () => {
  for (const s of run('z = 1 @ 2\n1 + * 2\nx = (1 + 2\na b c\n))')) {
    assert.equal(s.kind, 'error');
    assert.doesNotMatch(s.error!.message, /Syntax error.*Syntax error/);
    assert.match(s.error!.message, /^Syntax error: \S/);
  }
});
