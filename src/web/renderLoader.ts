// The web twin of src/extension/renderLoader.ts: no computed require in a web worker, so
// the renderer is bundled into dist/web/extension.js.
import { currentBundle } from '../engine/messages';
import * as render from '../extension/renderBundle';

let configured = false;

export function loadRender(): typeof render {
  if (!configured) {
    render.useBundle(currentBundle());
    configured = true;
  }
  return render;
}
