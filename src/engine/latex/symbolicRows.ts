// The symbolic checks of a note's rows, in document order: definitions are remembered
// (`\text{Swish}(x) = …`, `L = \frac{1}{2}(\hat{y} - y)^2`), derivative claims are checked
// against the derivative of the definition, and the further links of a derivation
// (`&=` rows, chains of two or more `=`) are checked as identities, all at seeded points.
import type { Chain, Segment } from './chains';
import { nameOf, plainNames, readLeft, rewriteCalls, sigmaAsValue, withoutSpaces, type CallContext, type LeftForm } from './symbolicClaims';
import { formatValue } from './compare';
import { say } from '../messages';
import type { DerivativeEnv } from './derivatives';
import { checkSymbolicClaim, verdict, type CheckedPoint, type SymbolicClaim, type SymbolicScope, type SymbolicVerdict } from './identities';
import { components, compoundIndex, indicesOf, MAX_COMPONENTS, sizesOf, SIZE_TRIALS } from './symbolicDims';
import { seedOf, DEFAULT_SAMPLING } from './sampling';
import type { TexToken } from './lexer';
import { expand, freeSymbols, type Definition } from './symbolicExpr';
import { dlCalcBlock, pointTitle } from './symbolicBlock';
import { ARGMAX, ARGMIN, replaceLetters, rewriteNotation, usesNotation } from './symbolicNotation';
import { argFunctions } from './symbolicExpr';
import { children, nodes } from './ast';
import { notEvaluable } from './print';
import { emit, plain, translate, type Node } from './translate';
import type { LatexSampled } from './types';

/** What a link of a chain gets from the symbolic checks. */
export interface SymbolicLinkResult {
  readonly ok?: boolean;
  readonly message?: string;
  readonly reason?: string;
  readonly sampled?: LatexSampled;
}

export interface SymbolicRowsOptions {
  /** Also single `=` links between expressions (the `dlCalc.latexChecks.symbolic` setting). */
  readonly singleEquals: boolean;
}

/** The library's functions a claim may use undefined. */
const LIBRARY = new Set(['sigmoid', 'tanh', 'relu', 'softplus', 'exp', 'log', 'sin', 'cos', 'sinh', 'cosh', 'sign', 'abs']);
/** Library functions whose derivative claims are checked with no definition in the note. */
const SMOOTH_LIBRARY = new Set(['sigmoid', 'tanh', 'softplus', 'exp', 'log', 'sin', 'cos', 'sinh', 'cosh', 'relu', 'abs']);
/** Variable of a bare claim (`\sigma' = \sigma(1 - \sigma)`). */
const BARE_VARIABLE = 'x';

type Side = { ok: true; ast: Node; expression: string; names: readonly string[] } | { ok: false; reason: string };

/** Node kinds that name nothing: numbers and the operators between them. */
const ARITHMETIC: ReadonlySet<Node['k']> = new Set(['num', 'neg', 'bin', 'pow', 'paren']);

function isNumberFree(names: readonly string[]): boolean {
  return names.length === 0;
}

/** Two significant digits more until the two values differ as printed (at most six). */
function pair(a: number, b: number): [string, string] {
  for (let p = 3; p <= 6; p++) {
    const x = Number(a.toPrecision(p));
    const y = Number(b.toPrecision(p));
    if (x !== y || p === 6) return [formatValue(x), formatValue(y)];
  }
  return [formatValue(a), formatValue(b)];
}

function pointText(at: Readonly<Record<string, number>>, variables: readonly string[]): string {
  return variables.map((v) => `${v} = ${formatValue(at[v])}`).join(', ');
}

/** "checked at x = 0.4, 1.3, −2.1" or "checked at (w, b) = (3, 4), (−5.9, 1.5)". */
export function checkedAtText(points: readonly { at: Readonly<Record<string, number>> }[], variables: readonly string[]): string {
  if (!variables.length) return say('latex.checked');
  if (variables.length === 1) return say('latex.checkedAtOne', { name: variables[0], values: points.map((p) => formatValue(p.at[variables[0]])).join(', ') });
  return say('latex.checkedAtMany', { names: variables.join(', '), points: points.map((p) => `(${variables.map((v) => formatValue(p.at[v])).join(', ')})`).join(', ') });
}

const WORD_GROUPS = new Set(['begin', 'end', 'text', 'textrm', 'textit', 'textbf', 'textsf', 'texttt', 'mathrm', 'operatorname', 'mbox', 'mathit', 'mathsf', 'mathtt']);
const CONDITION_OPS: Record<string, string> = { lt: '<', gt: '>', le: '<=', ge: '>=' };
const NOT_EVALUATED = new Set(['tuple', 'matrix', 'prime', 'deriv', 'partial', 'nabla', 'transpose', 'norm']);

/**
 * mathjs source for each `cases` node of a tree (`x > 0 ? 1 : (x < 0 ? 0 : NaN)`), or why
 * the tree cannot be read. A branch needs a condition that is one inequality, or
 * `otherwise`; where no branch applies the value is NaN, so no point is taken there.
 */
/** A side that is a whole number by construction: a written whole number, or an argmax/argmin. */
function wholeValued(n: Node): boolean {
  if (n.k === 'num') return /^\d+$/.test(n.value);
  if (n.k === 'paren') return wholeValued(n.arg);
  return n.k === 'call' && (n.fn === ARGMAX || n.fn === ARGMIN);
}

