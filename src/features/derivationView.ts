// The page of "dl-calc: Show Derivation": the statement's derivation typeset by KaTeX in
// the webview, with its status, library definitions, value and dependencies. Plain HTML
// from plain inputs; the adapter gives the webview's resource URIs and CSP source.
import * as l10n from '@vscode/l10n';
import { escapeHtml } from '../engine/render/escape';
import type { Derivation, StatementResult } from '../engine/types';
import { alignedTex } from './derivationText';

export interface DerivationPage {
  /** The webview's CSP source (webview.cspSource). */
  readonly cspSource: string;
  /** KaTeX's stylesheet and script as webview URIs. */
  readonly katexCss: string;
  readonly katexJs: string;
  /** A fresh nonce for the page's scripts. */
  readonly nonce: string;
  readonly noteName: string;
}

export function derivationTitle(s: StatementResult): string {
  return l10n.t('Derivation: {name}', { name: s.assigns ?? s.source.slice(0, 24) });
}

export function derivationHtml(page: DerivationPage, s: StatementResult, d: Derivation): string {
  const { cspSource, nonce } = page;
  const math = (tex: string) => `<div class="math" data-tex="${escapeHtml(tex)}">${escapeHtml(tex)}</div>`;
  const status = s.check
    ? s.check.ok
      ? `<p class="pass">✓ ${escapeHtml(l10n.t('check passed'))}</p>`
      : `<p class="fail">✗ ${escapeHtml(s.check.message ?? '')}</p>`
    : '';
  const deps = d.dependencies.length
    ? `<h2>Depends on</h2><ul>${d.dependencies
        .map((dep) => `<li><code>${escapeHtml(dep.name)}</code> = <code>${escapeHtml(dep.display)}</code> <span class="muted">${escapeHtml(l10n.t('line {line}', { line: dep.line + 1 }))}</span></li>`)
        .join('')}</ul>`
    : '';
  const library = d.library.length ? `<h2>${escapeHtml(l10n.t('Definitions'))}</h2>${d.library.map((l) => math(l.tex)).join('')}` : '';
  const value = s.value && (s.value.type === 'matrix' || s.value.full !== s.value.short) ? `<h2>${escapeHtml(l10n.t('Value'))}</h2><pre>${escapeHtml(s.value.full)}</pre>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; font-src ${cspSource}; script-src 'nonce-${nonce}' ${cspSource};">
<link rel="stylesheet" href="${page.katexCss}">
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
<h1><code>${escapeHtml(s.source)}</code> <span class="muted">— ${escapeHtml(page.noteName)}, line ${s.range.start.line + 1}</span></h1>
${math(alignedTex(d))}
${status}${library}${value}${deps}
<script nonce="${nonce}" src="${page.katexJs}"></script>
<script nonce="${nonce}">
for (const el of document.querySelectorAll('.math')) {
  try { katex.render(el.dataset.tex, el, { displayMode: true, throwOnError: false, trust: false }); } catch (e) { /* keep the LaTeX source */ }
}
</script>
</body></html>`;
}
