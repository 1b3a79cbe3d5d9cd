// Where string literals are in dl-calc code: the one rule that the statement splitter, the
// compiler's `≈` / `±` search and the editor's check-operator colour all read, so that a
// `;`, `#` or `≈` inside 'single' or "double" quotes is text to every one of them.

/** A quote opens a string unless it follows an operand, where `'` means transpose (`A'`). */
export function opensString(ch: string, prev: string): boolean {
  if (ch === '"') return true;
  return ch === "'" && !/[\p{L}\p{N}_)\]}'.]/u.test(prev);
}

/**
 * The text with every character inside a string literal replaced by a space: same length,
 * same positions, quotes kept. A string ends at its closing quote (`\` escapes one
 * character) or at the end of the line.
 */
export function maskStrings(text: string): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  const chars = text.split('');
  let quote = '';
  let prev = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\n') quote = '';
      else {
        chars[i] = ' ';
        if (ch === '\\' && i + 1 < text.length && text[i + 1] !== '\n') chars[++i] = ' ';
        continue;
      }
    } else if (opensString(ch, prev)) {
      quote = ch;
    }
    if (ch !== ' ' && ch !== '\t') prev = ch;
  }
  return chars.join('');
}
