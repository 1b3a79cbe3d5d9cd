// Where Export Note as HTML reads a note's images: the local disk when the note is a
// local file and the extension host has one (Node: symbolic links resolved), otherwise
// the note's own workspace file system (vscode.workspace.fs: VS Code for the Web, virtual
// folders). The web build swaps ../node/imageReader for its twin, which has no disk.
import * as vscode from 'vscode';
import type { ImageSource } from '../engine/render/images';
import { workspaceImageSource, type WorkspaceFiles } from '../features/workspaceImages';
import { localImageSource } from '../node/imageReader';

/** The images of the note at `uri`, or undefined where its folder cannot be read (an untitled note). */
export function noteImageSource(uri: vscode.Uri): ImageSource | undefined {
  if (uri.scheme === 'file') {
    const local = localImageSource(vscode.Uri.joinPath(uri, '..').fsPath);
    if (local) return local;
  }
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === undefined) return undefined;
  // Only the path changes: the same scheme and authority as the note, never another host.
  const at = (path: string) => uri.with({ path, query: '', fragment: '' });
  const files: WorkspaceFiles = {
    async stat(path) {
      try {
        return await vscode.workspace.fs.stat(at(path));
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
        throw e;
      }
    },
    readFile: async (path) => vscode.workspace.fs.readFile(at(path)),
  };
  return workspaceImageSource(vscode.Uri.joinPath(uri, '..').path, files);
}
