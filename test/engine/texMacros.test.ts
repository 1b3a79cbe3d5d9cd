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

/** Each checked link of the note's math, as `latex → ok`, in document order. */
function verdicts(text: string, settings: Parameters<ReturnType<typeof createEngine>['configure']>[0] = {}) {
  const engine = createEngine(settings);
  const result = engine.evaluate({ uri: 'defs.md', version: 1, text });
  return {
    result,
    links: (result.latex ?? []).filter((c) => c.status !== 'skipped').flatMap((c) => c.links.map((l) => `${c.latex.trim()} → ${l.ok}`)),
  };
}

test('a note\'s own \\def, \\gdef and \\newcommand hold from there on, in later formulas too (as the preview\'s KaTeX reads them)', () => {
  const text = [
    'Before it is defined, $\\half \\times 2 = 1$ is not read.',
    '',
    '$$\\def\\half{\\frac{1}{2}}\\newcommand{\\sq}[1]{{#1}^2}$$',
    '',
    'Then $\\half \\times 2 = 1$ holds, and $\\sq{3} = 10$ is wrong.',
    'In the same formula: $\\gdef\\two{2} \\two + \\two = 4$.',
    '',
  ].join('\n');
  const { links, result } = verdicts(text);
  // (The chain reads the math expanded.)
  assert.deepEqual(links, ['\\frac{1}{2} \\times 2 = 1 → true', '{3}^2 = 10 → false', '2 + 2 = 4 → true']);
  // The warning sits on the written 10, in the note's own text.
  const warning = result.diagnostics.find((d) => d.code === 'latex')!;
  assert.equal(text.split('\n')[warning.range.start.line].slice(warning.range.start.character, warning.range.end.character), '10');
  assert.equal(warning.range.start.line, 4);
});

test('\\renewcommand changes later formulas, \\providecommand does not override, \\let copies the meaning it has then', () => {
  const text = [
    '$\\newcommand{\\k}{3}$ $\\k + 1 = 4$',
    '$\\renewcommand{\\k}{5}$ $\\k + 1 = 6$',
    '$\\providecommand{\\k}{7}$ $\\k = 5$',
    '$\\let\\j=\\k$ $\\renewcommand{\\k}{1}$ $\\j + \\k = 6$',
    '$\\def\\m#1#2{#1 \\cdot #2}$ $\\m{2}{3} = 7$',
    '',
  ].join('\n');
  assert.deepEqual(verdicts(text).links, ['3 + 1 = 4 → true', '5 + 1 = 6 → true', '5 = 5 → true', '5 + 1 = 6 → true', '2 \\cdot 3 = 7 → false']);
});

test('definitions the checker cannot read exactly leave the math that uses them unchecked, never misread', () => {
  const text = [
    // Inside a group: its reach depends on TeX grouping.
    '${\\def\\t{3}} \\t = 3$ and later $\\t + 1 = 5$.',
    // Delimited parameters, an optional argument, a count that does not match the body.
    '$\\def\\f#1.{#1}$ $\\f 3. = 4$',
    '$\\newcommand{\\g}[1][2]{#1}$ $\\g = 5$',
    '$\\newcommand{\\h}[2]{#1}$ $\\h{1}{2} = 9$',
    // A definition with no end.
    '$\\def\\u{1 = 2$',
    // Math that does not use them is still checked.
    '$1 + 1 = 3$',
    '',
  ].join('\n');
  assert.deepEqual(verdicts(text).links, ['1 + 1 = 3 → false']);
});

test('settings macros and note definitions together; other-delimiter math sees the definitions above it', () => {
  const text = ['$\\def\\half{\\frac{1}{2}}$', '', 'Other delimiters: \\(\\half \\times \\R = 3\\) and \\(\\half \\times 4 = 2\\).', ''].join('\n');
  const { links } = verdicts(text, { latexOtherDelimiters: true, latexMacros: usableMacros({ '\\R': '6' }) });
  assert.deepEqual(links, ['\\frac{1}{2} \\times 6 = 3 → true', '\\frac{1}{2} \\times 4 = 2 → true']);
  // Without other delimiters on, nothing is read there.
  assert.deepEqual(verdicts(text).links, []);
});

test('hostile definitions end quickly: thousands of them, a self-defining one, a body that defines', { timeout: 60_000 }, () => {
  const many = Array.from({ length: 3000 }, (_, i) => `$\\def\\m${'abcdefghij'[i % 10]}${'abcdefghij'[Math.floor(i / 10) % 10]}${'abcdefghij'[Math.floor(i / 100) % 10]}{${i}}$`).join(' ');
  const text = [many, '$\\def\\loop{\\loop x}$ $\\loop = 1$', '$\\def\\mk{\\def\\z{2}}$ $\\mk \\z = 2$', '$1 + 2 = 3$', ''].join('\n');
  const { links } = verdicts(text);
  assert.deepEqual(links, ['1 + 2 = 3 → true']);
});
