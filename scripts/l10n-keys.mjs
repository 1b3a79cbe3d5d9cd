// The English keys of the translation bundle: every vscode.l10n.t('…') in src/extension
// and every message of the engine's catalogue (src/engine/messages/catalogue.ts).
// `node scripts/l10n-keys.mjs --write` rewrites l10n/bundle.l10n.json (English = key);
// `--json` prints them; `--missing zh-cn` lists keys without a translation in l10n/bundle.l10n.zh-cn.json.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** A JS string literal's value ('…' or "…", simple escapes). */
function unquote(literal) {
  return literal.slice(1, -1).replace(/\\(['"\\n])/g, (_, c) => (c === 'n' ? '\n' : c));
}

export function l10nKeys(root = '.') {
  const keys = new Set();
  for (const file of files(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bl10n\.t\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g)) keys.add(unquote(m[1]));
  }
  const catalogue = readFileSync(join(root, 'src', 'engine', 'messages', 'catalogue.ts'), 'utf8');
  for (const m of catalogue.matchAll(/^\s*'[\w.]+':\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"),?$/gm)) keys.add(unquote(m[1]));
  return [...keys].sort();
}

if (process.argv[1]?.endsWith('l10n-keys.mjs')) {
  const keys = l10nKeys();
  if (process.argv.includes('--json')) console.log(JSON.stringify(keys));
  if (process.argv.includes('--write')) {
    writeFileSync('l10n/bundle.l10n.json', JSON.stringify(Object.fromEntries(keys.map((k) => [k, k])), null, 2) + '\n');
  }
  const lang = process.argv[process.argv.indexOf('--missing') + 1];
  if (process.argv.includes('--missing')) {
    const bundle = JSON.parse(readFileSync(`l10n/bundle.l10n.${lang}.json`, 'utf8'));
    for (const k of keys) if (!(k in bundle)) console.log(JSON.stringify(k));
  }
}
