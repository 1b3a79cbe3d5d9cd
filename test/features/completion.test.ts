// Completion and signature help on fixture notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionsAt, opensSuggestions } from '../../src/features/completion';
import { markdownSource } from '../../src/features/markdown';
import { callAt, signatureHelpAt } from '../../src/features/signatureHelp';
import { noteText } from '../../src/features/text';
import { at, note } from './note';

const SOURCE = ['```dl-calc', 'z1 = 0.5', 'a1 = sigmoid(z1)', 'q = ', '```', '', 'Prose `= a1`.'].join('\n');

test('in a block: the names in scope with their values first, then functions and constants', () => {
  const n = note(SOURCE);
  const items = completionsAt(n.result, n.text, at(SOURCE, 'q = ', 4))!;
  const z1 = items.find((i) => i.label === 'z1')!;
  assert.equal(z1.kind, 'variable');
  assert.equal(z1.description, '0.5');
  assert.equal(z1.detail, 'line 2: z1 = 0.5');
  assert.ok(items.find((i) => i.label === 'a1'));
  assert.ok(!items.find((i) => i.label === 'q'), 'the statement being typed is not in scope');
  const sigmoid = items.find((i) => i.label === 'sigmoid')!;
  assert.equal(sigmoid.kind, 'function');
  assert.equal(sigmoid.description, 'dl-calc');
  assert.equal(sigmoid.snippet, 'sigmoid($0)');
  assert.ok(sigmoid.triggerSignatureHelp);
  assert.match(markdownSource(sigmoid.documentation!), /dl-calc library/);
  assert.equal(items.find((i) => i.label === 'sqrt')?.description, 'mathjs');
  assert.equal(items.find((i) => i.label === 'pi')?.kind, 'constant');
  const order = items.map((i) => i.sortText);
  assert.ok(z1.sortText < sigmoid.sortText && sigmoid.sortText < items.find((i) => i.label === 'sqrt')!.sortText);
  assert.ok(order.length > 40);
});

test('nothing outside dl-calc code or in a comment; a block being typed counts', () => {
  const n = note(SOURCE);
  assert.equal(completionsAt(n.result, n.text, at(SOURCE, 'Prose', 3)), undefined);
  const commented = note('```dl-calc\nx = 1 # the \n```\n');
  assert.equal(completionsAt(commented.result, commented.text, at(commented.source, 'the ', 4)), undefined);
  // A fence typed after the run: today's text decides.
  const typed = noteText(`${SOURCE}\n\n\`\`\`dl-calc\nb = \n`);
  assert.ok(completionsAt(n.result, typed, { line: 9, character: 4 }));
});

test('typing a letter of a name in dl-calc code opens the suggestions; digits, exponents, members, comments, strings and prose do not', () => {
  const source = ['```dl-calc', 'x = 3', 'y = soft', 'n = 1e', 'k = x2', 'm = np.ma', 'c = 1 # so', 's = "ab', 'g = α', '```', '', 'Prose so'].join('\n');
  const n = note(source);
  const opens = (line: number, typed: string) => opensSuggestions(n.result, n.text, { line, character: n.text.lineAt(line).length }, typed);
  assert.equal(opens(2, 't'), true, 'soft');
  assert.equal(opens(3, 'e'), false, 'the exponent of 1e');
  assert.equal(opens(4, '2'), false, 'a digit');
  assert.equal(opens(5, 'a'), false, 'after a dot');
  assert.equal(opens(6, 'o'), false, 'in a comment');
  assert.equal(opens(7, 'b'), false, 'in a string');
  assert.equal(opens(8, 'α'), true, 'a Greek name');
  assert.equal(opens(11, 'o'), false, 'prose');
  assert.equal(opens(2, 'ts'), false, 'a paste, not a keystroke');
});

test('the call under the cursor: innermost unclosed call and its argument', () => {
  assert.deepEqual(callAt('y = softmax([1, 2], '), { name: 'softmax', argument: 1 });
  assert.deepEqual(callAt('y = log(exp(2), '), { name: 'log', argument: 1 });
  assert.deepEqual(callAt('y = log(exp(2'), { name: 'exp', argument: 0 });
  assert.equal(callAt('y = [1, 2'), undefined);
  assert.equal(callAt('y = (1 + 2'), undefined);
});

test('signature help: the function, its parameters and the active one, over continued lines', () => {
  const source = '```dl-calc\nz = 1\ny = log(z, # base next\n  2\n```\n';
  const n = note(source);
  const help = signatureHelpAt(n.result, n.text, { line: 3, character: 3 })!;
  assert.equal(help.label, 'log(x, base=e)');
  assert.deepEqual(help.parameters, ['x', 'base=e']);
  assert.equal(help.activeParameter, 1);
  assert.equal(signatureHelpAt(n.result, n.text, at(source, 'z = 1', 5)), undefined, 'not in a call');
});
