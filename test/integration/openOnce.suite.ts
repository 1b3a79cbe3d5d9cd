// Opening a note evaluates it once, and a note whose tabs were closed (its results dropped
// while VS Code keeps the document) is evaluated again when it is shown.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, decorationsByLine, until, workspaceFile } from './helpers';
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
