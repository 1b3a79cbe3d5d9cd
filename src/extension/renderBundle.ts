// The renderer as its own bundle (dist/render.js): KaTeX, markdown-it-katex and the
// sanitiser weigh ~2 MB, and the extension host should only parse them when a preview
// renders a dl-calc block or a note is exported, not at every activation.
export { dlCalcPlugin } from '../engine/render/plugin';
export { renderNoteToHtml } from '../engine/render/export';
// Its own copy of the message catalogue: the loader hands it the extension's bundle.
export { useBundle } from '../engine/messages';
