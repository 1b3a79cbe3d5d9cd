// Issue 9 in the extension host: derivative claims written in a note's LaTeX, checked
// at seeded points: a ✓ and "checked at …" on a verified claim, a warning with the point
// and both values on a wrong one, and a quick fix that inserts a dl-calc block evaluating
// both sides there (one undoable edit).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { decorationsByLine, hoverText, open, positionOf, until } from './helpers';

const latexWarnings = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'dl-calc' && d.code === 'latex');

suite('derivative claims in LaTeX', () => {
  test('verified claims get a ✓ and a hover naming the points', async () => {
    const editor = await open('derivatives.md');
    const marks = await decorationsByLine(editor.document);
    assert.equal(marks.get(9), '✓', JSON.stringify([...marks]));
    assert.equal(marks.get(13), '✓', JSON.stringify([...marks]));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, "\\sigma'(z)", 2));
    assert.match(hoverText(hovers), /checked at z = −?[\d.]+(, −?[\d.]+){4}/u, hoverText(hovers));
  });

  test('a wrong derivative: a warning at its right side with the point and both values; the block quick fix is one undoable edit', async () => {
    const editor = await open('derivatives.md');
    await decorationsByLine(editor.document);
    const [warning] = await until(() => {
      const w = latexWarnings(editor.document.uri);
      return w.length ? w : undefined;
    }, 'the warning on the wrong derivative');
    assert.equal(warning.range.start.line, 16);
    assert.equal(editor.document.getText(warning.range), '\\frac{1 - x^2}{1 + x^2}');
    const m = /^at x = (−?[\d.]+) the derivative of Soft is (−?[\d.]+), the right side gives (−?[\d.]+)$/u.exec(warning.message);
    assert.ok(m, warning.message);
    const x = Number(m[1].replace('−', '-'));
    const truth = (1 - x * x) / (1 + x * x) ** 2;
    const written = (1 - x * x) / (1 + x * x);
    assert.ok(Math.abs(Number(m[2].replace('−', '-')) - truth) < 0.01 * Math.max(1, Math.abs(truth)), warning.message);
    assert.ok(Math.abs(Number(m[3].replace('−', '-')) - written) < 0.01 * Math.max(1, Math.abs(written)), warning.message);
    assert.equal(latexWarnings(editor.document.uri).length, 1, 'the correct claims are not flagged');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, warning.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith('Insert a dl-calc block that evaluates both sides at x = '));
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    const before = editor.document.getText();
    await vscode.workspace.applyEdit(fix.edit);
    const after = editor.document.getText();
    assert.ok(after.includes('```dl-calc\n# '), after);
    // The block's last two lines show the two values of the message.
    const marks = await decorationsByLine(editor.document);
    const lineOf = (prefix: string) => editor.document.getText().split('\n').findIndex((l) => l.startsWith(prefix)) + 1;
    const leftLine = lineOf(`check_left(${x})`);
    const rightLine = lineOf(`check_right(${x})`);
    assert.ok(leftLine > 0 && rightLine > 0, after);
    const valueOn = (line: number) => Number((marks.get(line) ?? '').replace(/^→\s*/, '').replace('−', '-'));
    assert.ok(Math.abs(valueOn(leftLine) - truth) < 1e-4, `${marks.get(leftLine)} vs ${truth}`);
    assert.ok(Math.abs(valueOn(rightLine) - written) < 1e-4, `${marks.get(rightLine)} vs ${written}`);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo removes the block');
  });
});