function casesSources(root: Node): Map<Node, string> | string | undefined {
  const out = new Map<Node, string>();
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (NOT_EVALUATED.has(n.k)) return notEvaluable(n) ?? say('latex.skip.notEvaluated');
    if (n.k !== 'cases') {
      stack.push(...children(n));
      continue;
    }
    let text = 'NaN';
    for (let i = n.branches.length - 1; i >= 0; i--) {
      const b = n.branches[i];
      if (notEvaluable(b.value)) return say('symbolic.caseNotNumber');
      const value = emit(b.value);
      const c = b.condition;
      if (c?.otherwise) {
        text = `(${value})`;
        continue;
      }
      // `i = \arg\max(…)`: an equality of whole numbers holds on whole regions, not on a
      // boundary, so it is a condition like an inequality (its kinks are argmax's ties).
      if (c?.relation?.kind === 'eq' && wholeValued(c.relation.left) && wholeValued(c.relation.right)) {
        text = `(equal(${emit(c.relation.left)}, ${emit(c.relation.right)}) ? (${value}) : ${text})`;
        continue;
      }
      const op = c?.relation && CONDITION_OPS[c.relation.kind];
      if (!c?.relation || !op || notEvaluable(c.relation.left) || notEvaluable(c.relation.right)) return say('symbolic.caseCondition');
      text = `((${emit(c.relation.left)}) ${op} (${emit(c.relation.right)}) ? (${value}) : ${text})`;
    }
    out.set(n, text);
  }
  return out.size ? out : undefined;
}

/**
 * Notation the translation would read as a product but that means something else here:
 * `\Delta b` (a change in b), and words (`loss`, `net_{h1}`) that are one name, not letters
 * multiplied. Letters that spell a function the note defined are a call.
 */
function notationNotRead(tokens: readonly TexToken[], functions: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const n = tokens[i + 1];
    // An environment's name and text groups are words by construction: not read here.
    if (t.kind === 'cmd' && WORD_GROUPS.has(t.text) && n?.kind === 'lbrace') {
      // An unclosed group runs to the end: skip it all, so `\text{\text{…` stays linear.
      let depth = 0;
      let close = tokens.length;
      for (let j = i + 1; j < tokens.length; j++) {
        if (tokens[j].kind === 'lbrace') depth++;
        else if (tokens[j].kind === 'rbrace' && --depth === 0) {
          close = j;
          break;
        }
      }
      i = close;
      continue;
    }
    if (t.kind === 'cmd' && (t.text === 'Delta' || t.text === 'delta') && n && (n.kind === 'letter' || (n.kind === 'cmd' && /^[a-zA-Z]+$/.test(n.text) && n.text !== 'frac' && !['cdot', 'times'].includes(n.text)))) {
      return say('symbolic.increment', { notation: `\\${t.text} ${n.kind === 'letter' ? n.text : '\\' + n.text}` });
    }
    if (t.kind === 'letter' && !(tokens[i - 1]?.kind === 'letter' && t.tight)) {
      let j = i + 1;
      while (tokens[j]?.kind === 'letter' && tokens[j].tight) j++;
      const word = tokens.slice(i, j).map((x) => x.text).join('');
      if (word.length >= 3 && !functions.has(word)) return say('symbolic.word', { word });
    }
  }
  return undefined;
}

const LIST_SPACING = new Set(['quad', 'qquad', ',', ';', ':', '!', ' ', 'enspace', 'hspace']);

/** The tokens after a list's comma without the spacing written there (`, \quad g(x)`). */
function afterSpacing(t: readonly TexToken[]): TexToken[] {
  let i = 0;
  while (t[i]?.kind === 'cmd' && LIST_SPACING.has(t[i].text)) i += t[i].text === 'hspace' && t[i + 1]?.kind === 'lbrace' ? 2 : 1;
  if (t[i - 1]?.kind === 'lbrace') {
    // `\hspace{1em}`: skip the group.
    while (i < t.length && t[i].kind !== 'rbrace') i++;
    i++;
  }
  return t.slice(i);
}

/** A top-level comma's index in a segment's tokens, after which a definition's head starts. */
function headAfterComma(seg: Segment, src: string): number {
  const t = seg.tokens;
  let depth = 0;
  for (let j = t.length - 1; j > 0; j--) {
    const x = t[j];
    if (x.kind === 'close' || x.kind === 'rbrace') depth++;
    else if (x.kind === 'open' || x.kind === 'lbrace') depth--;
    else if (depth === 0 && x.kind === 'char' && (x.text === ',' || x.text === ';')) {
      const head = readLeft(afterSpacing(t.slice(j + 1)), src);
      return head && head.kind !== 'unread' ? j : -1;
    }
  }
  return -1;
}

/**
 * A row that is a list of definitions or claims (`f(x) = x^2, g(x) = 2x`,
 * `f(x) = x^2, f'(x) = 2x`): the items, each with the index of its first relation in
 * the row. A middle segment splits at its last top-level comma when what follows reads
 * as a left side (a function's head, a name, a derivative). Undefined for other rows.
 */
function listParts(chain: Chain, segs: readonly Segment[], src: string): { from: number; segments: Segment[] }[] | undefined {
  if (chain.continuation || segs.length < 3 || chain.relations.some((r) => r.kind !== 'eq')) return undefined;
  const parts: { from: number; segments: Segment[] }[] = [];
  let current: Segment[] = [segs[0]];
  let from = 0;
  for (let i = 1; i < segs.length; i++) {
    const seg = segs[i];
    const at = i < segs.length - 1 ? headAfterComma(seg, src) : -1;
    if (at <= 0) {
      current.push(seg);
      continue;
    }
    const before = seg.tokens.slice(0, at);
    const after = afterSpacing(seg.tokens.slice(at + 1));
    current.push({ tokens: before, start: seg.start, end: before[before.length - 1].end });
    parts.push({ from, segments: current });
    from = i;
    current = [{ tokens: after, start: after[0].start, end: seg.end }];
  }
  if (!parts.length) return undefined;
  parts.push({ from, segments: current });
  return parts;
}

