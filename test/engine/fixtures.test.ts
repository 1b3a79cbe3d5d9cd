// Golden fixtures, as markdown-it's own tests do: each `fixtures/NAME.md` is a note and
// `fixtures/NAME.expected` is what a user sees for it. UPDATE_FIXTURES=1 rewrites the
// expected files (then read the diff before committing it).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createEngine } from '../../src/engine';
import { describeResult } from './fixtureFormat';

const dir = path.join(__dirname, '..', '..', '..', 'test', 'engine', 'fixtures');
const engine = createEngine();

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
  test(`fixture ${file}`, () => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const actual = describeResult(engine.evaluate({ uri: file, version: 1, text }));
    const expectedPath = path.join(dir, file.replace(/\.md$/, '.expected'));
    if (process.env.UPDATE_FIXTURES) fs.writeFileSync(expectedPath, actual);
    assert.equal(actual, fs.readFileSync(expectedPath, 'utf8'));
  });
}
