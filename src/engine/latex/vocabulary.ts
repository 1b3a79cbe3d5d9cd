// The LaTeX the checker reads, as tables: one per kind of word. A new notation is a
// row here plus a fixture line (test/engine/latex/fixtures/translate.txt); the lexer,
// the chain splitter and the parser read these tables and hold no vocabulary of their own.

/** Greek letters written as commands; also how texNames.ts prints a note's names. */
export const GREEK: ReadonlySet<string> = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta',
  'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma',
  'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega', 'ell',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

export interface FunctionEntry {
  /** The mathjs function the translation calls. */
  readonly fn: string;
  /** `\max(a, b, c)`: takes a list. */
  readonly variadic?: boolean;
  /** `\tanh^2(x)` is a square (`\exp`, `\max` take no power). */
  readonly power?: boolean;
  /** `\ln 2`: may take a lone number or name without brackets. */
  readonly bare?: boolean;
}

/** Function commands (`\exp`, `\ln`). */
export const FUNCTION_COMMANDS: Readonly<Record<string, FunctionEntry>> = {
  exp: { fn: 'exp', bare: true },
  ln: { fn: 'log', power: true, bare: true },
  log: { fn: 'log', power: true, bare: true },
  lg: { fn: 'log10', power: true, bare: true },
  tanh: { fn: 'tanh', power: true, bare: true },
  sinh: { fn: 'sinh', power: true, bare: true },
  cosh: { fn: 'cosh', power: true, bare: true },
  sin: { fn: 'sin', power: true, bare: true },
  cos: { fn: 'cos', power: true, bare: true },
  tan: { fn: 'tan', power: true, bare: true },
  arcsin: { fn: 'asin', power: true, bare: true },
  arccos: { fn: 'acos', power: true, bare: true },
  arctan: { fn: 'atan', power: true, bare: true },
  max: { fn: 'max', variadic: true },
  min: { fn: 'min', variadic: true },
};

/** Function words written in `\operatorname{…}`, `\mathrm{…}` or `\text{…}` (matched case-insensitively). */
export const FUNCTION_WORDS: Readonly<Record<string, FunctionEntry>> = {
  ...FUNCTION_COMMANDS,
  sign: { fn: 'sign', power: true, bare: true },
  sgn: { fn: 'sign', power: true, bare: true },
  abs: { fn: 'abs', power: true, bare: true },
  sigmoid: { fn: 'sigmoid', power: true, bare: true },
  relu: { fn: 'relu', power: true, bare: true },
  softplus: { fn: 'softplus', power: true, bare: true },
  mean: { fn: 'mean', variadic: true },
  average: { fn: 'mean', variadic: true },
  avg: { fn: 'mean', variadic: true },
};

/** Logarithm bases written as a subscript: `\log_{10}`, `\log_2`. */
export const LOG_BASES: Readonly<Record<string, string>> = { '10': 'log10', '2': 'log2', e: 'log' };

/** Math-mode styling: the content is still math. */
export const STYLE_COMMANDS: ReadonlySet<string> = new Set([
  'mathbf', 'boldsymbol', 'bm', 'pmb', 'mathit', 'mathsf', 'mathtt', 'mathnormal', 'boxed', 'underline', 'bold', 'Bbb',
]);

/** Colour commands: `\color{red} x`, `\textcolor{red}{x}`; the colour is dropped. */
export const COLOR_COMMANDS: Readonly<Record<string, 'prefix' | 'wrap'>> = { color: 'prefix', textcolor: 'wrap', colorbox: 'wrap' };

/** Text-mode wrappers and upright names: the content is a word or a number. */
export const TEXT_COMMANDS: ReadonlySet<string> = new Set([
  'text', 'textbf', 'textrm', 'textit', 'textsf', 'texttt', 'textnormal', 'mbox', 'operatorname', 'mathrm', 'rm', 'operatornamewithlimits',
]);

/** Text wrappers whose content, a lone word, may name a variable (`\text{loss}`). */
export const TEXT_NAME_COMMANDS: ReadonlySet<string> = new Set(['mathrm', 'rm', 'text', 'textrm', 'textit', 'mbox']);

/** Text wrappers a trailing remark after `\quad` is written in (`\quad \text{(均方误差)}`). */
export const REMARK_COMMANDS: ReadonlySet<string> = new Set(['text', 'textrm', 'mbox', 'textit']);

/** Spacing that never separates terms. */
export const THIN_SPACES: ReadonlySet<string> = new Set([
  ',', ';', ':', '!', ' ', '>', 'thinspace', 'medspace', 'thickspace', 'negthinspace', 'negmedspace', 'negthickspace',
]);

/** Spacing wide enough to separate a formula from a remark. */
export const WIDE_SPACES: ReadonlySet<string> = new Set(['quad', 'qquad', 'enspace', 'enskip', 'hspace', 'hskip', 'kern', 'mkern', 'hfill']);