/** What one formula taught the rows: its definitions, and the derivation it leaves open. */
export interface RowsDelta {
  readonly definitions: readonly Definition[];
  readonly head: Extract<LeftForm, { kind: 'derivative' }> | undefined;
  /** The running print after them. */
  readonly learned: string;
}

/** Two 32-bit FNV-1a hashes of the previous print and the next item: a 64-bit running print. */
function fingerprint(previous: string, item: string): string {
  const text = `${previous}\u0000${item}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

/** A definition written with a size letter (`L = \frac{1}{n} \sum_{i=1}^{n} …`): its stand-in among the definitions, read again for each size. */
interface Template {
  /** Its place among the definitions. */
  readonly at: number;
  readonly definition: Definition;
  readonly sized: NonNullable<Definition['sized']>;
}

/** What a claim checked during a run with sizes gave, for the combination across components. */
interface Captured {
  readonly verdict: SymbolicVerdict;
  readonly claim: SymbolicClaim;
  readonly title: string;
}

/** One size of a row with sizes: the letters' values, the index assignments, and what each gave. */
interface Trial {
  readonly values: ReadonlyMap<string, number>;
  readonly comps: readonly ReadonlyMap<string, number>[];
  /** The definitions written with sizes, read for these sizes (by their place). */
  readonly defs: ReadonlyMap<number, Definition>;
  readonly results: Map<number, SymbolicLinkResult>[];
  readonly captured: Map<number, Captured>[];
}

/** "D = 3, 4, 2" (one size letter) or "n = 3, m = 4; n = 4, m = 5" (several). */
function sizesList(values: readonly ReadonlyMap<string, number>[]): string {
  if (!values.length) return '';
  const names = [...values[0].keys()];
  if (names.length === 1) return `${names[0]} = ${values.map((v) => v.get(names[0])).join(', ')}`;
  return values.map((v) => names.map((n) => `${n} = ${v.get(n)}`).join(', ')).join('; ');
}

/**
 * The verdict of one size over its components (one per index value), at the points they
 * share: a point holds when every component holds there and fails when one fails.
 */
function acrossComponents(caps: readonly Captured[], trial: Trial, names: readonly string[], indices: readonly string[]): { v: SymbolicVerdict; claim: SymbolicClaim; title: string } {
  const sizeAt = Object.fromEntries(names.map((n) => [n, trial.values.get(n)!]));
  // A component that did not decide still counts with its points (the others may fail there).
  const skipped = caps.find((c) => c.verdict.status === 'skipped' && !c.verdict.checked);
  if (skipped) return { v: skipped.verdict, claim: skipped.claim, title: skipped.title };
  const vs = caps.map((c) => (c.verdict.status === 'skipped' ? c.verdict.checked! : c.verdict));
  const vars = vs[0].variables;
  const key = (at: Readonly<Record<string, number>>) => vars.map((x) => at[x]).join(',');
  const maps = vs.map((v) => new Map(v.points.map((p) => [key(p.at), p])));
  if (caps.length === 1 && caps[0].verdict.status === 'skipped') return { v: caps[0].verdict, claim: caps[0].claim, title: caps[0].title };
  const points: CheckedPoint[] = [];
  let failing: { point: CheckedPoint; comp: number } | undefined;
  for (const p of vs[0].points) {
    const k = key(p.at);
    const here = maps.map((m) => m.get(k));
    if (vs.some((v) => v.variables.join(',') !== vars.join(',')) || here.some((h) => !h)) continue;
    const fail = here.findIndex((h) => h!.holds === false);
    const holds = here.every((h) => h!.holds === true) ? true : fail >= 0 ? false : undefined;
    const shown = fail >= 0 ? here[fail]! : p;
    const at = { ...sizeAt, ...(fail >= 0 ? Object.fromEntries(trial.comps[fail]) : {}), ...p.at };
    const point: CheckedPoint = { at, left: shown.left, right: shown.right, holds };
    if (fail >= 0 && !failing) failing = { point, comp: fail };
    points.push(point);
  }
  if (points.length < DEFAULT_SAMPLING.count) return { v: { status: 'skipped', reason: say('symbolic.componentsApart') }, claim: caps[0].claim, title: caps[0].title };
  const v = verdict(points, [...vars], vs[0].method);
  if (v.status === 'skipped') return { v, claim: caps[0].claim, title: caps[0].title };
  if (v.status === 'verified') return { v: { ...v, points: points.map((p) => ({ ...p, at: Object.fromEntries(vars.map((x) => [x, p.at[x]])) })) }, claim: caps[0].claim, title: caps[0].title };
  // Wrong: the message names the sizes and the index where it fails.
  const f = failing!;
  const shownVars = [...names, ...indices, ...vars];
  const filled = points.map((p) => ({ ...p, at: { ...Object.fromEntries(trial.comps[f.comp]), ...p.at } }));
  return { v: { ...v, variables: shownVars, points: filled, failing: f.point }, claim: caps[f.comp].claim, title: caps[f.comp].title };
}

/** The rows' learned state, to put back after a run for one size (see withSizes). */
interface Snapshot {
  readonly definitions: Definition[];
  readonly functionNames: Set<string>;
  readonly valueNames: Set<string>;
  readonly learned: string;
  readonly head: Extract<LeftForm, { kind: 'derivative' }> | undefined;
}

export class SymbolicRows {
  private readonly definitions: Definition[] = [];
  /** During a run with sizes: the claims checked, by link, and the seed they share. */
  private capture: { readonly seed: number; readonly links: Map<number, Captured> } | undefined;
  // Kept as definitions are added, so a row's lookups do not walk every definition above
  // it (a note of thousands of bindings stays linear).
  private readonly functionNames = new Set<string>(LIBRARY);
  private readonly valueNames = new Set<string>();
  /** A running hash of every definition pushed, in order: `printed`, then `unprinted` folded in. */
  private printed = '0';
  // Folded in only when the print is read (the span cache's runs): a note checked once never pays for it.
  private unprinted: (Definition | string)[] = [];
  /** The derivative claim the current derivation started with, if any. */
  private head: Extract<LeftForm, { kind: 'derivative' }> | undefined;

  constructor(
    private readonly env: DerivativeEnv,
    private readonly options: SymbolicRowsOptions,
  ) {}

  private functions(): ReadonlySet<string> {
    return this.functionNames;
  }

  private push(d: Definition, print = true): void {
    this.definitions.push(d);
    if (print) this.unprinted.push(d);
    if (d.params) this.functionNames.add(d.name);
    else this.valueNames.add(d.name);
  }

  private snapshot(): Snapshot {
    return { definitions: this.definitions.slice(), functionNames: new Set(this.functionNames), valueNames: new Set(this.valueNames), learned: this.learned, head: this.head };
  }

  private get learned(): string {
    for (const item of this.unprinted) this.printed = fingerprint(this.printed, typeof item === 'string' ? item : JSON.stringify(item));
    this.unprinted = [];
    return this.printed;
  }

  private set learned(print: string) {
    this.printed = print;
    this.unprinted = [];
  }

  private restore(s: Snapshot): void {
    this.definitions.splice(0, this.definitions.length, ...s.definitions);
    for (const [mine, saved] of [[this.functionNames, s.functionNames], [this.valueNames, s.valueNames]] as const) {
      mine.clear();
      for (const n of saved) mine.add(n);
    }
    this.learned = s.learned;
    this.head = s.head;
  }

  /** The definitions written with sizes, with their place. */
  private templates(): Template[] {
    const out: Template[] = [];
    this.definitions.forEach((d, at) => {
      if (d.sized) out.push({ at, definition: d, sized: d.sized });
    });
    return out;
  }

  /** What the rows have learned so far, as a signature (a formula's check is reused only on the same, latex/spanCache.ts). */
  get state(): string {
    return this.head ? `${this.learned}|${JSON.stringify(this.head)}` : this.learned;
  }

  /** A point to take what was learned since (`since`). */
  mark(): number {
    return this.definitions.length;
  }

  since(mark: number): RowsDelta {
    return { definitions: this.definitions.slice(mark), head: this.head, learned: this.learned };
  }

  /** Learns again what a formula taught the rows in an earlier run. */
  replay(delta: RowsDelta): void {
    // Replayed only from the same state (`state` matched), so the print after is the one recorded.
    for (const d of delta.definitions) this.push(d, false);
    this.learned = delta.learned;
    this.head = delta.head;
  }

  /** A right side (or any side) as a mathjs expression, calls of known functions read as calls. */
  private side(written: readonly TexToken[], src: string, ctx: CallContext, sigmaValue = false): Side {
    // Indicators and bounded sums, rewritten before the translation (symbolicNotation.ts).
    let tokens = written;
    let placeholders: ReadonlyMap<string, string> = new Map();
    if (usesNotation(written)) {
      const rw = rewriteNotation(written, src);
      if ('reason' in rw) return { ok: false, reason: rw.reason };
      tokens = rw.tokens;
      placeholders = rw.values;
    }
    // argmax/argmin stand-ins are calls, read as the conditionals they are after emitting.
    if (tokens.some((x) => x.kind === 'letter' && (x.text === ARGMAX || x.text === ARGMIN))) ctx = { ...ctx, functions: new Set([...ctx.functions, ARGMAX, ARGMIN]) };
    const unread = notationNotRead(tokens, ctx.functions);
    if (unread) return { ok: false, reason: unread };
    const t = sigmaValue ? sigmaAsValue(tokens) : tokens;
    const tr = translate(t, src);
    if (!tr.ok && !tr.ast) return { ok: false, reason: tr.reason };
    // A Leibniz quotient reads as a quantity in numeric chains (`dL_dw`); here it is a
    // derivative, not a free symbol, so the side is not read.
    if (nodes(tr.ast!).some((n) => n.k === 'deriv')) return { ok: false, reason: say('symbolic.derivativeInSide') };
    // Calls of the note's functions first (`h(x, y)` is a call, not a list), then what is
    // still not evaluable: a piecewise definition (`\begin{cases}`) is read, nothing else.
    const rw = rewriteCalls(tr.ast!, ctx);
    if (!rw.ok) return rw;
    const why = tr.ok ? undefined : notEvaluable(rw.ast);
    const cases = why ? casesSources(rw.ast) : undefined;
    if (why && typeof cases !== 'object') return { ok: false, reason: typeof cases === 'string' ? cases : why };
    let expression = emit(rw.ast, typeof cases === 'object' ? cases : undefined);
    if (ctx.bareValue) expression = this.substituteValue(expression, ctx.bareValue.name, ctx.bareValue.call);
    for (const [name, value] of placeholders) expression = this.substituteValue(expression, name, value);
    // A side of numbers and arithmetic only (`w = 0.5`, the most common definition) names
    // nothing: no need to parse it with mathjs to find that out.
    if (!ctx.bareValue && !placeholders.size && nodes(rw.ast).every((n) => ARITHMETIC.has(n.k))) return { ok: true, ast: rw.ast, expression, names: [] };
    let names: string[];
    try {
      if (expression.includes(ARGMAX) || expression.includes(ARGMIN)) expression = argFunctions(this.env.parse(expression), this.env.parse, ARGMAX, ARGMIN).toString();
      names = freeSymbols(this.env.parse(expression));
    } catch {
      return { ok: false, reason: say('symbolic.notExpression') };
    }
    return { ok: true, ast: rw.ast, expression, names };
  }

  private substituteValue(expression: string, name: string, call: string): string {
    const node = this.env.parse(expression).transform((c: any, path: string | null) =>
      c.type === 'SymbolNode' && path !== 'fn' && c.name === name ? this.env.parse(`(${call})`) : c,
    );
    return node.toString();
  }

  private bound(lookup: (name: string) => number | undefined): (name: string) => number | undefined {
    return (name) => {
      const v = lookup(name);
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    };
  }

  /** The dl-calc block that evaluates both sides at the failing point, or undefined. */
  private block(claim: SymbolicClaim, at: Readonly<Record<string, number>>, title: string): string | undefined {
    const wrt = claim.kind === 'derivative' ? (claim.wrt ?? [claim.variable]) : [];
    // The block differentiates once or twice in one name; a mixed partial gets no block.
    if (wrt.length > 1 && wrt.some((w) => w !== wrt[0])) return undefined;
    const keep = new Set(wrt);
    try {
      // Only the brackets the precedence needs, so the block reads like the note.
      const left = expand(claim.kind === 'derivative' ? claim.of : claim.left, this.definitions, this.env.parse, keep).toString({ parenthesis: 'auto' });
      const right = expand(claim.right, this.definitions, this.env.parse, keep).toString({ parenthesis: 'auto' });
      const names = Object.keys(at);
      return dlCalcBlock({ title: `${title} at ${pointTitle(names, at)}`, names, at, left, right, variable: claim.kind === 'derivative' ? claim.variable : undefined, order: wrt.length || undefined });
    } catch {
      return undefined;
    }
  }

  private verdictToLink(v: SymbolicVerdict, claim: SymbolicClaim, title: string): SymbolicLinkResult {
    if (v.status === 'skipped') return { reason: v.reason };
    const sampled: LatexSampled = {
      variables: v.variables,
      points: v.points.map((p) => ({ at: p.at, left: p.left, right: p.right })),
      method: v.method,
      checkedAt: checkedAtText(v.points, v.variables),
      left: claim.kind === 'identity' ? claim.left : claim.of,
      right: claim.right,
      ...(claim.kind === 'derivative' ? { derivativeOf: claim.of, variable: claim.variable } : {}),
      definitions: this.definitions.map(({ sized: _sized, ...d }) => ({ ...d })),
    };
    if (v.status === 'verified') return { ok: true, sampled };
    const f = v.failing!;
    const block = this.block(claim, f.at, title);
    const [l, r] = pair(f.left, f.right);
    const at = pointText(f.at, v.variables);
    const message =
      claim.kind === 'derivative'
        ? say((claim.wrt?.length ?? 1) > 1 ? 'latex.secondDerivativeWrong' : 'latex.derivativeWrong', { at, name: claim.label, left: l, right: r })
        : say('latex.identityWrong', { at, left: l, right: r });
    return { ok: false, message, sampled: { ...sampled, failing: { at: f.at, left: f.left, right: f.right }, ...(block ? { block } : {}) } };
  }

  /** The derivative claim a left side makes, with the right side as translated. */
  private derivativeClaim(form: Extract<LeftForm, { kind: 'derivative' }>, right: readonly TexToken[], src: string, values: CallContext['values']): SymbolicClaim | string {
    const functions = this.functions();
    let of: string;
    let variable = form.variable || BARE_VARIABLE;
    const wrt = form.wrt.map((w) => w || BARE_VARIABLE);
    let label = form.label;
    // `\frac{dg}{dx}` where the note defined the function g(x): the derivative of g(x).
    if (!form.fn && form.of) {
      const lone = nameOf(form.of, src);
      const fn = lone && [...this.definitions].reverse().find((d) => d.name === lone);
      if (fn && fn.params?.length === 1 && new Set(wrt).size === 1) form = { ...form, fn: lone, of: undefined, label: lone };
    }
    if (form.fn) {
      const defined = this.definitions.some((d) => d.name === form.fn && d.params?.length === 1);
      if (!defined && !SMOOTH_LIBRARY.has(form.fn)) return say('symbolic.notDefined', { name: form.label });
      if (form.bare && form.fn !== 'sigmoid' && !/^[A-Za-z]+$/.test(form.fn)) return say('symbolic.notationNotRead');
      of = `${form.fn}(${variable})`;
    } else {
      const t = this.side(form.of!, src, { functions, values });
      if (!t.ok) return t.reason;
      of = t.expression;
      if (form.label === 'the left side') label = plain(t.ast);
      // `\frac{\partial L}{\partial w}` where L is not defined: nothing to check against.
      const single = t.ast.k === 'name' ? t.ast.name : undefined;
      if (single && !this.valueNames.has(single)) return say('symbolic.notDefined', { name: single });
    }
    if (!variable) variable = BARE_VARIABLE;
    const bareValue = form.bare ? { name: form.fn === 'sigmoid' ? 'σ' : form.fn!, call: of } : undefined;
    const r = this.side(right, src, { functions, values: { has: (n) => n === variable || values.has(n) }, bareValue }, form.bare && form.fn === 'sigmoid');
    if (!r.ok) return r.reason;
    return { kind: 'derivative', of, variable, wrt, right: r.expression, label };
  }

  /** Checks a claim of link `i`; during a run with sizes, at the shared seed, and remembers the verdict. */
  private checked(i: number, claim: SymbolicClaim, scope: SymbolicScope, title: string): SymbolicLinkResult {
    const v = checkSymbolicClaim(claim, scope, this.env, this.capture ? { ...DEFAULT_SAMPLING, seed: this.capture.seed } : DEFAULT_SAMPLING);
    this.capture?.links.set(i, { verdict: v, claim, title });
    return this.verdictToLink(v, claim, title);
  }

  /**
   * The symbolic results for a chain's links (by index), and the chain's definition
   * remembered. `segs[i]` are the chain's segments, the carried one first for a
   * continuation; `numeric[i]` is true where the link was already checked with numbers.
   */
  chain(chain: Chain, segs: readonly Segment[], src: string, numeric: readonly boolean[], lookup: (name: string) => number | undefined): Map<number, SymbolicLinkResult> {
    // Sizes written as letters (`\sum_{i=1}^{n}`, `x_1, \ldots, x_D`): checked for small sizes.
    const sizes = sizesOf(segs.flatMap((s) => s.tokens));
    if (sizes.sizes.length && !this.capture) return this.withSizes(chain, segs, src, numeric, lookup, sizes.sizes);
    const out = this.rows(chain, segs, src, numeric, lookup);
    // A claim about a definition written with sizes: again, for small sizes.
    if (this.capture || !out.size) return out;
    const used = this.templates().filter((t) => [...out.values()].some((r) => r.reason === t.definition.unusable));
    if (used.length) return this.withSizes(chain, segs, src, numeric, lookup, [...new Set(used.flatMap((t) => t.sized.sizes))]);
    return out;
  }

  /**
   * A row with sizes written as letters (`\sum_{i=1}^{n}`, `x_1, \ldots, x_D`, or a
   * definition written so): checked for each size of SIZE_TRIALS, with each index
   * (`\partial x_i`) in turn at the same points, the letters written as numbers. A point
   * holds when every index holds there and fails when one fails; a claim is verified when
   * it is verified for every size, wrong when wrong for every size, else skipped.
   */
  private withSizes(chain: Chain, segs: readonly Segment[], src: string, numeric: readonly boolean[], lookup: (name: string) => number | undefined, sizeNames: readonly string[]): Map<number, SymbolicLinkResult> {
    const templates = this.templates();
    const all = segs.flatMap((x) => x.tokens);
    const found = sizesOf(all);
    const names = [...new Set([...sizeNames, ...templates.flatMap((t) => t.sized.sizes)])];
    const indices = indicesOf(all, found).filter((n) => !names.includes(n));
    const letters = new Set([...names, ...indices, ...found.bound]);
    if (compoundIndex(all, letters) || templates.some((t) => compoundIndex(t.sized.tokens, new Set([...letters, ...sizesOf(t.sized.tokens).bound])))) {
      // Read as before sizes were read (definitions opaque, sums skipped), with this reason.
      const before = this.definitions.length;
      const plain = this.rows(chain, segs, src, numeric, lookup);
      const reason = say('symbolic.compoundIndex');
      for (const [i, r] of plain) if (r.reason) plain.set(i, { reason });
      // A definition so written: claims that use it say why they are not checked.
      for (let k = before; k < this.definitions.length; k++) if (this.definitions[k].opaque) this.definitions[k] = { ...this.definitions[k], unusable: reason };
      this.unprinted.push(reason);
      return plain;
    }
    const trials: Trial[] = [];
    for (const size of SIZE_TRIALS) {
      const values = new Map(names.map((n, k) => [n, size + k] as [string, number]));
      const comps = components(indices, found.from, values.get(names[0])!);
      if (!comps) return new Map(chain.relations.map((_, i) => [i, { reason: say('symbolic.tooManyIndices', { limit: MAX_COMPONENTS }) }]));
      const defs = this.instantiated(templates, values, lookup);
      const trial: Trial = { values, comps, defs, results: [], captured: [] };
      for (const c of comps) {
        const subst = new Map([...values, ...c]);
        // Each run starts from what the rows knew before the row, and leaves nothing behind.
        const before = this.snapshot();
        for (const [at, d] of defs) this.definitions[at] = d;
        this.capture = { seed: seedOf(`${src.slice(segs[0].start, segs[segs.length - 1].end)}#${size}`), links: new Map() };
        try {
          trial.results.push(this.rows(chain, segs.map((x) => ({ ...x, tokens: replaceLetters(x.tokens, subst) })), src, numeric, lookup));
          trial.captured.push(this.capture.links);
        } finally {
          this.capture = undefined;
          this.restore(before);
        }
      }
      trials.push(trial);
    }
    // A sized derivation's `&=` rows are not followed from its head.
    if (!chain.continuation) this.head = undefined;
    // The sizes a message names: the row's own and those of the definitions its claims use.
    const used = new Set(trials.flatMap((t) => t.captured.flatMap((m) => [...m.values()].flatMap((c) => this.symbolsOf(c.claim)))));
    const shownSizes = new Set([...found.sizes, ...sizeNames.filter((n) => !found.sizes.length || found.sizes.includes(n)), ...templates.filter((t) => used.has(t.definition.name)).flatMap((t) => t.sized.sizes)]);
    const shown = names.filter((n) => shownSizes.has(n));
    const out = new Map<number, SymbolicLinkResult>();
    const links = new Set(trials.flatMap((t) => t.results.flatMap((r) => [...r.keys()])));
    for (const i of [...links].sort((a, b) => a - b)) {
      const r = this.combined(i, trials, shown.length ? shown : names.slice(0, 1), indices);
      if (r) out.set(i, r);
    }
    // A definition with sizes is remembered as written, and read again for the sizes of each claim that uses it.
    const first = chain.continuation ? undefined : readLeft(segs[0].tokens, src);
    if (first && (first.kind === 'function' || first.kind === 'name') && chain.relations[0]?.kind === 'eq' && segs[1]?.tokens.length && !chain.relations.some((r) => r.kind !== 'eq' && r.kind !== 'approx')) {
      const own = sizesOf(segs[1].tokens).sizes;
      if (own.length) {
        const reason = say('symbolic.sizedDefinition', { name: first.name, sizes: own.join(', ') });
        this.push({ name: first.name, params: first.kind === 'function' ? first.params : undefined, expression: first.name, opaque: true, unusable: reason, sized: { tokens: segs[1].tokens, sizes: own, src } });
      }
    }
    return out;
  }

  /** The names a claim writes before its definitions are substituted. */
  private symbolsOf(claim: SymbolicClaim): string[] {
    const out: string[] = [];
    for (const text of claim.kind === 'derivative' ? [claim.of, claim.right] : [claim.left, claim.right]) {
      try {
        this.env.parse(text).traverse((c: any) => {
          if (c.type === 'SymbolNode') out.push(c.name);
        });
      } catch {
        // Not parsed: it names nothing.
      }
    }
    return out;
  }

  /** The definitions written with sizes, read for these sizes (by their place). */
  private instantiated(templates: readonly Template[], values: ReadonlyMap<string, number>, lookup: (name: string) => number | undefined): Map<number, Definition> {
    const out = new Map<number, Definition>();
    const bound = this.bound(lookup);
    for (const t of templates) {
      const d = t.definition;
      const tokens = replaceLetters(t.sized.tokens, values);
      const r = this.side(tokens, t.sized.src, { functions: this.functions(), values: { has: (n) => bound(n) !== undefined || (d.params ?? []).includes(n) || this.valueNames.has(n) } });
      out.set(t.at, r.ok && r.names.length ? { name: d.name, params: d.params, expression: r.expression } : { name: d.name, params: d.params, expression: d.name, opaque: true, unusable: r.ok ? d.unusable : r.reason });
    }
    return out;
  }

  /** Link `i` of a row with sizes: its verdict over the components and the sizes (see withSizes). */
  private combined(i: number, trials: readonly Trial[], names: readonly string[], indices: readonly string[]): SymbolicLinkResult | undefined {
    const per: { v: SymbolicVerdict; trial: Trial; claim: SymbolicClaim; title: string }[] = [];
    for (const trial of trials) {
      const caps = trial.captured.map((m) => m.get(i));
      if (caps.some((c) => !c)) {
        // Not a claim checked at points in every component: what the first run said.
        const r = trial.results.map((m) => m.get(i)).find((x) => x && x.ok === undefined) ?? trial.results[0]?.get(i);
        return r && r.reason ? { reason: r.reason } : undefined;
      }
      const c = acrossComponents(caps as Captured[], trial, names, indices);
      per.push({ ...c, trial });
    }
    const skipped = per.find((p) => p.v.status === 'skipped');
    if (skipped && skipped.v.status === 'skipped') return { reason: skipped.v.reason };
    const sizeText = (ps: typeof per) => sizesList(ps.map((p) => new Map(names.map((n) => [n, p.trial.values.get(n)!] as [string, number]))));
    if (per.every((p) => p.v.status === 'verified')) {
      const p = per[0];
      const link = this.verdictToLink(p.v, p.claim, p.title);
      const checked = checkedAtText((p.v as Extract<SymbolicVerdict, { points: unknown }>).points, (p.v as Extract<SymbolicVerdict, { variables: unknown }>).variables);
      const checkedAt = indices.length ? say('symbolic.checkedForSizesIndices', { checked, sizes: sizeText(per), indices: indices.join(', ') }) : say('symbolic.checkedForSizes', { checked, sizes: sizeText(per) });
      return { ...link, sampled: { ...link.sampled!, checkedAt } };
    }
    if (per.every((p) => p.v.status === 'wrong')) {
      const p = per[0];
      // The quick fix's block substitutes the definitions as read for that size.
      const keep = this.snapshot();
      for (const [at, d] of p.trial.defs) this.definitions[at] = d;
      try {
        return this.verdictToLink(p.v, p.claim, p.title);
      } finally {
        this.restore(keep);
      }
    }
    return { reason: say('symbolic.sizesUndecided', { held: sizeText(per.filter((p) => p.v.status === 'verified')) || '—', failed: sizeText(per.filter((p) => p.v.status === 'wrong')) }) };
  }

  /** The results of a row with sizes, over sizes and indices (see withSizes). */
  private rows(chain: Chain, segs: readonly Segment[], src: string, numeric: readonly boolean[], lookup: (name: string) => number | undefined): Map<number, SymbolicLinkResult> {
    const parts = listParts(chain, segs, src);
    if (!parts) return this.one(chain, segs, src, numeric, lookup);
    // `f(x) = …, g(x) = …`: each item in turn, its links numbered as in the whole row.
    const out = new Map<number, SymbolicLinkResult>();
    for (const p of parts) {
      const sub: Chain = { segments: p.segments, relations: chain.relations.slice(p.from, p.from + p.segments.length - 1), continuation: false };
      for (const [i, r] of this.one(sub, p.segments, src, numeric.slice(p.from), lookup)) out.set(p.from + i, r);
    }
    return out;
  }

  private one(chain: Chain, segs: readonly Segment[], src: string, numeric: readonly boolean[], lookup: (name: string) => number | undefined): Map<number, SymbolicLinkResult> {
    const out = new Map<number, SymbolicLinkResult>();
    const bound = this.bound(lookup);
    // The definitions above this row (its own comes after): copied only if a claim is checked.
    const defs = this.definitions;
    const count = defs.length;
    let above: Definition[] | undefined;
    const scope = {
      get definitions(): Definition[] {
        return (above ??= defs.slice(0, count));
      },
      bound,
    };
    const eqs = chain.relations.filter((r) => r.kind === 'eq').length;
    // A condition or an implication makes the row a statement; `\approx` is a computation.
    const statement = chain.relations.some((r) => r.kind !== 'eq' && r.kind !== 'approx');
    const first = chain.continuation ? undefined : readLeft(segs[0].tokens, src);
    const functions = this.functions();
    // Names the chain writes as values: before a bracket they multiply it.
    const plain = new Set<string>();
    for (const seg of segs) {
      // Sums and ellipses written out first, so `a` in `a \sum_{i=1}^{3} x_i` counts.
      const rw = usesNotation(seg.tokens) ? rewriteNotation(seg.tokens, src) : undefined;
      const tokens = rw && !('reason' in rw) ? rw.tokens : seg.tokens;
      const tr = tokens.length ? translate(tokens, src) : undefined;
      if (tr?.ok) plainNames(tr.ast, plain);
    }
    const own = new Set<string>(first?.kind === 'function' ? first.params : first?.kind === 'derivative' && first.variable ? [first.variable] : []);
    const values: CallContext['values'] = {
      has: (n) => plain.has(n) || own.has(n) || bound(n) !== undefined || this.valueNames.has(n),
    };

    // Link 0 with a special left side.
    if (first && chain.relations[0]?.kind === 'eq' && segs[1]?.tokens.length) {
      if (first.kind === 'unread') {
        out.set(0, { reason: first.reason });
      } else if (first.kind === 'derivative' && statement) {
        out.set(0, { reason: say('symbolic.underCondition') });
      } else if (first.kind === 'derivative') {
        const claim = this.derivativeClaim(first, segs[1].tokens, src, values);
        if (typeof claim === 'string') out.set(0, { reason: claim });
        else out.set(0, this.checked(0, claim, scope, `${src.slice(segs[0].start, segs[1].end).replace(/\s+/g, ' ').trim()}`));
      } else if (!statement) {
        const ctx: CallContext = { functions: first.kind === 'function' ? new Set([...functions, first.name]) : functions, values };
        const r = this.side(segs[1].tokens, src, ctx);
        const params = first.kind === 'function' ? first.params : undefined;
        if (r.ok && !isNumberFree(r.names) && !(first.kind === 'name' && r.names.includes(first.name))) {
          this.define({ name: first.name, params, expression: r.expression }, scope);
        } else {
          // A value, an update (`w = w - \eta g`) or something unread: earlier definitions no longer hold.
          this.push({ name: first.name, params, expression: first.name, opaque: true });
        }
      }
    }

    // The derivative a derivation is about, for its later links and `&=` rows.
    if (!chain.continuation) this.head = first?.kind === 'derivative' && !statement ? first : undefined;
    const head = this.head;

    // Identities: the further links of a derivation.
    const derivation = !statement && (eqs >= 2 || chain.continuation);
    if (!derivation && !this.options.singleEquals) return out;
    if (statement) return out;
    for (let i = 0; i < chain.relations.length; i++) {
      if (out.has(i) || numeric[i] || chain.relations[i].kind !== 'eq') continue;
      if (i === 0 && first && first.kind !== 'derivative' && !chain.continuation) continue; // a definition
      if (i === 0 && (first?.kind === 'derivative' || first?.kind === 'unread')) continue;
      const l = segs[i];
      const r = segs[i + 1];
      if (!l?.tokens.length || !r?.tokens.length) continue;
      const ctx: CallContext = { functions: this.functions(), values };
      const a = this.side(withoutSpaces(l.tokens), src, ctx);
      const b = this.side(withoutSpaces(r.tokens), src, ctx);
      if (!a.ok || !b.ok) {
        // `\frac{\partial L}{\partial w} = (a - t) \frac{\partial a}{\partial w} = (a - t) a (1 - a) x`:
        // the step before cannot be read, so the expression is compared with the derivative itself.
        if (head && b.ok && b.ast.k !== 'name' && !isNumberFree(b.names)) {
          const claim = this.derivativeClaim(head, r.tokens, src, values);
          if (typeof claim !== 'string') out.set(i, this.checked(i, claim, scope, `${head.label}: ${src.slice(r.start, r.end).replace(/\s+/g, ' ').trim()}`));
        }
        continue;
      }
      // A lone name on either side is a label or a definition, never an identity.
      if (a.ast.k === 'name' || b.ast.k === 'name') continue;
      if (isNumberFree(a.names) || isNumberFree(b.names)) continue;
      // Only a derivation, or the single-`=` setting, makes this a claim.
      if (!derivation && !this.options.singleEquals) continue;
      const claim: SymbolicClaim = { kind: 'identity', left: a.expression, right: b.expression };
      out.set(i, this.checked(i, claim, scope, `${src.slice(l.start, r.end).replace(/\s+/g, ' ').trim()}`));
    }
    return out;
  }

  /**
   * Remembers a definition. One of a library function (`\sigma(z) = \frac{1}{1+e^{-z}}`)
   * must agree with the library at points: then the library's stands; otherwise claims
   * that use the name are skipped, since the note and the library disagree on it.
   */
  private define(d: Definition, scope: SymbolicScope): void {
    if (d.params && LIBRARY.has(d.name)) {
      const call = `${d.name}(${d.params.join(', ')})`;
      const v = checkSymbolicClaim({ kind: 'identity', left: call, right: d.expression }, scope, this.env);
      if (v.status === 'verified') return;
      this.push({ ...d, unusable: `${d.name} is defined above differently from the library's ${d.name}` });
      return;
    }
    this.push(d);
  }
}
