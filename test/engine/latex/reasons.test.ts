// Skip reasons are said from the engine's catalogue (src/engine/latex/reasons.ts): every
// reason the parser and checker can give is a catalogue row, and with the Chinese bundle
// the user reads them in Chinese while the checker decides exactly as in English.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkLatexChains } from '../../../src/engine/latex';
import { reasonCode } from '../../../src/engine/latex/reasons';
import { useBundle } from '../../../src/engine/messages';
import { UNCHECKED_COMMANDS } from '../../../src/engine/latex/vocabulary';
import { envWith, fixturesDir } from './helpers';

const root = path.resolve(__dirname, '../../../..');
const zh: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));

afterEach(() => useBundle(undefined));

/** The reasons written in the source: `fail('…')`, `reason: '…'`, `skipReason: '…'`, with `${…}` filled in. */
function reasonsInSource(file: string, from?: string, only = /fail\(|reason: |skipReason: |return /): string[] {
  let text = fs.readFileSync(path.join(root, 'src/engine/latex', file), 'utf8');
  // Only the one function that gives reasons, in a file that also prints.
  if (from) text = text.slice(text.indexOf(from), text.indexOf('\n}\n', text.indexOf(from)));
  const out: string[] = [];
  for (const m of text.matchAll(new RegExp(`(?:${only.source})(['\`])((?:(?!\\1)[^\\\\]|\\\\.)*)\\1`, 'g'))) {
    const s = m[2].replace(/\$\{[^}]*\}/g, 'x').replace(/\\\\/g, '\\');
    out.push(s);
  }
  return out;
}

test('every skip reason the parser and the checker write is a catalogue reason', () => {
  const written = [
    ...reasonsInSource('parser.ts', undefined, /fail\(/),
    ...reasonsInSource('translate.ts').filter((r) => r.includes(' ') || r === 'empty'),
    ...reasonsInSource('print.ts', 'export function notEvaluable'),
    ...reasonsInSource('vectors.ts').filter((r) => r.includes(' ')),
    ...reasonsInSource('index.ts').filter((r) => r.includes(' ') || r === 'binding' || r === 'empty'),
    ...Object.values(UNCHECKED_COMMANDS),
  ];
  assert.ok(written.length > 60, `found ${written.length}`);
  const unknown = [...new Set(written)].filter((r) => !reasonCode(r));
  assert.deepEqual(unknown, [], 'add these to src/engine/messages/catalogue.ts as latex.skip.* rows');
});

test('every skip reason in the fixtures is a catalogue reason', () => {
  const reasons: string[] = [];
  for (const sub of ['checks', 'translate']) {
    for (const f of fs.readdirSync(path.join(fixturesDir, sub))) {
      const text = fs.readFileSync(path.join(fixturesDir, sub, f), 'utf8');
      for (const m of text.matchAll(/^\d+ skipped: (.*)$/gm)) reasons.push(m[1]);
      for (const m of text.matchAll(/⊘ (.*?)(?: ⊢.*)?$/gm)) reasons.push(m[1]);
    }
  }
  assert.ok(reasons.length > 40);
  assert.deepEqual(reasons.filter((r) => !reasonCode(r) && !/ is not defined above$/.test(r)), []);
});

test('with the Chinese bundle the reasons read in Chinese, and the verdicts are the same', () => {
  const note = [
    '$w = 0.5$, $\\sum_i x_i = 3$, $v \\cdot 2 = 4$, $2 \\pm 1 = 3$, $w \\cdot 2 = 1$',
    '',
    '# Next',
    '',
    '$w = w - 0.1 = 0.4$',
    '',
    '# Then',
    '',
    '$w + u = 7$',
  ].join('\n');
  const english = checkLatexChains(note, envWith());
  useBundle(zh);
  const chinese = checkLatexChains(note, envWith());
  assert.deepEqual(chinese.map((c) => c.status), english.map((c) => c.status));
  assert.deepEqual(
    chinese.filter((c) => c.reason).map((c) => c.reason),
    [
      '绑定（给名字赋值，不是需要校验的断言）',
      '不校验 \\sum',
      '未赋值的名字：v',
      '±（含两个值）',
      'w 在前面的小节中被改过：这里指哪个值不确定',
    ],
  );
  assert.equal(chinese[4].status, 'verified');
  assert.equal(chinese[5].status, 'verified');
  // Segment and link reasons too (the hover's rows).
  assert.equal(chinese[2].segments[0].skipReason, '未赋值的名字：v');
  assert.equal(chinese[0].links[0].reason, '绑定（给名字赋值，不是需要校验的断言）');
});
