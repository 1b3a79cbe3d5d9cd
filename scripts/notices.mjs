// ThirdPartyNotices.txt: the licence of every npm package whose code the bundles carry,
// read from esbuild's metafile, so the list follows the bundles and never goes stale.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** "node_modules/@scope/name/..." or "node_modules/name/..." → the package's folder. */
function packageDir(input) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m ? `node_modules/${m[1]}` : undefined;
}

function licenceText(dir) {
  const file = readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.|$)/i.test(f));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : undefined;
}

export function writeNotices(metafiles, extraPackages = []) {
  const dirs = new Set(extraPackages.map((p) => `node_modules/${p}`));
  for (const meta of metafiles) for (const input of Object.keys(meta.inputs)) {
    const dir = packageDir(input);
    if (dir) dirs.add(dir);
  }
  const sections = [...dirs]
    .filter((d) => existsSync(join(d, 'package.json')))
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const text = licenceText(dir) ?? `${pkg.license} (no licence file in the package)`;
      return { name: pkg.name, version: pkg.version, license: pkg.license, text };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const seen = new Set();
  const unique = sections.filter((s) => !seen.has(s.name) && seen.add(s.name));
  const out = [
    'dl-calc includes third-party software, listed below with its licence.',
    'dl-calc 包含下列第三方软件，各自的许可证如下。',
    '',
    ...unique.flatMap((s) => ['='.repeat(78), `${s.name} ${s.version} (${s.license})`, '='.repeat(78), '', s.text, '']),
  ].join('\n');
  writeFileSync('ThirdPartyNotices.txt', out);
}
