// The web twin of the export's image reader, in plain Node on an in-memory file system
// shaped like vscode.workspace.fs: the same confinement as the Node reader (inside the
// note's folder, size bounded), no symbolic link followed, and the whole export path
// (renderWithImages + the real exporter) embedding what it read.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, test } from 'node:test';
import { useBundle } from '../../src/engine/messages';
import { renderNoteToHtml } from '../../src/engine/render/export';
import { MAX_IMAGE_BYTES, renderWithImages } from '../../src/engine/render/images';
import { FILE_TYPE, MAX_IMAGES_READ, workspaceImageSource, type WorkspaceFiles } from '../../src/features/workspaceImages';
import type { NoteResult } from '../../src/engine/types';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

interface Entry {
  type: number;
  bytes?: Uint8Array;
  size?: number;
}

/** An in-memory workspace file system; records every path it was asked about. */
function memoryFiles(entries: Record<string, Entry>) {
  const asked: string[] = [];
  const files: WorkspaceFiles = {
    async stat(p) {
      asked.push(p);
      const e = entries[p];
      return e && { type: e.type, size: e.size ?? e.bytes?.byteLength ?? 0 };
    },
    async readFile(p) {
      asked.push(`read ${p}`);
      const e = entries[p];
      if (!e?.bytes) throw new Error('EntryNotFound');
      return e.bytes;
    },
  };
  return { files, asked };
}

const dir = { type: FILE_TYPE.Directory };
const file = (bytes: Uint8Array, size?: number): Entry => ({ type: FILE_TYPE.File, bytes, size });

const results: NoteResult = { uri: 'memfs:/notes/n.md', version: 1, blocks: [], statements: [], summary: { statements: 0, passed: 0, failed: 0, errors: 0 } } as unknown as NoteResult;

afterEach(() => useBundle(undefined));

async function exportNote(markdown: string, entries: Record<string, Entry>) {
  const { files, asked } = memoryFiles(entries);
  const source = workspaceImageSource('/notes', files);
  const skipped: Record<string, string> = {};
  const html = await renderWithImages(
    source,
    (readImage, onSkipped) => renderNoteToHtml(markdown, { results, baseDir: source.baseDir, readImage, onImageSkipped: onSkipped }),
    (src, reason) => (skipped[src] = reason),
  );
  return { html, skipped, asked };
}

test('an image inside the note folder is embedded through the workspace file system; a missing one stays a link and is reported', async () => {
  const { html, skipped } = await exportNote('# N\n\n![fig](img/fig.png)\n\n<img src="./img/fig.png">\n\n![gone](gone.png)\n', {
    '/notes/img': dir,
    '/notes/img/fig.png': file(PNG),
  });
  const dataUrl = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
  assert.equal(html.split(dataUrl).length - 1, 2, 'both references to fig.png embedded');
  assert.match(html, /src="gone\.png"/);
  assert.deepEqual(skipped, { 'gone.png': 'not found' });
});

test('outside the folder, absolute paths and remote images are never read; remote ones stay remote', async () => {
  const { html, skipped, asked } = await exportNote('![a](../secret.png) ![b](/etc/x.png) ![c](img/%2e%2e/%2e%2e/secret.png) ![d](https://example.com/x.png)\n', {
    '/secret.png': file(PNG),
    '/etc/x.png': file(PNG),
  });
  assert.deepEqual(asked, [], 'nothing asked of the file system');
  assert.doesNotMatch(html, /data:image/);
  assert.match(html, /src="https:\/\/example\.com\/x\.png"/);
  assert.deepEqual(Object.keys(skipped).sort(), ['../secret.png', '/etc/x.png', 'img/%2e%2e/%2e%2e/secret.png']);
});

test('a symbolic link, the image or a folder on its way, is not followed', async () => {
  const { html, skipped, asked } = await exportNote('![a](link.png) ![b](linked/fig.png)\n', {
    '/notes/link.png': { type: FILE_TYPE.File | FILE_TYPE.SymbolicLink, bytes: PNG },
    '/notes/linked': { type: FILE_TYPE.Directory | FILE_TYPE.SymbolicLink },
    '/notes/linked/fig.png': file(PNG),
  });
  assert.doesNotMatch(html, /data:image/);
  assert.match(skipped['link.png'], /symbolic link/);
  assert.match(skipped['linked/fig.png'], /symbolic link/);
  assert.ok(!asked.some((a) => a.startsWith('read ')), `nothing read: ${asked.join(', ')}`);
});

test('not a file, too large (by stat or by its bytes), not an image, unreadable: left as links, each with its reason', async () => {
  const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
  big.set(PNG);
  const { html, skipped, asked } = await exportNote('![a](folder.png) ![b](huge.png) ![c](liar.png) ![d](text.png) ![e](broken.png)\n', {
    '/notes/folder.png': dir,
    '/notes/huge.png': file(PNG, MAX_IMAGE_BYTES + 1),
    '/notes/liar.png': file(big, 10),
    '/notes/text.png': file(new TextEncoder().encode('-----BEGIN PRIVATE KEY-----')),
    '/notes/broken.png': { type: FILE_TYPE.File, size: 10 },
  });
  assert.doesNotMatch(html, /data:image/);
  assert.deepEqual(skipped, {
    'folder.png': 'not a regular file',
    'huge.png': 'larger than 20 MB',
    'liar.png': 'larger than 20 MB',
    'text.png': 'not an image file (checked by its content)',
    'broken.png': 'cannot be read',
  });
  assert.ok(!asked.includes('read /notes/huge.png'), 'a file too large by stat is not read');
});

test('reasons in Chinese with the Chinese bundle', async () => {
  const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
  useBundle(zh);
  const { skipped } = await exportNote('![a](link.png) ![b](gone.png)\n', { '/notes/link.png': { type: FILE_TYPE.File | FILE_TYPE.SymbolicLink, bytes: PNG } });
  assert.equal(skipped['link.png'], '这是符号链接；VS Code 网页版不跟随链接，只嵌入普通文件');
  assert.equal(skipped['gone.png'], '找不到该文件');
});

test('a note without local images is rendered once and asks the file system nothing', async () => {
  let renders = 0;
  const { files, asked } = memoryFiles({});
  const html = await renderWithImages(workspaceImageSource('/notes', files), (readImage) => {
    renders++;
    return renderNoteToHtml('# N\n\n![r](https://example.com/x.png)\n', { results, baseDir: '/notes', readImage });
  });
  assert.equal(renders, 1);
  assert.deepEqual(asked, []);
  assert.match(html, /example\.com/);
});

test('at most MAX_IMAGES_READ distinct images are read; the rest say why they stay links', async () => {
  const entries: Record<string, Entry> = {};
  const lines: string[] = [];
  for (let i = 0; i < MAX_IMAGES_READ + 3; i++) {
    entries[`/notes/i${i}.png`] = file(PNG);
    lines.push(`![i](i${i}.png)`);
  }
  const { html, skipped } = await exportNote(lines.join('\n\n') + '\n', entries);
  assert.equal(html.split('data:image/png').length - 1, MAX_IMAGES_READ);
  assert.equal(Object.keys(skipped).length, 3);
  for (const reason of Object.values(skipped)) assert.match(reason, /more than 500 images/);
});
