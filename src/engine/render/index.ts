// The pure renderer: the markdown-it plugin for VS Code's preview and the CLI, and the
// self-contained HTML export.
export { dlCalcPlugin, type DlCalcPluginOptions } from './plugin';
export { adjacentInlineMath } from './adjacentMath';
export { renderNoteToHtml, renderNoteBody, createExportMarkdown, type RenderNoteOptions } from './export';
export { sanitizeNoteHtml } from './sanitize';
export { escapeHtml } from './escape';
export { katexCss, previewCss } from './assets.generated';
