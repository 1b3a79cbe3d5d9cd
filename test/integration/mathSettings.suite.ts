// The Markdown math settings in the real extension host: markdown.math.macros reach the
// checker when they change, and a change of dlCalc.preview.adjacentInlineMath reloads the
// preview's plugins (markdown.api.reloadPlugins), so markdown.api.render follows it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { decorationsByLine, until } from './helpers';

const markdown = () => vscode.workspace.getConfiguration('markdown');
const dlCalc = () => vscode.workspace.getConfiguration('dlCalc');

function latexWarnings(doc: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'dl-calc' && d.code === 'latex');
}

const katexSpans = (html: string) => html.match(/<span class="katex">/g)?.length ?? 0;
const render = async (text: string) => (await vscode.commands.executeCommand<string>('markdown.api.render', text)) ?? '';

suite('Markdown math settings', () => {
  suiteTeardown(async () => {
    await markdown().update('math.macros', undefined, vscode.ConfigurationTarget.Global);
    await dlCalc().update('preview.adjacentInlineMath', undefined, vscode.ConfigurationTarget.Global);
  });

  test('a macro added to markdown.math.macros is expanded by the checker at once, and dropped when removed', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Half of six: $\\half \\times 6 = 4$.\n\n`= 1 + 1`\n' });
    await vscode.window.showTextDocument(doc);
    // Unknown to the checker: skipped, no warning. Wait until the note was evaluated at all.
    await decorationsByLine(doc);
    assert.equal(latexWarnings(doc).length, 0);
    // (Markdown All in One's markdown.extension.katex.macros cannot be written here: that
    // extension is not installed, so VS Code refuses the setting. It is read the same way.)
    await markdown().update('math.macros', { '\\half': '\\frac{1}{2}' }, vscode.ConfigurationTarget.Global);
    const [warning] = await until(() => latexWarnings(doc).length > 0 && latexWarnings(doc), 'a warning once the macro is known');
    assert.equal(doc.getText(warning.range), '4');
    await markdown().update('math.macros', undefined, vscode.ConfigurationTarget.Global);
    await until(() => latexWarnings(doc).length === 0, 'the warning gone with the macro');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('$a$$b$: a plain note renders as without dl-calc; the setting reloads the preview\'s plugins', async () => {
    const plain = 'x $a$$b$ y';
    const withBlock = 'x $a$$b$ y\n\n```dl-calc\nz = 1\n```\n';
    assert.equal(katexSpans(await render(plain)), 0, 'VS Code alone renders neither formula');
    assert.equal(katexSpans(await render(withBlock)), 2, 'two formulas in a dl-calc note');
    await dlCalc().update('preview.adjacentInlineMath', 'always', vscode.ConfigurationTarget.Global);
    await until(async () => katexSpans(await render(plain)) === 2, 'two formulas everywhere after the reload');
    await dlCalc().update('preview.adjacentInlineMath', 'never', vscode.ConfigurationTarget.Global);
    await until(async () => katexSpans(await render(withBlock)) === 0, 'none after the reload');
  });
});
