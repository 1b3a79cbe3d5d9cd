// Punctuation a Chinese input method types in full width. Outside strings, the listed
// marks are read as their ASCII twins (one UTF-16 unit each, so every position stays the
// same); other full-width marks are named in the error, with the ASCII twin to use. See
// docs/decisions.md ("Full-width punctuation").
import { maskStrings } from './parse/strings';

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

/** The text with the listed full-width marks replaced outside strings (same length). */
export function asciiTwins(text: string): string {
  if (!/[＝（）［］，；＋－×÷]/.test(text)) return text;
  const code = maskStrings(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    out += code[i] === ch ? (TWINS[ch] ?? ch) : ch;
  }
  return out;
}

/**
 * The first full-width mark outside strings that still needs the user's hand: a full-width
 * form that is not read as its twin (`＜`, `：`, `！` …), or a full-width comma between
 * statements (`a = 1，b = 2`: in ASCII it would be `;`).
 */
export function fullWidthHint(original: string): { offset: number; message: string; replacement: string } | undefined {
  const code = maskStrings(original);
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if ('([{（［'.includes(ch)) depth++;
    else if (')]}）］'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === '，' && depth === 0) return { offset: i, message: 'full-width ，: use ; between statements', replacement: ';' };
    else if (!TWINS[ch]) {
      const twin = asciiOf(ch);
      if (twin) return { offset: i, message: `full-width ${ch}: use ${twin}`, replacement: twin };
    }
  }
  return undefined;
}
