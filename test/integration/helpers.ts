// Shared by the suites that run inside the extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DlCalcApi } from '../../src/extension/testHook';

export const EXTENSION_ID = 'dl-calc.dl-calc';

export async function api(): Promise<DlCalcApi> {
  const ext = vscode.extensions.getExtension<DlCalcApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function open(name: string, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `get` returns something truthy. */
export async function until<T>(get: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Decoration texts by 1-based line, as the user reads them. */
export async function decorationsByLine(doc: vscode.TextDocument, minVersion = doc.version): Promise<Map<number, string>> {
  const shown = await (await api()).waitForDecorations(doc.uri, minVersion, 30_000);
  return new Map(shown.decorations.map((d) => [d.line + 1, d.text]));
}

/** Position of the `occurrence`-th match of `needle` in the document, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, occurrence = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${occurrence}) not in ${doc.uri.path}`);
  }
  return doc.positionAt(at + offset);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export async function setConfig(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dlCalc').update(key, value, vscode.ConfigurationTarget.Global);
}
