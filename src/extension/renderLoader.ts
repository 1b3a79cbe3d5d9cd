// Loads dist/render.js (see renderBundle.ts) on first use. The path is computed so that
// esbuild leaves the require alone and the renderer stays out of dist/extension.js.
import * as path from 'node:path';
import { currentBundle } from '../engine/messages';

type RenderModule = typeof import('./renderBundle');
let loaded: RenderModule | undefined;

export function loadRender(): RenderModule {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(path.join(__dirname, 'render.js')) as RenderModule;
    // The preview's and the export's labels in VS Code's display language.
    loaded.useBundle(currentBundle());
  }
  return loaded;
}
