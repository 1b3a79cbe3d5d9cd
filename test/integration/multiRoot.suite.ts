// Per-folder settings in a real multi-root workspace: two folders, each with its own
// dlCalc.precision in .vscode/settings.json, the same note in each. Each note's inline
// results use its own folder's precision, and a change to one folder's settings file
// changes that folder's note only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { decorationsByLine, until } from './helpers';
import { FOLDER_PRECISION } from './multiRootFixture';

function folder(name: string): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  assert.ok(f, `workspace folder ${name} (folders: ${vscode.workspace.workspaceFolders?.map((w) => w.name).join(', ')})`);
  return f;
}

async function openNote(name: string, column: vscode.ViewColumn): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(name).uri, 'note.md'));
  await vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
  return doc;
}

/** The inline results of the note's two statements (lines 4 and 5). */
async function shown(doc: vscode.TextDocument): Promise<[string | undefined, string | undefined]> {
  const byLine = await decorationsByLine(doc);
  return [byLine.get(4), byLine.get(5)];
}

suite('Per-folder settings (multi-root workspace)', () => {
  test('each folder\'s note shows its values with that folder\'s dlCalc.precision', async () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 2, 'two folders open');
    for (const [name, precision] of Object.entries(FOLDER_PRECISION)) {
      const value = vscode.workspace.getConfiguration('dlCalc', folder(name).uri).get<number>('precision');
      assert.equal(value, precision, `${name}: VS Code reads its folder setting`);
    }
    const a = await openNote('course-a', vscode.ViewColumn.One);
    const b = await openNote('course-b', vscode.ViewColumn.Two);
    assert.deepEqual(await shown(a), ['→ 0.333', '→ 1.41'], 'course-a: 3 significant digits');
    assert.deepEqual(await shown(b), ['→ 0.333333333', '→ 1.41421356'], 'course-b: 9 significant digits');
  });

  test('changing one folder\'s precision re-renders that folder\'s note only', async () => {
    const a = await openNote('course-a', vscode.ViewColumn.One);
    const b = await openNote('course-b', vscode.ViewColumn.Two);
    const config = vscode.workspace.getConfiguration('dlCalc', folder('course-a').uri);
    await config.update('precision', 5, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await until(async () => (await shown(a))[0] === '→ 0.33333', 'course-a at 5 digits', 30_000);
      assert.deepEqual(await shown(b), ['→ 0.333333333', '→ 1.41421356'], 'course-b unchanged');
    } finally {
      await config.update('precision', FOLDER_PRECISION['course-a'], vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });
});
