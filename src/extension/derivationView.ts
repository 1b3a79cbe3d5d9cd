// "dl-calc: Show Derivation": one webview panel (src/features/derivationView.ts writes its
// page) with KaTeX's CSS, fonts and script, copied to dist/katex by the build.
import * as vscode from 'vscode';
import { toBase64 } from '../engine/render/images';
import type { Derivation, StatementResult } from '../engine/types';
import { derivationHtml, derivationTitle } from '../features/derivationView';

let panel: vscode.WebviewPanel | undefined;

export function showDerivationPanel(extensionUri: vscode.Uri, s: StatementResult, d: Derivation, noteName: string): vscode.WebviewPanel {
  const katexDir = vscode.Uri.joinPath(extensionUri, 'dist', 'katex');
  const title = derivationTitle(s);
  if (!panel) {
    panel = vscode.window.createWebviewPanel('dlCalc.derivation', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [katexDir] });
    panel.onDidDispose(() => (panel = undefined));
  }
  const { webview } = panel;
  panel.title = title;
  webview.html = derivationHtml(
    {
      cspSource: webview.cspSource,
      katexCss: webview.asWebviewUri(vscode.Uri.joinPath(katexDir, 'katex.min.css')).toString(),
      katexJs: webview.asWebviewUri(vscode.Uri.joinPath(katexDir, 'katex.min.js')).toString(),
      // Web Crypto: the same in Node's and the browser's extension host.
      nonce: toBase64(globalThis.crypto.getRandomValues(new Uint8Array(16))),
      noteName,
    },
    s,
    d,
  );
  panel.reveal(undefined, true);
  return panel;
}

export function disposeDerivationPanel(): void {
  panel?.dispose();
  panel = undefined;
}
