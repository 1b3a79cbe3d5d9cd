// node:fs for the web build: there is no local file system; the export reads no images
// there (they stay links), and nothing else reads files.
export function readFileSync(): never {
  throw new Error('no file system in the web extension host');
}
export default { readFileSync };
