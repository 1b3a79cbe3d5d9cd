// Punctuation a Chinese input method types in full width. Outside strings, the listed
// marks are read as their ASCII twins (one UTF-16 unit each, so every position stays the
// same); other full-width marks are named in the error, with the ASCII twin to use. See
// docs/decisions.md ("Full-width punctuation").

/** Full-width marks read as their ASCII twins. */
export const TWINS: Readonly<Record<string, string>> = {
  '＝': '=',
  '（': '(',
  '）': ')',
  '［': '[',
  '］': ']',
  '，': ',',
  '；': ';',
  '＋': '+',
  '－': '-',
  '×': '*',
  '÷': '/',
};

/** The ASCII twin of a full-width form (U+FF01–U+FF5E), if it is one. */
export function asciiOf(ch: string): string | undefined {
  const code = ch.charCodeAt(0);
  if (TWINS[ch]) return TWINS[ch];
  return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : undefined;
}

/** The text with the listed full-width marks replaced outside "strings" (same length). */
export function asciiTwins(text: string): string {
  if (!/[＝（）［］，；＋－×÷]/.test(text)) return text;
  let out = '';
  let quote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\' && i + 1 < text.length) {
        out += ch + text[++i];
        continue;
      }
      if (ch === '"') quote = false;
      out += ch;
    } else {
      if (ch === '"') quote = true;
      out += TWINS[ch] ?? ch;
    }
  }
  return out;
}

/**
 * The first full-width mark outside strings that still needs the user's hand: a full-width
 * form that is not read as its twin (`＜`, `：`, `！` …), or a full-width comma between
 * statements (`a = 1，b = 2`: in ASCII it would be `;`).
 */
export function fullWidthHint(original: string): { offset: number; message: string; replacement: string } | undefined {
  let quote = false;
  let depth = 0;
  for (let i = 0; i < original.length; i++) {
    const ch = original[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === '"') quote = false;
      continue;
    }
    if (ch === '"') quote = true;
    else if ('([{（［'.includes(ch)) depth++;
    else if (')]}）］'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === '，' && depth === 0) return { offset: i, message: 'full-width ，: use ; between statements', replacement: ';' };
    else if (!TWINS[ch]) {
      const twin = asciiOf(ch);
      if (twin) return { offset: i, message: `full-width ${ch}: use ${twin}`, replacement: twin };
    }
  }
  return undefined;
}
