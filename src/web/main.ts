// The web entry (package.json "browser"): the same extension as src/extension/main.ts,
// built for the browser's extension host with the web twins (evaluation client, renderer
// loader, path/fs shims) swapped in by scripts/build.mjs.
import * as vscode from 'vscode';
import { activate as activateExtension, deactivate } from '../extension/main';
import { setWorkerScript } from './evaluationClient';

export function activate(context: vscode.ExtensionContext) {
  setWorkerScript(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'evaluationWorker.js'));
  return activateExtension(context);
}

export { deactivate };
