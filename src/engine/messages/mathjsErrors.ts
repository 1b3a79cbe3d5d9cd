// mathjs's own error messages, recognised by their English text and said from the
// catalogue. A technical tail ("(expected: number, index: 0)") stays as mathjs wrote it;
// a message not in the table is passed on unchanged.
import { said, type Said } from './index';
import type { MessageCode } from './catalogue';

const rows: readonly (readonly [RegExp, MessageCode, readonly string[]])[] = [
  [/^Undefined symbol (\S+)$/, 'mathjs.undefinedSymbol', ['name']],
  [/^Unexpected end of expression$/, 'mathjs.unexpectedEnd', []],
  [/^Parenthesis (\S+) expected$/, 'mathjs.parenthesisExpected', ['bracket']],
  [/^Value expected$/, 'mathjs.valueExpected', []],
  [/^Unexpected operator (\S+)$/, 'mathjs.unexpectedOperator', ['operator']],
  [/^Unexpected part "([^"]*)"$/, 'mathjs.unexpectedPart', ['part']],
  [/^Dimension mismatch \((.+) != (.+)\)$/, 'mathjs.dimensionMismatch', ['left', 'right']],
  [/^Too few arguments in function (\S+)( \(.*\))?$/s, 'mathjs.tooFewArguments', ['name']],
  [/^Too many arguments in function (\S+)( \(.*\))?$/s, 'mathjs.tooManyArguments', ['name']],
  [/^Unexpected type of argument in function (\S+)( \(.*\))?$/s, 'mathjs.unexpectedType', ['name']],
  [/^Units do not match$/, 'mathjs.unitsDoNotMatch', []],
  [/^Index out of range \((.+)\)$/, 'mathjs.indexOutOfRange', ['detail']],
];

/** A mathjs message (without its "(char N)") in the reader's language, with its code. */
export function sayMathjsError(message: string): Said | undefined {
  for (const [pattern, code, names] of rows) {
    const m = pattern.exec(message);
    if (!m) continue;
    const args: Record<string, string> = {};
    names.forEach((name, i) => (args[name] = m[i + 1]));
    const tail = m[names.length + 1] ?? '';
    const s = said(code, args);
    return tail ? { ...s, message: s.message + tail } : s;
  }
  return undefined;
}
