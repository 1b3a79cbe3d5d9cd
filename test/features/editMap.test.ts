// Positions of an earlier text mapped through later edits (what keeps an inline result on
// its statement while the next run is under way).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapLine, mapPosition, mapRange, mapThrough, type TextChange } from '../../src/features/editMap';

const at = (line: number, character: number) => ({ line, character });
const change = (sl: number, sc: number, el: number, ec: number, text: string): TextChange => ({ range: { start: at(sl, sc), end: at(el, ec) }, text });

test('Enter at the end of a line keeps a position at that end on its line', () => {
  assert.deepEqual(mapThrough(at(4, 9), change(4, 9, 4, 9, '\n')), at(4, 9));
});

test('Enter at the start of a line moves the line down', () => {
  assert.deepEqual(mapThrough(at(4, 9), change(4, 0, 4, 0, '\n')), at(5, 9));
  assert.equal(mapLine(4, 9, [[change(4, 0, 4, 0, '\n')]]), 5);
  assert.equal(mapLine(4, 9, [[change(4, 9, 4, 9, '\n')]]), 4);
});

test('typing before a position on its line shifts its column; after it, nothing', () => {
  assert.deepEqual(mapThrough(at(2, 10), change(2, 3, 2, 3, 'abc')), at(2, 13));
  assert.deepEqual(mapThrough(at(2, 10), change(2, 11, 2, 11, 'abc')), at(2, 10));
  assert.deepEqual(mapThrough(at(2, 10), change(1, 0, 1, 4, '')), at(2, 10));
});

test('deleting lines above moves a position up; a position inside replaced text is gone', () => {
  assert.deepEqual(mapThrough(at(6, 2), change(3, 0, 5, 0, '')), at(4, 2));
  assert.equal(mapThrough(at(4, 2), change(3, 0, 5, 0, '')), undefined);
  // Deleting up to the position: it lands where the deletion started.
  assert.deepEqual(mapThrough(at(3, 8), change(3, 2, 3, 8, '')), at(3, 2));
});

test('a multi-line insertion before the position on its line', () => {
  // "ab|cd X" with "1\n22" typed at column 2: X (column 5) ends up at line+1, column 2 + 3.
  assert.deepEqual(mapThrough(at(0, 5), change(0, 2, 0, 2, '1\n22')), at(1, 5));
});

test('several events in order, and several changes of one event (multi-cursor), any order', () => {
  const events = [[change(0, 0, 0, 0, 'x')], [change(1, 0, 1, 0, '\n')]];
  assert.deepEqual(mapPosition(at(1, 3), events), at(2, 3));
  const multi = [change(0, 0, 0, 0, 'a'), change(2, 0, 2, 0, 'b')];
  assert.deepEqual(mapPosition(at(2, 4), [multi]), at(2, 5));
  assert.deepEqual(mapPosition(at(2, 4), [[...multi].reverse()]), at(2, 5));
  assert.deepEqual(mapRange({ start: at(2, 0), end: at(2, 4) }, [[change(0, 0, 0, 0, '\n')]]), { start: at(3, 0), end: at(3, 4) });
  assert.equal(mapRange({ start: at(2, 0), end: at(2, 4) }, [[change(2, 1, 2, 2, '')]])?.end.character, 3);
});
