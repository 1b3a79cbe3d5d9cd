// src/node/imageReader.ts for the web build (scripts/build.mjs swaps it in): the browser's
// extension host has no local disk, so a note's images are read through the workspace
// file system instead (src/extension/noteImages.ts, src/features/workspaceImages.ts).
import type { ImageSource } from '../engine/render/images';

export function localImageSource(_folder: string): ImageSource | undefined {
  return undefined;
}
