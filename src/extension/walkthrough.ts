// The walkthrough's "Open Example Note": the note shipped in media/walkthrough, opened as a
// new untitled document so the reader can change it without touching the extension's files.
import * as vscode from 'vscode';

export function registerWalkthrough(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('dlCalc.openExample', async () => {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'walkthrough', 'first-note.md'));
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: new TextDecoder().decode(bytes) });
    return vscode.window.showTextDocument(document);
  });
}
