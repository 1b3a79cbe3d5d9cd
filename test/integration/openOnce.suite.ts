// Opening a note evaluates it once, and a note whose tabs were closed (its results dropped
// while VS Code keeps the document) is evaluated again when it is shown. A long note shows
// its first screen's values before the whole note's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, decorationsByLine, positionOf, until, workspaceFile } from './helpers';
import { bigNote } from './perfNotes';

/** A note of its own, written for this suite, with a block the user sees values of. */
async function writeNote(name: string, x: number): Promise<vscode.Uri> {
  const uri = workspaceFile(name);
  const text = `# Open once ${x}\n\n\`\`\`dl-calc\nx = ${x}\ny = x * 3\nz = sigmoid(0)\n\`\`\`\n`;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  return uri;
}

async function show(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

suite('dl-calc: opening a note', () => {
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('a note just opened is evaluated once for its version', async () => {
    const dl = await api();
    // A long note (its run is still under way when VS Code reports the editor shown),
    // opened into an empty window, as the perf suite opens it.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const first = workspaceFile('open-once-a.md');
    await vscode.workspace.fs.writeFile(first, Buffer.from(bigNote(70 * 1024)));
    const editor = await show(first);
    await dl.waitForDecorations(first, editor.document.version, 120_000);
    assert.ok((dl.result(first)?.summary.statements ?? 0) > 400);
    // The worker answers in order: once a note opened after it has results, any second
    // run of the first note's version queued by the open would have finished too.
    const second = await show(await writeNote('open-once-b.md', 4));
    assert.equal((await decorationsByLine(second.document)).get(5), '→ 12');
    const runs = dl.evaluationTimes().filter((t) => t.uri === first.toString() && t.version === editor.document.version);
    assert.equal(runs.length, 1, `the note was evaluated ${runs.length} times for one version`);
  });

  test('a long note shows the values of its first screen, then of the whole note', async () => {
    const dl = await api();
    const uri = workspaceFile('open-first-screen.md');
    // 40 blocks, one every 11 lines: 442 lines, more than twice a screen.
    const blocks = Array.from({ length: 40 }, (_, i) => `## Part ${i}\n\nSome prose.\n\n\`\`\`dl-calc\nv${i} = ${i} * 3\nw${i} = v${i} + 1\n\`\`\`\n\n\n\n`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from('# A long note\n\n' + blocks.join('')));
    // Asked before the open: resolves at the note's very first decorations.
    const first = dl.waitForFirstScreen(uri, 1, 120_000);
    const editor = await show(uri);
    const screen = await first;
    assert.equal(screen.firstScreen, true);
    assert.equal(screen.complete, false);
    const last = Math.max(...screen.decorations.map((d) => d.line));
    assert.ok(screen.decorations.length >= 2 && last < 300, `the first screen shows ${screen.decorations.length} values, the last on line ${last + 1}`);
    const whole = await dl.waitForDecorations(uri, editor.document.version, 120_000);
    assert.equal(whole.firstScreen, false);
    const text = (d: { line: number; character: number; text: string }) => `${d.line}:${d.character} ${d.text}`;
    // The screen showed exactly what the whole note shows on those lines.
    assert.deepEqual(screen.decorations.map(text), whole.decorations.filter((d) => d.line <= last).map(text));
    assert.equal(whole.decorations.length, 80);
    assert.equal((await decorationsByLine(editor.document)).get(positionOf(editor.document, 'w39 =').line + 1), '→ 118');
  });

  test('a short note has no first screen of its own: its first decorations are the whole note', async () => {
    const dl = await api();
    const uri = await writeNote('open-short.md', 2);
    const first = dl.waitForFirstScreen(uri, 1, 120_000);
    await show(uri);
    const shown = await first;
    assert.equal(shown.firstScreen, false);
    assert.equal(shown.decorations.find((d) => d.line === 4)?.text, '→ 6');
  });

  test('a note whose tabs were closed shows its values again when shown', async () => {
    const uri = await writeNote('open-once-c.md', 5);
    const editor = await show(uri);
    assert.equal((await decorationsByLine(editor.document)).get(5), '→ 15');
    const dl = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // In no tab: its results are dropped, although VS Code keeps the document open.
    await until(() => dl.result(uri) === undefined, 'the closed note\'s results to be dropped');
    const again = await show(uri);
    assert.equal((await decorationsByLine(again.document)).get(5), '→ 15');
  });
});
