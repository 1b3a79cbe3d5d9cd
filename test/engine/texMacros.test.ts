// User macros (markdown.math.macros, markdown.extension.katex.macros, --macros) in the checker.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine, expandMacros, usableMacros } from '../../src/engine';

const macros = usableMacros({ '\\R': '\\mathbb{R}', '\\half': '\\frac{1}{2}', '\\sq': '{#1}^2', '\\avg': '\\frac{#1+#2}{2}', '\\lr': '\\eta' });

test('macros expand as KaTeX expands them: arguments are groups or single tokens, results expand again', () => {
  assert.equal(expandMacros('x \\in \\R', macros)?.text, 'x \\in \\mathbb{R}');
  assert.equal(expandMacros('\\half + 1', macros)?.text, '\\frac{1}{2} + 1');
  assert.equal(expandMacros('\\sq{3} = \\sq 4', macros)?.text, '{3}^2 = {4}^2');
  assert.equal(expandMacros('\\avg{1}{\\half}', macros)?.text, '\\frac{1+\\frac{1}{2}}{2}');
  assert.equal(expandMacros('\\halfway \\R_+', macros)?.text, '\\halfway \\mathbb{R}_+');
  assert.equal(expandMacros('\\lr x', macros)?.text, '\\eta x');
  assert.equal(expandMacros('\\lr{}x', macros)?.text, '\\eta{}x');
});

test('positions map back into the note: argument text to itself, a macro\'s own text to the macro', () => {
  const e = expandMacros('a + \\sq{3}', macros)!;
  assert.equal(e.text, 'a + {3}^2');
  assert.equal(e.origin[e.text.indexOf('3')], 'a + \\sq{3}'.indexOf('3'));
  assert.equal(e.origin[e.text.indexOf('^')], 4);
  assert.equal(e.origin[e.text.length], 'a + \\sq{3}'.length);
});

test('what cannot be read exactly is undefined: a missing argument, a macro that defines itself', () => {
  assert.equal(expandMacros('\\sq', macros), undefined);
  assert.equal(expandMacros('\\loop', usableMacros({ '\\loop': '\\loop\\loop' })), undefined);
  assert.equal(expandMacros('\\big', usableMacros({ '\\big': '\\big\\big x' })), undefined);
  // Names KaTeX would not take, and bodies that are not strings, are left out.
  assert.deepEqual(usableMacros({ R: 'x', '\\ok': 'y', '\\n': 3, '\\a b': 'z' }), { '\\ok': 'y' });
  assert.deepEqual(usableMacros(['\\R']), {});
});

test('the checker reads math with the macros expanded, and flags the right place', () => {
  const engine = createEngine();
  const text = 'Half of two: $\\half \\times 2 = 1$. Squared: $\\sq{3} = 10$.\n';
  const plain = engine.evaluate({ uri: 'a.md', version: 1, text });
  assert.ok(plain.latex?.every((c) => c.links.every((l) => l.ok !== false)), 'without macros nothing is flagged');
  engine.configure({ latexMacros: macros });
  const result = engine.evaluate({ uri: 'a.md', version: 2, text });
  const links = (result.latex ?? []).flatMap((c) => c.links.map((l) => l.ok));
  assert.deepEqual(links, [true, false]);
  const warning = result.diagnostics.find((d) => d.code === 'latex');
  assert.ok(warning);
  // At the written 10, which is in the note's own text.
  assert.equal(text.split('\n')[warning.range.start.line].slice(warning.range.start.character, warning.range.end.character), '10');
});

test('hostile macro sets end quickly: exponential growth is cut off', () => {
  const bomb = usableMacros({ '\\a': '\\b\\b', '\\b': '\\c\\c', '\\c': '\\d\\d', '\\d': '\\e\\e', '\\e': '\\f\\f', '\\f': 'xxxxxxxxxxxxxxxxxxxxxxxxxx\\a' });
  assert.equal(expandMacros('\\a', bomb), undefined);
  const long = '\\sq{1}'.repeat(5000);
  assert.equal(expandMacros(long, macros), undefined);
});