/** Wide spaces with a `{length}` argument. */
export const SPACES_WITH_ARG: ReadonlySet<string> = new Set(['hspace', 'hskip', 'kern', 'mkern']);

/** Multiplication and division commands and how messages show them. */
export const OPERATOR_COMMANDS: Readonly<Record<string, { op: '*' | '/'; shown: string }>> = {
  cdot: { op: '*', shown: '·' },
  times: { op: '*', shown: '×' },
  ast: { op: '*', shown: '×' },
  div: { op: '/', shown: '÷' },
};

/** Multiplication and division characters. */
export const OPERATOR_CHARS: Readonly<Record<string, { op: '*' | '/'; shown: string }>> = {
  '*': { op: '*', shown: '×' },
  '×': { op: '*', shown: '×' },
  '·': { op: '*', shown: '·' },
  '⋅': { op: '*', shown: '·' },
  '∙': { op: '*', shown: '·' },
  '/': { op: '/', shown: '/' },
  '÷': { op: '/', shown: '÷' },
};

/** Minus signs: ASCII hyphen-minus and the typographic minus. */
export const MINUS_CHARS: ReadonlySet<string> = new Set(['-', '−']);

/** Fraction commands. */
export const FRACTION_COMMANDS: ReadonlySet<string> = new Set(['frac', 'dfrac', 'tfrac', 'cfrac']);

/** `'`, `′`, `\prime`: a derivative mark. */
export const PRIME_CHARS: ReadonlySet<string> = new Set(["'", '′', '″']);

/** Commands whose meaning the checker does not evaluate, with the reason it gives. */
export const UNCHECKED_COMMANDS: Readonly<Record<string, string>> = {
  sum: '\\sum is not checked',
  prod: '\\prod is not checked',
  int: '\\int is not checked',
  oint: '\\oint is not checked',
  lim: '\\lim is not checked',
  ldots: 'ellipsis',
  cdots: 'ellipsis',
  dots: 'ellipsis',
  vdots: 'ellipsis',
  ddots: 'ellipsis',
  dotsc: 'ellipsis',
  dotsb: 'ellipsis',
  pm: '±',
  mp: '±',
};

export type RelationKind = 'eq' | 'approx' | 'lt' | 'gt' | 'le' | 'ge' | 'other';

/** Relations written as commands. `other`: split at, never checked (they separate claims). */
export const RELATION_COMMANDS: Readonly<Record<string, RelationKind>> = {
  approx: 'approx', simeq: 'approx', approxeq: 'approx', thickapprox: 'approx',
  le: 'le', leq: 'le', leqslant: 'le', ge: 'ge', geq: 'ge', geqslant: 'ge', lt: 'lt', gt: 'gt',
  ne: 'other', neq: 'other', equiv: 'other', sim: 'other', propto: 'other', to: 'other',
  rightarrow: 'other', Rightarrow: 'other', longrightarrow: 'other', Longrightarrow: 'other',
  implies: 'other', iff: 'other', Leftrightarrow: 'other', leftarrow: 'other', Leftarrow: 'other',
  mapsto: 'other', in: 'other', notin: 'other', ll: 'other', gg: 'other', coloneqq: 'other',
  eqqcolon: 'other', doteq: 'other', cong: 'other', triangleq: 'other', stackrel: 'other',
  subset: 'other', subseteq: 'other', supset: 'other', supseteq: 'other', perp: 'other', parallel: 'other',
  gets: 'other', longleftarrow: 'other',
};

/** Relations written as characters. */
export const RELATION_CHARS: Readonly<Record<string, RelationKind>> = {
  '=': 'eq', '<': 'lt', '>': 'gt', '≈': 'approx', '≃': 'approx', '≤': 'le', '≥': 'ge', '≠': 'other',
  '⇒': 'other', '→': 'other', '←': 'other', '∈': 'other', '≡': 'other', '∼': 'other',
};

/** Relations that write an update: `w \leftarrow w - \eta g` (the old value on the right). */
export const UPDATE_RELATIONS: ReadonlySet<string> = new Set(['\\leftarrow', '\\gets', '←', '\\longleftarrow', ':=', '\\coloneqq']);

export interface DelimiterEntry {
  readonly kind: 'open' | 'close' | 'either';
  readonly delim: string;
}

