// mathjs's own error messages, recognised by their English text and said from the
// catalogue. A technical tail ("(expected: number, index: 0)") stays as mathjs wrote it;
// a message not in the table is passed on unchanged (sayErrorMessage marks it untranslated).
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
  [/^Matrix must be square \(size: (.+)\)$/, 'mathjs.notSquare', ['size']],
  [/^Matrix must be two dimensional \(size: (.+)\)$/, 'mathjs.notTwoDimensional', ['size']],
  [/^Cannot calculate inverse, determinant is zero$/, 'mathjs.singularInverse', []],
  [/^Linear system cannot be solved since matrix is singular$/, 'mathjs.singularSystem', []],
  [/^Dimension mismatch\. Matrix A \((.*)\) must match Matrix B \((.*)\)$/, 'mathjs.matrixSizes', ['left', 'right']],
  [/^Column dimensions mismatch \((.+) !== (.+)\)$/, 'mathjs.columnsMismatch', ['left', 'right']],
  [/^Vectors with length (\d+) expected \((.*)\)$/, 'mathjs.vectorLength', ['length', 'detail']],
  [/^Vectors must have equal length \((.+) != (.+)\)$/, 'mathjs.vectorsEqualLength', ['left', 'right']],
  [/^For A\^b, b must be an integer \(value is (.+)\)$/, 'mathjs.power.integer', ['value']],
  [/^For A\^b, A must be 2 dimensional \(A has (\d+) dimensions\)$/, 'mathjs.power.twoDimensional', ['dimensions']],
  [/^For A\^b, A must be square \(size is (.+)\)$/, 'mathjs.power.square', ['size']],
  [/^Cannot calculate (?:the )?(\S+) of an empty array$/, 'mathjs.emptyArray', ['what']],
  [/^Unit "([^"]*)" not found\.?$/, 'mathjs.unitNotFound', ['name']],
  [/^Cannot compare units with different base$/, 'mathjs.compareUnits', []],
  [/^Cannot convert "([^"]*)" to a number$/, 'mathjs.notANumber', ['text']],
  [/^String "([^"]*)" is not a valid number$/, 'mathjs.invalidNumber', ['text']],
  [/^Value must be non-negative$/, 'mathjs.nonNegative', []],
  [/^Value must be an integer$/, 'mathjs.integer', []],
  [/^Parameters in function (\S+) must be positive integers$/, 'mathjs.positiveIntegers', ['name']],
  [/^Parameters in function (\S+) must be integer numbers$/, 'mathjs.integerParameters', ['name']],
  [/^Integers expected in function (\S+)$/, 'mathjs.integersExpected', ['name']],
  [/^Integer expected in function (\S+)$/, 'mathjs.integerExpected', ['name']],
  [/^Positive integer value expected in function (\S+)$/, 'mathjs.positiveInteger', ['name']],
  [/^(?:Size values must be positive integers|Invalid size, must contain positive integers.*)$/s, 'mathjs.sizePositive', []],
  [/^Number of decimals in function (\S+) must be an integer(?: from 0 to 15 inclusive)?$/i, 'mathjs.decimals', ['name']],
  [/^Step must be non-zero$/, 'mathjs.stepZero', []],
  [/^Root must be odd when a is negative\.?$/, 'mathjs.rootOdd', []],
  [/^Root must be non-zero$/, 'mathjs.rootZero', []],
  [/^No ordering relation is defined for complex numbers$/, 'mathjs.complexOrder', []],
  [/^Unsupported parameter value (.+)$/, 'mathjs.unsupportedParameter', ['value']],
  [/^Undefined function (\S+)$/, 'mathjs.undefinedFunction', ['name']],
  [/^unexpected "(.*)"$/s, 'mathjs.unexpectedToken', ['part']],
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

/** An error's message for the reader: from the catalogue when recognised, else as written (marked untranslated). */
export function sayErrorMessage(message: string): Said {
  return sayMathjsError(message) ?? said('error.untranslated', { message });
}
