// node:fs for the web build: there is no local file system. The export reads a note's
// images through vscode.workspace.fs (src/features/workspaceImages.ts), nothing reads here.
export function readFileSync(): never {
  throw new Error('no file system in the web extension host');
}
export default { readFileSync };
