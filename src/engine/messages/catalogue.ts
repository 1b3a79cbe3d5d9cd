// Every sentence the engine says, by a stable code. The English text is the key of the
// translation bundles (l10n/bundle.l10n.<lang>.json, the format of vscode.l10n and
// @vscode/l10n); `{name}` placeholders are filled from the message's arguments.
// Adding a message: a row here, the same key with its translation in
// l10n/bundle.l10n.zh-cn.json (test/engine/l10n.test.ts fails until it is there).
export const catalogue = {
  // Statements
  'syntax.missingExpression': 'Syntax error: an expression is missing here',
  'syntax.onePerLine': 'Syntax error: one statement per line (use ; to separate)',
  'syntax.error': 'Syntax error: {detail}',
  'syntax.tooDeep': 'Expression too deeply nested to parse',
  'limit.statementLength': 'Statement is {length} characters long; the limit is {limit}',
  'limit.nesting': 'Brackets nested {depth} deep; the limit is {limit}',
  'name.unknown': 'Unknown name "{name}"',
  'name.definedLater': 'Unknown name "{name}": defined later, at line {line}',
  'name.dependsOnFailed': 'depends on {name} (line {line}), which failed',
  'eval.tooDeep': 'Too deeply nested or recursive to evaluate',
  'eval.shapes': "Shapes don't fit for {operation}: {left} and {right}",
  'eval.shapesMatmul': "Shapes don't fit for {operation}: {left} and {right} (columns of the left must equal rows of the right)",
  'record.error': 'In the recorded result: {detail}',
  // Block options (the fence's info string)
  'block.precision': 'precision must be a whole number from 1 to 15, not "{value}"',
  'block.unknownOption': 'Unknown block option "{option}" (known: isolated, precision=N, hide)',
  'check.toleranceNotNumber': 'The tolerance after ± must be a number ≥ 0',
  'check.approxFailed': 'expected {expected}, got {actual} (off by {difference}, tolerance {tolerance})',
  'check.compareFailed': 'expected {expected}, got {actual}',
  'check.relativeTolerance': 'relative 1e-9',
  // mathjs's own errors, recognised by their English text (see mathjsErrors.ts)
  'mathjs.undefinedSymbol': 'Undefined symbol {name}',
  'mathjs.unexpectedEnd': 'Unexpected end of expression',
  'mathjs.parenthesisExpected': 'Parenthesis {bracket} expected',
  'mathjs.valueExpected': 'Value expected',
  'mathjs.unexpectedOperator': 'Unexpected operator {operator}',
  'mathjs.unexpectedPart': 'Unexpected part "{part}"',
  'mathjs.dimensionMismatch': 'Dimension mismatch ({left} != {right})',
  'mathjs.tooFewArguments': 'Too few arguments in function {name}',
  'mathjs.tooManyArguments': 'Too many arguments in function {name}',
  'mathjs.unexpectedType': 'Unexpected type of argument in function {name}',
  'mathjs.unitsDoNotMatch': 'Units do not match',
  'mathjs.indexOutOfRange': 'Index out of range ({detail})',
  // Evaluation in a worker
  'stopped.timeLimit': 'Stopped: the note ran past the time limit of {limit} while evaluating this statement (setting dlCalc.timeLimit)',
  'stopped.memory': 'Stopped: this statement ran out of memory',
  'worker.failed': 'The evaluation worker failed: {detail}',
  // LaTeX hand calculations (verdicts; the parser's skip reasons stay English for now)
  'latex.writtenWrong': '{expression} = {value}, but {written} is written',
  'latex.sidesDiffer': '{left} = {leftValue}, but {right} = {rightValue}',
  'latex.inequalityFails': '{left} = {value}, which is not {relation} {other}',
  'latex.notIdentity': 'not an identity: at {at}, {left} = {leftValue} but {right} = {rightValue}',
  'latex.relationNotChecked': 'relation not checked',
  'latex.inequalityCondition': 'inequality with names reads as a condition',
  'latex.approxNoDigits': '≈ between expressions with no rounded digits written',
  'latex.roundedInputsAllow': '{message} (its rounded inputs allow {low} to {high})',
  'latex.elementWrong': '{message} (element {index})',
  // Preview and export
  'render.offBy': 'off by {difference}',
  'render.tolerance': 'tolerance {tolerance}',
  'render.statements': '{count} statements',
  'render.statement': '1 statement',
  'render.passed': '{count} passed',
  'render.failed': '{count} failed',
  'render.errors': '{count} errors',
  'render.error': '1 error',
  // The ✓/✗ after checked math in the preview and the export: the hover's first line
  'render.mathHolds': 'Hand calculation holds',
  'render.mathWrong': 'Hand calculation does not hold',
  // The command line (severity words "error:"/"warning:" stay English: problem matchers read them)
  'cli.checkFailed': 'check failed',
  'cli.handCalculation': 'hand calculation',
  'cli.chainHolds': 'hand calculation holds',
  'cli.where': 'where {formula}',
  'cli.notes.one': '1 note',
  'cli.notes.many': '{count} notes',
  'cli.errors.one': '1 error',
  'cli.errors.many': '{count} errors',
  'cli.summary': '{notes}: {statements} statements, ✓ {passed} passed, ✗ {failed} failed, {errors}',
} as const;

export type MessageCode = keyof typeof catalogue;
export type MessageArgs = Readonly<Record<string, string | number>>;
