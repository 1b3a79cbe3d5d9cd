// After an export, only what works where the extension runs (issue 12, item 7).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportActions } from '../../src/features/exportActions';

test('a local desktop window offers the browser', () => {
  assert.deepEqual(exportActions({ web: false, scheme: 'file' }), ['openInBrowser', 'openAsText']);
});

test('remote and web windows never offer "Open in Browser"', () => {
  for (const where of [
    { remoteName: 'ssh-remote', web: false, scheme: 'vscode-remote' },
    { remoteName: 'wsl', web: false, scheme: 'file' },
    { web: true, scheme: 'vscode-vfs' },
    { remoteName: undefined, web: true, scheme: 'file' },
  ]) {
    const actions = exportActions(where);
    assert.ok(!actions.includes('openInBrowser'), JSON.stringify(where));
    assert.deepEqual(actions, ['revealInExplorer', 'openAsText']);
  }
});

test('the exported file sits next to the note with .html', async () => {
  const { htmlPathFor } = await import('../../src/features/exportActions');
  assert.equal(htmlPathFor('/n/lesson.md'), '/n/lesson.html');
  assert.equal(htmlPathFor('/n/Lesson.MARKDOWN'), '/n/Lesson.html');
  assert.equal(htmlPathFor('/n/notes.txt'), '/n/notes.txt.html');
});
