// Turns a statement's text into what the evaluator runs: parsed and compiled once per
// distinct text (the cache makes re-evaluating an unchanged note cheap), with the names
// it reads, the name it assigns, and the parts of a ≈ check.
import type { EvalFunction, MathNode } from 'mathjs';
import { asciiTwins, fullWidthHint } from './fullWidth';
import { formatCount, type SandboxedMath } from './mathInstance';
import { said, type MessageArgs, type MessageCode } from './messages';
import { sayErrorMessage } from './messages/mathjsErrors';
import { maskStrings } from './parse/strings';

export interface CompiledExpr {
  readonly node: MathNode;
  readonly code: EvalFunction;
  /** Offset of this expression in the statement text. */
  readonly offset: number;
  readonly text: string;
}

export type CompiledStatement =
  | {
      readonly kind: 'plain' | 'compare';
      readonly main: CompiledExpr;
      readonly assigns?: string;
      readonly reads: readonly string[];
      readonly unitNames: ReadonlySet<string>;
      readonly reusable: boolean;
    }
  | {
      readonly kind: 'approx';
      readonly main: CompiledExpr;
      readonly rhs: CompiledExpr;
      readonly tolerance?: CompiledExpr;
      readonly assigns?: string;
      readonly reads: readonly string[];
      readonly unitNames: ReadonlySet<string>;
      readonly reusable: boolean;
    }
  | { readonly kind: 'error'; readonly message: string; readonly code?: MessageCode; readonly args?: MessageArgs; readonly offset: number; readonly length?: number };

const COMPARISONS = new Set(['equal', 'unequal', 'smaller', 'smallerEq', 'larger', 'largerEq']);

/** Finds top-level occurrences of any of `tokens` outside brackets and strings. */
export function findTopLevel(text: string, tokens: readonly string[], from = 0): { index: number; token: string } | undefined {
  const code = maskStrings(text);
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (depth === 0) {
      for (const token of tokens) if (code.startsWith(token, i)) return { index: i, token };
    }
  }
  return undefined;
}

export function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 41 || c === 93 || c === 125) depth--;
  }
  return max;
}

/**
 * Names in unit position: after a number (`4 bytes`, implicit multiplication) or after
 * `to`/`in`. Only there may an undefined name be read as a unit; elsewhere it is unknown.
 */
export function unitPositionsOf(node: MathNode): Set<string> {
  const out = new Set<string>();
  const collectAll = (n: any) => {
    if (n.isSymbolNode) out.add(n.name);
    else n.forEach(collectAll);
  };
  node.traverse((n: any) => {
    if (!n.isOperatorNode) return;
    if (n.fn === 'to') collectAll(n.args[1]);
    else if (n.implicit && n.args[1]) {
      const right = n.args[1];
      if (right.isSymbolNode) out.add(right.name);
      else if (right.isOperatorNode && right.fn === 'pow' && right.args[0].isSymbolNode) out.add(right.args[0].name);
    }
  });
  return out;
}

/** The names an expression reads from the scope (parameters of `f(x) = ...` excluded). */
export function readsOf(node: MathNode): string[] {
  const out = new Set<string>();
  const visit = (n: any, bound: ReadonlySet<string>) => {
    if (n.isSymbolNode) {
      if (!bound.has(n.name) && n.name !== 'end') out.add(n.name);
      return;
    }
    if (n.isFunctionAssignmentNode) {
      // The function's own name is bound inside it: recursion is allowed (and time-limited).
      visit(n.expr, new Set([...bound, ...n.params, n.name]));
      return;
    }
    if (n.isAssignmentNode) {
      // `a = ...` writes a; `A[1] = ...` reads A too.
      if (n.index) visit(n.object, bound);
      if (n.index) visit(n.index, bound);
      visit(n.value, bound);
      return;
    }
    n.forEach((child: any) => visit(child, bound));
  };
  visit(node, new Set());
  return [...out];
}

export class StatementCompiler {
  private readonly cache = new Map<string, CompiledStatement>();

  constructor(
    private readonly sandbox: SandboxedMath,
    private readonly limits: () => { maxStatementLength: number; maxNesting: number },
  ) {}

  get size(): number {
    return this.cache.size;
  }

  compile(text: string): CompiledStatement {
    let compiled = this.cache.get(text);
    if (!compiled) {
      compiled = this.compileUncached(text);
      // Bound the cache: a long editing session must not grow it forever.
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(text, compiled);
    }
    return compiled;
  }

  /** Compiles a lone expression (a `#=` record). */
  compileExpression(text: string): CompiledExpr | { error: string; offset: number } {
    const compiled = this.compile(text);
    if (compiled.kind === 'error') return { error: compiled.message, offset: compiled.offset };
    return compiled.main;
  }

  private compileUncached(original: string): CompiledStatement {
    const compiled = this.compileAscii(asciiTwins(original));
    if (compiled.kind !== 'error') return compiled;
    // A syntax error in a statement with full-width marks: name the mark and its twin.
    const hint = compiled.message.startsWith('Syntax error') ? fullWidthHint(original) : undefined;
    return hint ? { kind: 'error', offset: hint.offset, length: 1, message: hint.message } : compiled;
  }

