// A fence's info string, read in the three styles notes are written in:
//   ```dl-calc precision=3 isolated        dl-calc's own words
//   ```dl-calc {precision=3 isolated}      Markdown Preview Enhanced (language, then {attributes})
//   ```{.dl-calc precision=3 #id .other}   Pandoc (attributes only; the first class is the language)
// Inside braces, attributes are separated by spaces or commas, values may be quoted, and
// Pandoc's `#id` / `.class` and MPE's `id=` / `class=` / `data-*` are the other tools'
// business: accepted and left alone, never warned about.

export interface InfoString {
  /** The language: the first word, or the first `.class` of a Pandoc attribute block. */
  readonly language: string;
  /** dl-calc's option words, normalised to `name` or `name=value` (quotes removed). */
  readonly options: readonly string[];
}

const FOREIGN_KEY = /^(?:id|class|data-[\w-]+)$/i;

/** Splits `a=1, b="x y" .c` into attribute words, keeping quoted values whole. */
function attributeWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /([^\s,=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s,]*)))?/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const value = m[2] ?? m[3] ?? m[4];
    words.push(value === undefined ? m[1] : `${m[1]}=${value}`);
  }
  return words;
}

/** Attribute words that are dl-calc's, without the other tools' ids, classes and data. */
function ownWords(words: readonly string[]): string[] {
  return words.filter((w) => !w.startsWith('#') && !w.startsWith('.') && !FOREIGN_KEY.test(w.split('=')[0]));
}

export function readInfoString(info: string): InfoString {
  const text = info.trim();
  if (text.startsWith('{')) {
    // Pandoc: ```{.lang attrs}. The closing brace may be missing while typing.
    const close = text.indexOf('}');
    const words = attributeWords(text.slice(1, close === -1 ? undefined : close));
    const languageWord = words.find((w) => w.startsWith('.'));
    const language = languageWord ? languageWord.slice(1) : '';
    return { language, options: ownWords(words) };
  }
  const language = text.split(/[\s{]/, 1)[0];
  const rest = text.slice(language.length).trim();
  const options: string[] = [];
  // Words, then MPE's {attributes} (either may be absent).
  const open = rest.indexOf('{');
  const plain = open === -1 ? rest : rest.slice(0, open);
  options.push(...plain.split(/\s+/).filter((w) => w.length > 0));
  if (open !== -1) {
    const close = rest.indexOf('}', open);
    options.push(...ownWords(attributeWords(rest.slice(open + 1, close === -1 ? undefined : close))));
  }
  return { language, options };
}
