// The manifest (package.json) as VS Code and the Marketplace read it: every setting and
// command localised in English and Chinese, defaults equal to the engine's, menus that name
// real commands with icons, and a .vsix that carries exactly the allow-listed files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { defaultSettings } from '../../src/engine/types';
import { dlCalcVersion } from '../../src/engine/version.generated';
import { missingPlaceholders } from './l10nCheck';

const root = path.join(__dirname, '..', '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const pkg = read('package.json');
const nls: Record<string, string> = read('package.nls.json');
const zh: Record<string, string> = read('package.nls.zh-cn.json');
const settings: Record<string, Record<string, unknown>> = pkg.contributes.configuration.properties;

/** `%key%` → the key, or undefined for a literal string. */
function nlsKey(value: unknown): string | undefined {
  return typeof value === 'string' ? /^%([^%]+)%$/.exec(value)?.[1] : undefined;
}

test('every setting has a description in English and in Chinese', () => {
  for (const [name, s] of Object.entries(settings)) {
    const key = nlsKey(s.markdownDescription ?? s.description);
    assert.ok(key, `${name}: description is not a %key%`);
    assert.ok(nls[key]?.length, `${name}: no English description (${key})`);
    assert.ok(zh[key]?.length, `${name}: no Chinese description (${key})`);
    assert.notEqual(zh[key], nls[key], `${name}: Chinese description is the English one`);
  }
});

test('every command has a category and a title in English and in Chinese', () => {
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, 'dl-calc', `${c.command}: category`);
    const key = nlsKey(c.title);
    assert.ok(key && nls[key] && zh[key], `${c.command}: title ${c.title} not localised in both languages`);
  }
});

test('the two manifest bundles have the same keys, and each Chinese text keeps the English placeholders, code and links', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(nls).sort());
  for (const key of Object.keys(nls)) assert.deepEqual(missingPlaceholders(nls[key], zh[key]), [], key);
  // Every %key% the manifest uses exists.
  const used = JSON.stringify(pkg).match(/"%[^%"]+%"/g) ?? [];
  for (const u of used) assert.ok(nls[u.slice(2, -2)], `${u} is used but not in package.nls.json`);
});

test('the manifest is the one source of defaults: they equal the engine defaults', () => {
  const engine: Record<string, unknown> = {
    'dlCalc.precision': defaultSettings.precision,
    'dlCalc.grouping': defaultSettings.grouping,
    'dlCalc.scaleHints': defaultSettings.scaleHints,
    'dlCalc.maxMatrixElements': defaultSettings.maxMatrixElements,
    'dlCalc.latexChecks.enabled': defaultSettings.latexChecks,
    'dlCalc.latexChecks.symbolic': defaultSettings.latexSymbolic,
    'dlCalc.latexChecks.prose': defaultSettings.latexProse,
    'dlCalc.latexChecks.otherDelimiters': defaultSettings.latexOtherDelimiters,
  };
  for (const [name, value] of Object.entries(engine)) assert.equal(settings[name]?.default, value, name);
  // The version the CLI's cache keys on is generated from the manifest as well.
  assert.equal(dlCalcVersion, JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  // The extension reads no default of its own (it asks VS Code, which answers from the manifest).
  const config = fs.readFileSync(path.join(root, 'src', 'extension', 'config.ts'), 'utf8');
  assert.doesNotMatch(config, /\bdefaults\s*[:=]/);
  // The engine writes none either: its defaults are read from the manifest.
  const types = fs.readFileSync(path.join(root, 'src', 'engine', 'types.ts'), 'utf8');
  assert.doesNotMatch(types.slice(types.indexOf('export const defaultSettings')), /\b(precision|grouping|scaleHints|maxMatrixElements|latex\w*):/);
});

test('settings a course folder may set are resource-scoped; the limits are restricted in untrusted workspaces', () => {
  for (const name of ['precision', 'grouping', 'scaleHints', 'inlineResults.enabled', 'inlineResults.maxLength', 'latexChecks.enabled', 'latexChecks.symbolic']) {
    assert.equal(settings[`dlCalc.${name}`]?.scope, 'resource', name);
  }
  const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  assert.deepEqual([...restricted].sort(), ['dlCalc.maxMatrixElements', 'dlCalc.timeLimit']);
  for (const name of restricted) assert.ok(settings[name], name);
});

test('menus and keybindings name contributed commands, and every command in a menu has an icon', () => {
  const commands = new Map<string, { icon?: string }>(pkg.contributes.commands.map((c: { command: string }) => [c.command, c]));
  for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
    for (const item of items) {
      assert.ok(commands.has(item.command), `${menu}: ${item.command} is not a command`);
      if (menu !== 'commandPalette') assert.ok(commands.get(item.command)?.icon, `${menu}: ${item.command} has no icon`);
    }
  }
  for (const where of ['editor/title', 'editor/context', 'explorer/context']) assert.ok(pkg.contributes.menus[where]?.length, where);
  assert.equal(pkg.contributes.keybindings.length, 2);
  for (const k of pkg.contributes.keybindings) assert.ok(commands.has(k.command) && k.key && k.mac && k.when, JSON.stringify(k));
});