  private compileAscii(text: string): CompiledStatement {
    const { maxStatementLength, maxNesting: nestingLimit } = this.limits();
    if (text.length > maxStatementLength) {
      return { kind: 'error', offset: 0, ...said('limit.statementLength', { length: formatCount(text.length), limit: formatCount(maxStatementLength) }) };
    }
    const depth = maxNesting(text);
    if (depth > nestingLimit) {
      return { kind: 'error', offset: 0, ...said('limit.nesting', { depth, limit: nestingLimit }) };
    }
    const approx = findTopLevel(text, ['≈', '~=']);
    if (approx) {
      const lhsText = text.slice(0, approx.index);
      const afterOp = approx.index + approx.token.length;
      const pm = findTopLevel(text, ['±', '+-'], afterOp);
      const rhsEnd = pm ? pm.index : text.length;
      const lhs = this.expr(lhsText, 0);
      if ('error' in lhs) return lhs.error;
      const rhs = this.expr(text.slice(afterOp, rhsEnd), afterOp);
      if ('error' in rhs) return rhs.error;
      let tolerance: CompiledExpr | undefined;
      if (pm) {
        const tol = this.expr(text.slice(pm.index + pm.token.length), pm.index + pm.token.length);
        if ('error' in tol) return tol.error;
        tolerance = tol;
      }
      const reads = new Set([...readsOf(lhs.node), ...readsOf(rhs.node), ...(tolerance ? readsOf(tolerance.node) : [])]);
      const unitNames = new Set([...unitPositionsOf(lhs.node), ...unitPositionsOf(rhs.node)]);
      const reusable = [lhs, rhs, tolerance].every((e) => !e || onlyTopAssignment(e.node));
      return { kind: 'approx', main: lhs, rhs, tolerance, assigns: assignedName(lhs.node), reads: [...reads], unitNames, reusable };
    }
    const main = this.expr(text, 0);
    if ('error' in main) return main.error;
    const top = unwrapParens(main.node) as any;
    const kind = top.isOperatorNode && COMPARISONS.has(top.fn) ? 'compare' : 'plain';
    return {
      kind,
      main,
      assigns: assignedName(main.node),
      reads: readsOf(main.node),
      unitNames: unitPositionsOf(main.node),
      reusable: onlyTopAssignment(main.node),
    };
  }

  private expr(raw: string, offset: number): CompiledExpr | { error: CompiledStatement } {
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    const at = offset + lead;
    if (text === '') return { error: { kind: 'error', offset: at, ...said('syntax.missingExpression') } };
    try {
      const node = this.sandbox.parse(text);
      if ((node as any).isBlockNode) {
        return { error: { kind: 'error', offset: at, ...said('syntax.onePerLine') } };
      }
      const refused = this.sandbox.refuseSyntax(node);
      if (refused) return { error: { kind: 'error', offset: at, message: refused.message } };
      return { node, code: node.compile(), offset: at, text };
    } catch (e) {
      return { error: syntaxError(e, text, at) };
    }
  }
}

function syntaxError(e: unknown, text: string, offset: number): CompiledStatement {
  if (e instanceof RangeError) {
    return { kind: 'error', offset, ...said('syntax.tooDeep') };
  }
  const err = e as Error & { char?: number };
  // mathjs says "Syntax error in part "…" (char 7)": said once, as what was not expected.
  const message = String(err.message ?? e)
    .replace(/\s*\(char \d+\)\s*$/, '')
    .replace(/^Syntax error in part "(.*)"$/s, (_, part: string) => `unexpected "${part.length > 20 ? part.slice(0, 20) + '…' : part}"`)
    .replace(/^Syntax error:?\s*/i, '');
  // mathjs reports the position just after the offending token, counted from 1.
  const char = typeof err.char === 'number' ? Math.max(0, Math.min(err.char - 1, text.length)) : 0;
  return { kind: 'error', offset: offset + char, ...said('syntax.error', { detail: sayErrorMessage(message).message }) };
}

/**
 * True when the statement changes the scope at most through `name = ...` at its top: then
 * reusing its outcome and re-assigning the name is the same as running it. `A[1] = 5` or
 * `b = (a = 3) + 1` change the scope in other ways, so they always run.
 */
function onlyTopAssignment(node: MathNode): boolean {
  let assignments = 0;
  node.traverse((n: any) => {
    if (n.isAssignmentNode || n.isFunctionAssignmentNode) assignments++;
  });
  const top = node as any;
  return assignments === 0 || (assignments === 1 && top.isAssignmentNode && !top.index);
}

function unwrapParens(node: MathNode): MathNode {
  let n = node as any;
  while (n.isParenthesisNode) n = n.content;
  return n;
}

function assignedName(node: MathNode): string | undefined {
  const n = node as any;
  if (n.isAssignmentNode && !n.index && n.object?.isSymbolNode) return n.object.name;
  if (n.isFunctionAssignmentNode) return n.name;
  return undefined;
}
