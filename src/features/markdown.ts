// Hover and completion documentation as plain data: a list of parts that the VS Code
// adapter appends to a MarkdownString one by one (appendText, appendMarkdown,
// appendCodeblock), so what the user sees is VS Code's own rendering of each part.
export type MarkdownPart =
  /** Plain text, escaped by the adapter. */
  | { readonly text: string }
  /** Markdown source as is (already escaped where needed). */
  | { readonly markdown: string }
  /** A fenced code block. */
  | { readonly code: string; readonly language: string };

export type Markdown = readonly MarkdownPart[];

/** Markdown special characters escaped, for text inside markdown source. */
export function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

/** A one-line code span that holds any text (back-ticks inside get a longer fence). */
export function inlineCode(text: string): string {
  const clean = text.replace(/\n/g, ' ');
  return clean.includes('`') ? `\`\` ${clean} \`\`` : `\`${clean}\``;
}

/** A markdown image; alt text cannot hold ] or newlines. */
export function image(uri: string, alt: string): string {
  return `![${alt.replace(/[[\]\n\\]/g, ' ')}](${uri})`;
}

/** The parts as one markdown source (close to VS Code's MarkdownString; for tests and logs). */
export function markdownSource(parts: Markdown): string {
  return parts
    .map((p) => {
      if ('text' in p) return escapeMd(p.text);
      if ('markdown' in p) return p.markdown;
      const longest = Math.max(2, ...[...p.code.matchAll(/`+/g)].map((m) => m[0].length));
      const fence = '`'.repeat(longest + 1);
      return `\n${fence}${p.language}\n${p.code}\n${fence}\n`;
    })
    .join('');
}
