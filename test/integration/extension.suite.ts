// The extension inside a real VS Code extension host (code-server here, or VS Code via
// @vscode/test-electron): decorations through the test hook, diagnostics, hovers,
// completion, signature help, definition, CodeLens, commands, settings, runaway blocks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, decorationsByLine, hoverText, open, positionOf, setConfig, sleep, until, workspaceFile } from './helpers';

suite('dl-calc in the extension host', () => {
  suiteTeardown(async () => {
    for (const key of ['precision', 'inlineResults.enabled', 'timeLimit']) await setConfig(key, undefined);
  });

  test('activates on Markdown but starts nothing for a note without dl-calc content', async () => {
    await open('plain.md');
    const dl = await api();
    assert.ok(dl.activationMs < 50, `activate() took ${dl.activationMs} ms`);
    await sleep(600);
    assert.equal(dl.isStarted(), false, 'the service started for a note without blocks');
    console.log(`      activation: activate() ${dl.activationMs.toFixed(2)} ms, bundle load + activate ${dl.loadAndActivateMs.toFixed(2)} ms`);
  });

  test('shows values, check marks, errors and inline spans at the end of lines', async () => {
    const editor = await open('basics.md');
    const dl = await api();
    const lines = await decorationsByLine(editor.document);
    assert.ok(dl.isStarted());
    assert.equal(lines.get(6), '→ 0.5');
    assert.equal(lines.get(7), '→ 0.622459');
    assert.equal(lines.get(8), '✓');
    assert.match(lines.get(9) ?? '', /^✗ expected 0\.6, got 0\.622459 \(off by 0\.0225/);
    assert.equal(lines.get(10), '→ 138,357,544  (≈ 138.4 M)');
    assert.equal(lines.get(11), '→ (2×2) [[1, 2], [3, 4]]');
    assert.match(lines.get(13) ?? '', /^⚠ Unknown name "nosuch"/);
    assert.equal(lines.get(16), '→ 1.24492', 'inline `= a1 * 2` span');
    assert.equal(lines.get(19), '→ 0.1   → 0.1', 'two statements on one line');
    assert.equal(lines.get(21), '→ 0.210959');
    for (const text of lines.values()) assert.ok(!text.includes('[object'), text);
  });

  test('reports errors and failed checks as diagnostics with exact ranges, and clears them when fixed', async () => {
    const editor = await open('basics.md');
    await decorationsByLine(editor.document);
    const diags = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'dl-calc');
    const unknown = diags.find((d) => d.message.includes('nosuch'));
    assert.ok(unknown, JSON.stringify(diags));
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([unknown.range.start.line, unknown.range.start.character, unknown.range.end.line], [12, 4, 12]);
    assert.equal(editor.document.getText(unknown.range).startsWith('nosuch'), true);
    const failed = diags.find((d) => d.message.startsWith('expected 0.6'));
    assert.ok(failed, 'failed check diagnostic');
    assert.equal(failed.range.start.line, 8);

    // Fix the error: its diagnostic goes, the value shows.
    const at = positionOf(editor.document, 'nosuch');
    await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 6)), 'z1'));
    const lines = await decorationsByLine(editor.document);
    assert.equal(lines.get(13), '→ 1.5');
    await until(() => !vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.message.includes('nosuch')), 'the diagnostic to clear');
    await vscode.commands.executeCommand('undo');
    assert.match((await decorationsByLine(editor.document)).get(13) ?? '', /Unknown name/);
  });

  test('hover on a statement: derivation as an SVG image, dependencies, Show derivation link', async () => {
    const editor = await open('basics.md');
    await decorationsByLine(editor.document);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'a1 = sigmoid', 3));
    const text = hoverText(hovers);
    assert.match(text, /!\[[^\]]*sigmoid\(z1\)[^\]]*\]\(data:image\/svg\+xml;base64,/, text.slice(0, 300));
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(text)![1], 'base64').toString('utf8');
    assert.match(svg, /^<svg[^>]+viewBox/);
    assert.ok(!svg.includes('currentColor'), 'the SVG carries a theme colour');
    assert.match(text, /Depends on/);
    assert.match(text, /`z1` = `0\.5` — line 6/);
    assert.match(text, /command:dlCalc\.showDerivation/);
  });

  test('hover on a matrix statement shows the full value', async () => {
    const editor = await open('basics.md');
    await decorationsByLine(editor.document);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'M2 = M * M', 3));
    const text = hoverText(hovers);
    assert.match(text, /\*\*Value\*\*/);
    assert.match(text, /\[\[7, 10\], \[15, 22\]\]/);
  });

  test('hover on a variable: its value and where it is defined; on a function: signature and definition', async () => {
    const editor = await open('basics.md');
    await decorationsByLine(editor.document);
    const onVar = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'y = a1', 5)));
    assert.match(onVar, /\*\*a1\*\* — defined on line 7/);
    assert.match(onVar, /0\.622459/);
    const onFn = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'sigmoid(', 2)));
    assert.match(onFn, /sigmoid\(x\)/);
    assert.match(onFn, /1\/\(1\+e\^-x\)|data:image\/svg/);
    const prose = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'neuron', 2));
    assert.ok(!hoverText(prose).includes('dl-calc'), 'no dl-calc hover in prose');
  });

  test('completion offers library and mathjs functions and the names in scope, only in dl-calc code', async () => {
    const editor = await open('basics.md');
    await decorationsByLine(editor.document);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, positionOf(editor.document, 'y = a1 + w2_new', 4));
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    const byLabel = new Map(list.items.map((i) => [label(i), i]));
    for (const name of ['sigmoid', 'softmax', 'conv_out', 'sqrt', 'exp', 'a1', 'z1', 'lambda', 'eta', 'w2_new']) assert.ok(byLabel.has(name), `missing ${name}`);
    assert.equal(byLabel.get('a1')!.kind, vscode.CompletionItemKind.Variable);
    assert.equal(byLabel.get('sigmoid')!.kind, vscode.CompletionItemKind.Function);
    assert.match(String(byLabel.get('conv_out')!.detail), /conv_out\(n, k, s=1, p=0, d=1\)/);
    assert.ok(!byLabel.has('y'), 'a name defined on a later line is not in scope yet');
    const prose = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, positionOf(editor.document, 'A neuron', 2));
    assert.ok(!prose.items.some((i) => label(i) === 'sigmoid' && i.kind === vscode.CompletionItemKind.Function), 'no function completion in prose');
  });

  test('signature help inside a call', async () => {
    const editor = await open('basics.md');
    await decorationsByLine(editor.document);
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', editor.document.uri, positionOf(editor.document, 'sigmoid(z1)', 8));
    assert.equal(help.signatures[0]?.label, 'sigmoid(x)');
    assert.equal(help.activeParameter, 0);
  });

  test('go to definition jumps to the defining statement, also in an earlier block', async () => {
    const editor = await open('basics.md');
    await decorationsByLine(editor.document);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', editor.document.uri, positionOf(editor.document, 'y = a1', 5));
    assert.equal(defs.length, 1);
    const range = 'range' in defs[0] ? defs[0].range : defs[0].targetRange;
    assert.deepEqual([range.start.line, range.start.character, range.end.character], [6, 0, 2]);
  });

  test('CodeLens above each block: summary, Record results, Copy derivations', async () => {
    const editor = await open('basics.md');
    await decorationsByLine(editor.document);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const titles = lenses.filter((l) => l.command).map((l) => `${l.range.start.line}:${l.command!.title}`);
    assert.ok(titles.includes('4:5 values · ✓ 1 · ✗ 1 · ⚠ 1 error'), titles.join(' | '));
    assert.ok(titles.includes('4:Record results') && titles.includes('4:Copy derivations'), titles.join(' | '));
    assert.ok(titles.includes('17:4 values · ✓ 0 · ✗ 0'), titles.join(' | '));
  });

  test('Record results writes #= comments of a block in one undoable edit', async () => {
    const editor = await open('record.md');
    await decorationsByLine(editor.document);
    const before = editor.document.getText();
    const n = await vscode.commands.executeCommand<number>('dlCalc.recordBlockResults', editor.document.uri.toString(), 0);
    assert.equal(n, 3);
    const text = editor.document.getText();
    assert.match(text, /^x = 2 #= 2$/m);
    assert.match(text, /^y = x \* 3 #= 6$/m);
    assert.match(text, /^z = y \+ 1 #= 7$/m, 'a stale record is updated');
    assert.match(text, /^c = sqrt\(2\) # a comment$/m, 'a plain comment is left alone');
    const lines = await decorationsByLine(editor.document);
    assert.equal(lines.get(6), '✓', 'the updated record passes');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo restores the note');
  });

  test('Copy derivations puts a LaTeX aligned environment on the clipboard', async () => {
    const editor = await open('basics.md');
    await decorationsByLine(editor.document);
    const tex = await vscode.commands.executeCommand<string>('dlCalc.copyDerivations', editor.document.uri.toString(), 1);
    assert.match(tex, /^\\begin\{aligned\}/);
    assert.match(tex, /w_\{2,\\mathrm\{new\}\} &=/);
    assert.match(tex, /\\end\{aligned\}$/);
    assert.equal(await vscode.env.clipboard.readText(), tex);
  });

  test('Show Derivation opens a KaTeX webview', async () => {
    const editor = await open('basics.md');
    await decorationsByLine(editor.document);
    const ok = await vscode.commands.executeCommand<boolean>('dlCalc.showDerivation', editor.document.uri.toString(), 1);
    assert.equal(ok, true);
    await until(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Derivation: a1'), 'the derivation tab');
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  });

  test('settings apply live: precision, and toggling inline results', async () => {
    const editor = await open('basics.md');
    const dl = await api();
    await decorationsByLine(editor.document);
    await setConfig('precision', 3);
    await until(() => dl.decorations(editor.document.uri)?.decorations.some((d) => d.text === '→ 0.622'), 'precision 3');
    await setConfig('precision', undefined);
    await until(() => dl.decorations(editor.document.uri)?.decorations.some((d) => d.text === '→ 0.622459'), 'precision back to 6');
    await vscode.commands.executeCommand('dlCalc.toggleInlineResults');
    await until(() => dl.decorations(editor.document.uri)?.decorations.length === 0, 'inline results off');
    await vscode.commands.executeCommand('dlCalc.toggleInlineResults');
    await until(() => (dl.decorations(editor.document.uri)?.decorations.length ?? 0) > 5, 'inline results on');
  });

  test('typing updates results (latest edit wins) in every visible editor of the note', async () => {
    const editor = await open('basics.md');
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.Two);
    const doc = editor.document;
    const at = positionOf(doc, 'z1 = 0.5', 8);
    // Several quick edits: only the last one's results stay.
    for (const ch of ['1', '2', '3']) await editor.edit((b) => b.insert(at.translate(0, ch === '1' ? 0 : ch === '2' ? 1 : 2), ch));
    const lines = await decorationsByLine(doc);
    assert.equal(lines.get(6), '→ 0.5123');
    assert.equal(vscode.window.visibleTextEditors.filter((e) => e.document === doc).length, 2);
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  });

  test('a runaway block is stopped at the time limit, reported on its statement, and the host stays responsive', async () => {
    await setConfig('timeLimit', 1500);
    // The host stays responsive: its own timer keeps firing while the worker runs the runaway
    // (a host that evaluated in place would not tick at all until the statement ended).
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    try {
      const editor = await open('runaway.md');
      const dl = await api();
      const restarts = dl.workerRestarts();
      const ticksAtOpen = ticks;
      const shown = await until(() => {
        const d = dl.decorations(editor.document.uri);
        return d?.decorations.some((x) => /time limit/.test(x.text)) ? d : undefined;
      }, 'the time-limit error', 60_000);
      const byLine = new Map(shown.decorations.map((d) => [d.line + 1, d.text]));
      assert.equal(byLine.get(4), '→ 2');
      // Inline results are cut at dlCalc.inlineResults.maxLength; the diagnostic below has the whole message.
      assert.match(byLine.get(5) ?? '', /⚠ Stopped: this statement ran past the time limit of 1\.5 s/);
      assert.equal(byLine.get(6), '→ 6', 'statements after the runaway still run');
      assert.ok(dl.workerRestarts() > restarts, 'the worker was restarted');
      const diag = vscode.languages.getDiagnostics(editor.document.uri).find((d) => /time limit/.test(d.message));
      assert.ok(diag, 'time limit diagnostic');
      assert.match(diag.message, /^Stopped: this statement ran past the time limit of 1\.5 s \(setting dlCalc\.timeLimit\)$/);
      assert.equal(diag.range.start.line, 4);
      // The host answered while the worker was busy.
      assert.ok(ticks - ticksAtOpen > 1, `the extension host's timer fired ${ticks - ticksAtOpen} times while the worker ran`);
    } finally {
      clearInterval(ticker);
      await setConfig('timeLimit', undefined);
    }
  });

  test('closing a note clears its diagnostics and results', async () => {
    const editor = await open('record.md');
    const dl = await api();
    await decorationsByLine(editor.document);
    // A failing check so that there is a diagnostic to clear.
    await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount - 1, 0), 'x ≈ 3\n'));
    await until(() => vscode.languages.getDiagnostics(editor.document.uri).length > 0, 'a diagnostic');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await until(() => vscode.languages.getDiagnostics(workspaceFile('record.md')).length === 0, 'diagnostics cleared on close', 30_000);
    await until(() => dl.result(workspaceFile('record.md')) === undefined, 'results dropped on close', 30_000);
  });

  test('deleting a note clears its diagnostics', async () => {
    const uri = workspaceFile('doomed.md');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('# Doomed\n\n```dl-calc\nq = nosuch\n```\n'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await until(() => vscode.languages.getDiagnostics(uri).length > 0, 'a diagnostic');
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(uri);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until(() => vscode.languages.getDiagnostics(uri).length === 0, 'diagnostics cleared on delete');
  });

  test('Insert dl-calc Block inserts a fenced block', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# New\n\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    await vscode.commands.executeCommand('dlCalc.insertBlock');
    assert.match(doc.getText(), /```dl-calc\nx = 1\n```\n/);
    const lines = await decorationsByLine(doc);
    assert.equal(lines.get(4), '→ 1');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
