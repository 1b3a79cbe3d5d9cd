// Issue 4 and 5 in the extension host: the Markdown preview's markdown-it (through
// `markdown.api.render`), Export Note as HTML, and the checks of hand calculations written
// in LaTeX (✓ marks, warnings, hover, quick fix, setting).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, decorationsByLine, hoverText, open, positionOf, setConfig, until } from './helpers';

const latexWarnings = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'dl-calc' && d.code === 'latex');

async function render(input: vscode.TextDocument | string): Promise<string> {
  return (await vscode.commands.executeCommand<string>('markdown.api.render', input)) ?? '';
}

/** The rows of the rendered dl-calc tables: source and result text, marks kept. */
function rows(html: string): { line: string; source: string; result: string }[] {
  const out: { line: string; source: string; result: string }[] = [];
  for (const m of html.matchAll(/<tr class="dl-calc-row[^"]*"[^>]*data-line="(\d+)"[^>]*>([\s\S]*?)<\/tr>/g)) {
    const source = (/<td class="dl-calc-source"[^>]*>([\s\S]*?)<\/td>/.exec(m[2])?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
    const resultCell = /<td class="dl-calc-result">([\s\S]*?)<\/td>/.exec(m[2])?.[1] ?? '';
    // Text without KaTeX's MathML copy and tags.
    const result = resultCell
      .replace(/<span class="katex-mathml">[\s\S]*?<\/span><span class="katex-html"/g, '<span class="katex-html"')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    out.push({ line: m[1], source, result });
  }
  return out;
}

suite('preview, export and LaTeX checks', () => {
  suiteTeardown(async () => {
    await setConfig('latexChecks.enabled', undefined);
  });

  test('the preview renders dl-calc blocks as tables with values and marks; prose math once', async () => {
    const editor = await open('preview.md');
    await decorationsByLine(editor.document);
    // A note's evaluations include the derivations the formula column typesets while a
    // preview tab shows it (renders only read results, they ask for nothing).
    await vscode.commands.executeCommand('markdown.showPreviewToSide', editor.document.uri);
    await until(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview)), 'a preview tab');
    const html = await until(async () => {
      const h = await render(editor.document);
      // The first render may come before the derivations the formula column typesets.
      return h.includes('<td class="dl-calc-formula"><span class="katex">') ? h : undefined;
    }, 'a rendered dl-calc table with typeset formulas');
    assert.match(html, /<details class="dl-calc-derivation"><summary>derivation<\/summary>/, 'derivation disclosure');
    const table = rows(html);
    const bySource = new Map(table.map((r) => [r.source, r]));
    assert.equal(bySource.get('z1 = 0.5')?.result, '0.5', JSON.stringify(table) + html.slice(html.indexOf('<tr class="dl-calc-row'), html.indexOf('<tr class="dl-calc-row') + 400));
    assert.equal(bySource.get('z1 = 0.5')?.line, '8', 'data-line for scroll sync');
    assert.match(bySource.get('a1 = sigmoid(z1)')?.result ?? '', /^0\.622459/);
    assert.match(bySource.get('a1 ≈ 0.622')?.result ?? '', /^✓/);
    assert.match(bySource.get('a1 ≈ 0.6 ± 0.001')?.result ?? '', /^✗ .*expected 0\.6, got 0\.622459/);
    assert.match(html, /title="= a1 \* 2"/, 'inline span');
    assert.match(html, /class="dl-calc-inline[^"]*"[^>]*>[\s\S]*?1\.24492/);
    // Prose math is VS Code's, rendered once; the dl-calc plugin does not render it again.
    const prose = html.match(/<annotation encoding="application\/x-tex">\\sigma\(z\) = \\frac\{1\}\{1\+e\^\{-z\}\}<\/annotation>/g) ?? [];
    assert.equal(prose.length, 1, 'the prose formula is rendered exactly once');
    assert.ok(!html.includes('$\\sigma(z)'), 'no raw prose math left');
    assert.ok(!html.includes('[object'), 'no [object Object]');
    await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview));
  });

  test('the preview shows a placeholder, never stale values, for text the results do not match', async () => {
    const editor = await open('preview.md');
    await decorationsByLine(editor.document);
    const html = await render(editor.document.getText().replace('z1 = 0.5', 'z1 = 0.25'));
    assert.match(html, /evaluating…/);
    assert.ok(!/0\.622459/.test(html), 'no value of another text');
  });

  test('the preview is refreshed when results land, with the new values', async () => {
    const editor = await open('preview.md');
    await decorationsByLine(editor.document);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', editor.document.uri);
    await until(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview)), 'a preview tab');
    const dl = await api();
    const before = dl.previewRefreshes();
    // A preview render of the new text before its results (placeholder) asks for a refresh.
    const at = positionOf(editor.document, 'z1 = 0.5', 5);
    await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 3)), '0.25'));
    await render(editor.document);
    await decorationsByLine(editor.document);
    const html = await until(async () => {
      const h = await render(editor.document);
      return h.includes('0.562177') ? h : undefined;
    }, 'the new value in the preview');
    assert.ok(html.includes('dl-calc-table'));
    await until(() => dl.previewRefreshes() > before, 'a preview refresh');
    const back = positionOf(editor.document, 'z1 = 0.25', 5);
    await editor.edit((b) => b.replace(new vscode.Range(back, back.translate(0, 4)), '0.5'));
    const previews = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    await vscode.window.tabGroups.close(previews);
  });

  test('Export Note as HTML writes one self-contained file', async () => {
    const editor = await open('preview.md');
    await decorationsByLine(editor.document);
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dl-calc-export-')), 'preview.html');
    const written = await vscode.commands.executeCommand<string>('dlCalc.exportHtml', { uri: editor.document.uri.toString(), target, offerOpen: false });
    assert.equal(written, target);
    const html = fs.readFileSync(target, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.match(html, /<title>预览测试<\/title>/, 'front matter title');
    assert.match(html, /dl-calc-table/);
    assert.match(html, /dl-calc-pass-mark/);
    assert.match(html, /@font-face[\s\S]*data:font\/woff2;base64/, 'KaTeX fonts embedded');
    assert.ok(!/<script/i.test(html), 'no script');
    const derivations = html.match(/dl-calc-derivation/g) ?? [];
    assert.ok(derivations.length > 0, 'derivations included');
  });

  test('a verified hand calculation gets a ✓ after its formula', async () => {
    const editor = await open('latex.md');
    const lines = await decorationsByLine(editor.document);
    assert.equal(lines.get(3), '✓', `line 3: ${JSON.stringify([...lines])}`);
    assert.equal(lines.get(5), '✓');
    assert.equal(lines.get(7), '✓');
    assert.equal(lines.get(12), '✓', 'display row');
    assert.equal(latexWarnings(editor.document.uri).length, 0, 'no false alarm');
    const shown = (await api()).decorations(editor.document.uri)!;
    const mark = shown.decorations.find((d) => d.line === 2)!;
    // Right after the closing $ of the chain, not at the end of the line.
    assert.equal(editor.document.lineAt(2).text.slice(mark.character - 1, mark.character), '$');
    assert.ok(mark.character < editor.document.lineAt(2).text.length);
  });

  test('a wrong written result gets a warning; hover shows the values; the quick fix restores it in one undoable edit', async () => {
    const editor = await open('latex.md');
    await decorationsByLine(editor.document);
    const at = positionOf(editor.document, '\\mathbf{0.47}', 10);
    await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 2)), '48'));
    assert.ok(editor.document.getText().includes('\\mathbf{0.48}'));
    const lines = await decorationsByLine(editor.document);
    assert.notEqual(lines.get(3), '✓', 'no ✓ on a wrong chain');
    const [warning] = await until(() => {
      const w = latexWarnings(editor.document.uri);
      return w.length ? w : undefined;
    }, 'the latex warning');
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.range.start.line, 2);
    assert.equal(editor.document.getText(warning.range), '0.48');
    assert.match(warning.message, /0\.47.*but 0\.48 is written/);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, '0.5 - 0.1', 2));
    const text = hoverText(hovers);
    assert.match(text, /\| 2 \| `0\.5 - 0\.1 \\times 0\.3` \| 0\.47 \|/, text);
    assert.match(text, /\| 3 \| `\\mathbf\{0\.48\}` \| 0\.48 \|/, text);
    assert.match(text, /but 0\.48 is written/);
    assert.ok(!text.includes('[object'), text);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, warning.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Replace 0.48 with 0.47');
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.isPreferred, true);
    await vscode.workspace.applyEdit(fix.edit);
    assert.ok(editor.document.getText().includes('\\mathbf{0.47}'));
    assert.equal((await decorationsByLine(editor.document)).get(3), '✓');
    await until(() => latexWarnings(editor.document.uri).length === 0, 'the warning to clear');
    // One undo brings the wrong number back.
    await vscode.commands.executeCommand('undo');
    assert.ok(editor.document.getText().includes('\\mathbf{0.48}'));
    await vscode.commands.executeCommand('undo');
    assert.ok(editor.document.getText().includes('\\mathbf{0.47}'));
  });

  test('hover over a verified chain lists each segment value', async () => {
    const editor = await open('latex.md');
    await decorationsByLine(editor.document);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, '\\frac{1}{1+e', 3));
    const text = hoverText(hovers);
    assert.match(text, /Hand calculation verified/);
    assert.match(text, /`\\sigma\(0\.5\)` \| 0\.622459 \|/, text);
    assert.match(text, /`a_1` \| \*not evaluated: /, 'the label is not evaluated');
    // Prose without a chain has no hover from dl-calc.
    const none = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, '只是名字'));
    assert.ok(!hoverText(none).includes('Hand calculation'));
  });

  test('arithmetic in prose is checked like LaTeX: a warning at the wrong number only; the setting turns it off', async () => {
    const editor = await open('prose.md');
    const warnings = await until(() => {
      const w = latexWarnings(editor.document.uri);
      return w.length === 2 ? w : undefined;
    }, 'the prose and the LaTeX warning');
    const texts = warnings.map((w) => [w.range.start.line, editor.document.getText(w.range), w.message]).sort();
    assert.deepEqual(texts, [
      [5, '154', '3 × 3 × 16 = 144, but 154 is written'],
      [7, '0.55', '2 × 0.25 = 0.50, but 0.55 is written'],
    ]);
    await setConfig('latexChecks.prose', false);
    await until(() => latexWarnings(editor.document.uri).length === 1, 'only the LaTeX warning');
    await setConfig('latexChecks.prose', undefined);
    await until(() => latexWarnings(editor.document.uri).length === 2, 'the prose warning back');
  });

  test('the preview marks checked math ✓ and ✗ with the value on hover', async () => {
    const editor = await open('prose.md');
    await until(() => latexWarnings(editor.document.uri).length === 2, 'the checks');
    const html = await until(async () => {
      const h = await render(editor.document);
      return h.includes('dl-calc-math-mark') ? h : undefined;
    }, 'marked math in the preview');
    const marks = [...html.matchAll(/<span class="dl-calc-math-mark (dl-calc-math-ok|dl-calc-math-wrong)" title="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(marks, [
      ['dl-calc-math-ok', 'Hand calculation holds\n0.5 − 0.1 × 0.3 = 0.47'],
      ['dl-calc-math-wrong', 'Hand calculation does not hold\n2 × 0.25 = 0.50, but 0.55 is written'],
    ]);
  });

  test('dlCalc.latexChecks.enabled off removes the marks and warnings', async () => {
    const editor = await open('latex.md');
    const at = positionOf(editor.document, '= 0.99', 2);
    await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 4)), '0.98'));
    await until(() => latexWarnings(editor.document.uri).length === 1, 'the warning on 0.98');
    await setConfig('latexChecks.enabled', false);
    await until(async () => {
      const d = (await api()).decorations(editor.document.uri);
      // Without checks the note has nothing for dl-calc: its decorations go altogether.
      return !d || !d.decorations.some((x) => x.kind === 'verified');
    }, 'the ✓ marks to go');
    await until(() => latexWarnings(editor.document.uri).length === 0, 'the warning to go');
    await setConfig('latexChecks.enabled', undefined);
    await until(() => latexWarnings(editor.document.uri).length === 1, 'the warning back');
    await vscode.commands.executeCommand('undo');
    await until(() => latexWarnings(editor.document.uri).length === 0, 'the warning to clear after undo');
  });
});
