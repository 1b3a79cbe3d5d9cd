// "dl-calc: Show Derivation": a webview with the statement's derivation typeset by KaTeX
// (its CSS, fonts and script, copied to dist/katex by the build, through asWebviewUri).
import { toBase64 } from '../engine/render/images';
import * as vscode from 'vscode';
import type { Derivation, StatementResult } from '../engine/types';
import { escapeHtml } from '../engine/render/escape';
import { alignedTex } from './derivationText';

let panel: vscode.WebviewPanel | undefined;

export function derivationHtml(webview: vscode.Webview, extensionUri: vscode.Uri, s: StatementResult, d: Derivation, noteName: string): string {
  const katexDir = vscode.Uri.joinPath(extensionUri, 'dist', 'katex');
  const css = webview.asWebviewUri(vscode.Uri.joinPath(katexDir, 'katex.min.css'));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(katexDir, 'katex.min.js'));
  // Web Crypto: the same in Node's and the browser's extension host.
  const nonce = toBase64(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  const math = (tex: string) => `<div class="math" data-tex="${escapeHtml(tex)}">${escapeHtml(tex)}</div>`;
  const status = s.check
    ? s.check.ok
      ? `<p class="pass">✓ ${escapeHtml(vscode.l10n.t('check passed'))}</p>`
      : `<p class="fail">✗ ${escapeHtml(s.check.message ?? '')}</p>`
    : '';
  const deps = d.dependencies.length
    ? `<h2>Depends on</h2><ul>${d.dependencies
        .map((dep) => `<li><code>${escapeHtml(dep.name)}</code> = <code>${escapeHtml(dep.display)}</code> <span class="muted">${escapeHtml(vscode.l10n.t('line {line}', { line: dep.line + 1 }))}</span></li>`)
        .join('')}</ul>`
    : '';
  const library = d.library.length ? `<h2>${escapeHtml(vscode.l10n.t('Definitions'))}</h2>${d.library.map((l) => math(l.tex)).join('')}` : '';
  const value = s.value && (s.value.type === 'matrix' || s.value.full !== s.value.short) ? `<h2>${escapeHtml(vscode.l10n.t('Value'))}</h2><pre>${escapeHtml(s.value.full)}</pre>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline'; font-src ${webview.cspSource}; script-src 'nonce-${nonce}' ${webview.cspSource};">
<link rel="stylesheet" href="${css}">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; line-height: 1.5; }
h1 { font-size: 1.1em; font-weight: 600; } h2 { font-size: 1em; font-weight: 600; margin-top: 1.5em; }
code, pre { font-family: var(--vscode-editor-font-family); }
pre { background: var(--vscode-textCodeBlock-background); padding: .6em; overflow: auto; }
.math { font-size: 1.15em; overflow-x: auto; margin: .6em 0; }
.pass { color: var(--vscode-testing-iconPassed); } .fail { color: var(--vscode-testing-iconFailed); }
.muted { color: var(--vscode-descriptionForeground); }
</style></head>
<body>
<h1><code>${escapeHtml(s.source)}</code> <span class="muted">— ${escapeHtml(noteName)}, line ${s.range.start.line + 1}</span></h1>
${math(alignedTex(d))}
${status}${library}${value}${deps}
<script nonce="${nonce}" src="${js}"></script>
<script nonce="${nonce}">
for (const el of document.querySelectorAll('.math')) {
  try { katex.render(el.dataset.tex, el, { displayMode: true, throwOnError: false, trust: false }); } catch (e) { /* keep the LaTeX source */ }
}
</script>
</body></html>`;
}

export function showDerivationPanel(extensionUri: vscode.Uri, s: StatementResult, d: Derivation, noteName: string): vscode.WebviewPanel {
  const title = vscode.l10n.t('Derivation: {name}', { name: s.assigns ?? s.source.slice(0, 24) });
  if (!panel) {
    panel = vscode.window.createWebviewPanel('dlCalc.derivation', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'katex')],
    });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.title = title;
  panel.webview.html = derivationHtml(panel.webview, extensionUri, s, d, noteName);
  panel.reveal(undefined, true);
  return panel;
}

export function disposeDerivationPanel(): void {
  panel?.dispose();
  panel = undefined;
}
