// How dl-calc fits VS Code, in the real extension host: the toggle writes where the value
// lives, settings are read per note, the walkthrough's example note opens and evaluates,
// the Explorer's export works on a note that is not open, the menus' context key is set.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, decorationsByLine, open, until, workspaceFile } from './helpers';

const section = () => vscode.workspace.getConfiguration('dlCalc', workspaceFile('basics.md'));

suite('dl-calc fits VS Code', () => {
  suiteTeardown(async () => {
    for (const target of [vscode.ConfigurationTarget.Workspace, vscode.ConfigurationTarget.Global]) {
      await section().update('inlineResults.enabled', undefined, target);
      await section().update('precision', undefined, target);
    }
  });

  test('Toggle Inline Results writes to the workspace when the workspace sets the value (not to the user settings)', async () => {
    const editor = await open('basics.md');
    const dl = await api();
    await decorationsByLine(editor.document);
    await section().update('inlineResults.enabled', true, vscode.ConfigurationTarget.Workspace);
    const next = await vscode.commands.executeCommand<boolean>('dlCalc.toggleInlineResults');
    assert.equal(next, false);
    const inspected = section().inspect('inlineResults.enabled');
    assert.equal(inspected?.workspaceValue, false, 'written where it is set');
    assert.equal(inspected?.globalValue, undefined, 'the user settings are untouched');
    await until(() => dl.decorations(editor.document.uri)?.decorations.length === 0, 'inline results off');
    await vscode.commands.executeCommand('dlCalc.toggleInlineResults');
    assert.equal(section().inspect('inlineResults.enabled')?.workspaceValue, true);
    await until(() => (dl.decorations(editor.document.uri)?.decorations.length ?? 0) > 5, 'inline results on');
  });

  test('a resource-scoped setting of the workspace applies to its notes', async () => {
    const editor = await open('basics.md');
    const dl = await api();
    await decorationsByLine(editor.document);
    await section().update('precision', 3, vscode.ConfigurationTarget.Workspace);
    await until(() => dl.decorations(editor.document.uri)?.decorations.some((d) => d.text === '→ 0.622'), 'precision 3 from the workspace');
    await section().update('precision', undefined, vscode.ConfigurationTarget.Workspace);
    await until(() => dl.decorations(editor.document.uri)?.decorations.some((d) => d.text === '→ 0.622459'), 'precision back to 6');
  });

  test('Open Example Note opens the shipped note as an untitled document, evaluated', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('dlCalc.openExample');
    assert.ok(editor);
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'markdown');
    assert.match(editor.document.getText(), /```dl-calc/);
    const lines = await decorationsByLine(editor.document);
    assert.ok([...lines.values()].some((t) => t === '→ 0.524979'), [...lines.values()].join(' | '));
    assert.ok([...lines.values()].some((t) => t === '✓'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Export Note as HTML from the Explorer works on a note that is not open', async () => {
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-export-')), 'never-opened.html');
    const uri = workspaceFile('never-opened.md');
    fs.writeFileSync(uri.fsPath, '# Never opened\n\n```dl-calc\nk = 6 * 7\n```\n');
    try {
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the note is not open');
      const written = await vscode.commands.executeCommand<string>('dlCalc.exportHtml', { uri: uri.toString(), target, offerOpen: false });
      assert.equal(written, target);
      const html = fs.readFileSync(target, 'utf8');
      assert.match(html, /class="dl-calc/);
      assert.match(html, /42/);
    } finally {
      fs.rmSync(uri.fsPath, { force: true });
    }
  });
});
