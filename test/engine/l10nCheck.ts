// What a translation must keep of its English text: `{0}`/`{name}` placeholders, `code`
// spans and command links, so a translated message still shows the value, the formula
// and the button the English one does.
export function tokensOf(text: string): string[] {
  const tokens = [
    ...text.matchAll(/\{[A-Za-z0-9_]+\}/g),
    ...text.matchAll(/`[^`]+`/g),
    ...text.matchAll(/\]\((command:[^)]+)\)/g),
  ].map((m) => m[1] ?? m[0]);
  return tokens.sort();
}

/** The English text's placeholders, code spans and command links missing from the translation. */
export function missingPlaceholders(english: string, translation: string): string[] {
  const have = tokensOf(translation);
  return tokensOf(english).filter((t) => {
    const i = have.indexOf(t);
    if (i < 0) return true;
    have.splice(i, 1);
    return false;
  });
}