/** Delimiter commands (`\{`, `\langle`, `\vert`) and the bracket they stand for. */
export const DELIMITER_COMMANDS: Readonly<Record<string, DelimiterEntry>> = {
  '{': { kind: 'open', delim: '{' },
  '}': { kind: 'close', delim: '}' },
  lbrace: { kind: 'open', delim: '{' },
  rbrace: { kind: 'close', delim: '}' },
  lparen: { kind: 'open', delim: '(' },
  rparen: { kind: 'close', delim: ')' },
  lbrack: { kind: 'open', delim: '[' },
  rbrack: { kind: 'close', delim: ']' },
  langle: { kind: 'open', delim: '<' },
  rangle: { kind: 'close', delim: '>' },
  lvert: { kind: 'open', delim: '|' },
  rvert: { kind: 'close', delim: '|' },
  lVert: { kind: 'open', delim: '‖' },
  rVert: { kind: 'close', delim: '‖' },
  vert: { kind: 'either', delim: '|' },
  '|': { kind: 'either', delim: '‖' },
  Vert: { kind: 'either', delim: '‖' },
};

/** Sizing commands folded into the delimiter they size. */
export const SIZE_OPEN: ReadonlySet<string> = new Set(['left', 'bigl', 'Bigl', 'biggl', 'Biggl']);
export const SIZE_CLOSE: ReadonlySet<string> = new Set(['right', 'bigr', 'Bigr', 'biggr', 'Biggr']);
export const SIZE_EITHER: ReadonlySet<string> = new Set(['big', 'Big', 'bigg', 'Bigg', 'middle']);

/** Environments whose rows are separate equations; their `&` only aligns. */
export const ROW_ENVIRONMENTS: ReadonlySet<string> = new Set([
  'aligned', 'align', 'align*', 'alignat', 'alignat*', 'alignedat', 'gather', 'gather*', 'gathered',
  'split', 'equation', 'equation*', 'multline', 'multline*', 'eqnarray', 'eqnarray*', 'flalign', 'flalign*',
]);

/** Matrix environments and the brackets they draw. */
export const MATRIX_ENVIRONMENTS: Readonly<Record<string, string>> = {
  matrix: '', bmatrix: '[', pmatrix: '(', vmatrix: '|', Vmatrix: '‖', Bmatrix: '{', smallmatrix: '',
  'bmatrix*': '[', 'pmatrix*': '(',
};

/** `\begin{cases}`: a piecewise definition. */
export const CASES_ENVIRONMENTS: ReadonlySet<string> = new Set(['cases', 'dcases', 'rcases']);

/** Commands dropped with their argument (`\tag{3}`). */
export const DROPPED_WITH_ARG: ReadonlySet<string> = new Set(['tag', 'label', 'tag*']);

/** Commands dropped alone. */
export const DROPPED: ReadonlySet<string> = new Set(['nonumber', 'notag', 'displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits']);

/** Row breaks: `\\`, `\cr`, `\newline`. */
export const ROW_BREAKS: ReadonlySet<string> = new Set(['\\', 'cr', 'newline']);

/** Sentence punctuation after the last formula of a row (`= 0.47.`). */
export const TRAILING_PUNCTUATION: ReadonlySet<string> = new Set(['.', ',', ';', '。', '，', '；', '、']);

/** Accents that make a new name: `\hat{y}` → `y_hat`. (`\dot` is a time derivative: not a name.) */
export const ACCENT_COMMANDS: Readonly<Record<string, string>> = {
  hat: 'hat', widehat: 'hat', bar: 'bar', overline: 'bar', tilde: 'tilde', widetilde: 'tilde', vec: 'vec',
};

/** Superscripts that name the updated value of a variable: `w^{+}`, `w^{new}` → `w_new`, as `w_{new}` does. */
export const UPDATE_SUPERSCRIPTS: ReadonlySet<string> = new Set(['+', 'new', '\\text{new}', '\\mathrm{new}', '(new)']);

/** Letters written side by side that make one name (`net_{h1}`, `out`, `target`): at least this many. */
export const WORD_NAME_LENGTH = 3;

/** How function names show in messages. */
export const FUNCTION_SHOWN: Readonly<Record<string, string>> = { log: 'ln', sigmoid: 'σ', dsigmoid: 'σ′', nthRoot: 'root' };

/** Characters of prose inside math (CJK, full-width forms). */
export const PROSE_CHAR = /[\u3000-\u9fff\uff00-\uffef]/;

/** Han characters a subscript may hold (`w_{新}`, `x_{输入}`): part of a name, not prose. */
export const HAN_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff]/;

// A Han subscript is spelt inside names with each character as `ǂ<hex>ǂ` (ǂ is a letter to
// mathjs), so the name stays a mathjs symbol; messages and hovers show it as written.
const HAN_SPELT = /ǂ([0-9a-f]+)ǂ/g;

/** A name's inner spelling for a subscript with Han characters. */
export function spellHan(text: string): string {
  return text.replace(/[\u3400-\u4dbf\u4e00-\u9fff]/g, (c) => `ǂ${c.codePointAt(0)!.toString(16)}ǂ`);
}

/** A name as the note wrote it (`w_新` for the inner `w_ǂ65b0ǂ`). */
export function readableName(name: string): string {
  return name.includes('ǂ') ? name.replace(HAN_SPELT, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16))) : name;
}