test('the walkthrough steps and the example note they open ship in media/', () => {
  const [walkthrough] = pkg.contributes.walkthroughs;
  assert.ok(walkthrough.steps.length >= 5);
  for (const step of walkthrough.steps) assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
  assert.ok(fs.existsSync(path.join(root, 'media', 'walkthrough', 'first-note.md')));
});

test('the package: icon, repository, bugs, homepage, fitting categories, Chinese keywords, displayName dl-calc', () => {
  assert.equal(pkg.displayName, 'dl-calc');
  assert.ok(fs.existsSync(path.join(root, pkg.icon)));
  assert.match(pkg.repository.url, /^https:\/\//);
  assert.match(pkg.bugs.url, /^https:\/\//);
  assert.match(pkg.homepage, /^https:\/\//);
  assert.ok(!pkg.categories.includes('Notebooks'));
  assert.ok(pkg.keywords.some((k: string) => /[\u4e00-\u9fff]/.test(k)));
  assert.ok(pkg.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
  assert.doesNotMatch(pkg.scripts.package, /--allow-/, 'npm run package silences no vsce warning');
  assert.equal(pkg.dependencies, undefined, 'everything is bundled: no runtime dependencies');
});

/** The files the .vsix carries, exactly (globs only for KaTeX's fonts). */
const allowList = [
  'CHANGELOG.md', 'LICENSE', 'README.md', 'ThirdPartyNotices.txt', 'package.json', 'package.nls.json', 'package.nls.zh-cn.json',
  'language-configuration.json', 'snippets/markdown.code-snippets', 'syntaxes/dl-calc.tmLanguage.json', 'syntaxes/dl-calc.markdown.tmLanguage.json',
  'l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json',
  'media/icon.png', 'media/dl-calc-preview.css',
  'media/walkthrough/first-note.md', 'media/walkthrough/open-example.md', 'media/walkthrough/write-block.md',
  'media/walkthrough/hover-line.md', 'media/walkthrough/check-latex.md', 'media/walkthrough/open-preview.md',
  'dist/extension.js', 'dist/evaluationWorker.js', 'dist/workerLoader.js', 'dist/texSvg.js', 'dist/render.js', 'dist/web/extension.js', 'dist/web/evaluationWorker.js', 'dist/katex/katex.min.js', 'dist/katex/katex.min.css',
];

function vsixFiles(): string[] {
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
}

test('the .vsix carries the allow-listed files and nothing else (no CLI bundle, no source maps, one copy of KaTeX\'s browser files)', () => {
  const files = vsixFiles();
  const readmeImages = [...fs.readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/\]\(((?:docs|media)\/[^)\s]+\.(?:png|svg|gif))\)/g)].map((m) => m[1]);
  assert.ok(readmeImages.length > 0);
  const fonts = files.filter((f) => /^dist\/katex\/fonts\/KaTeX_[A-Za-z0-9-]+\.woff2$/.test(f));
  assert.ok(fonts.length >= 10, 'KaTeX fonts');
  const expected = [...allowList, ...new Set(readmeImages), ...fonts].sort();
  assert.deepEqual(files, expected);
});
