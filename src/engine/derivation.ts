// Builds a statement's derivation (formula → values put in → result) as LaTeX and as
// plain text, from the parsed expression and the values its names had when it ran.
import type { MathNode } from 'mathjs';
import type { LibraryFunction } from './library/types';
import type { FormatOptions, ValueFormatter } from './format';
import { say } from './messages';
import { escapeTexText, numberTex } from './format';
import { texName } from './texNames';
import type { CheckOutcome, DependencyRef, Derivation, ValueView } from './types';

export interface DerivationInput {
  /** The expression evaluated (the right side of an assignment, the left side of ≈). */
  readonly node: MathNode;
  /** Text before the formula: `w_1 =` for assignments. */
  readonly assigns?: string;
  /** Values of the note's names the statement read, as they were when it ran. */
  readonly values: ReadonlyMap<string, unknown>;
  readonly result: ValueView;
  readonly dependencies: readonly DependencyRef[];
  /** A ≈ check: what the value was checked against (and within what) and the outcome. */
  readonly check?: { readonly expected: MathNode; readonly tolerance?: MathNode; readonly outcome: CheckOutcome };
  /** A comparison check (`x < 1`): its operator, its sides and the outcome. */
  readonly relation?: CompareSides & { readonly outcome: CheckOutcome };
}

/** A comparison's operator (mathjs's name: smaller, equal, ...) and, for scalars, its two sides as shown. */
export interface CompareSides {
  readonly operator: string;
  readonly left?: string;
  readonly right?: string;
}

/** Each comparison as LaTeX and text, held and negated (the verdict of a failed one). */
const RELATIONS: Readonly<Record<string, { tex: string; notTex: string; text: string; notText: string }>> = {
  equal: { tex: '=', notTex: '\\neq', text: '=', notText: '≠' },
  unequal: { tex: '\\neq', notTex: '=', text: '≠', notText: '=' },
  smaller: { tex: '<', notTex: '\\nless', text: '<', notText: '≮' },
  smallerEq: { tex: '\\leq', notTex: '\\nleq', text: '≤', notText: '≰' },
  larger: { tex: '>', notTex: '\\ngtr', text: '>', notText: '≯' },
  largerEq: { tex: '\\geq', notTex: '\\ngeq', text: '≥', notText: '≱' },
};

export interface DerivationContext {
  readonly formatter: ValueFormatter;
  readonly format: FormatOptions;
  readonly library: ReadonlyMap<string, LibraryFunction>;
  readonly isBuiltin: (name: string) => boolean;
}

/** Values wider than this are named, not written out, in the "values put in" step. */
const MAX_INLINE_ELEMENTS = 36;

type Mode = 'formula' | 'values';

const bare = (tex: string) => tex.replace(/^\\left\((.*)\\right\)$/, '$1');
const bareText = (text: string) => text.replace(/^\((.*)\)$/, '$1');

/** The operator of a comparison node as mathjs prints it (`<`, `==`). */
function operatorText(node: MathNode): string {
  let n = node as any;
  while (n.isParenthesisNode) n = n.content;
  return n.op ?? '';
}

/** Words inside math, in text mode, with what TeX would read as commands left out. */
function texText(text: string): string {
  return `\\text{${escapeTexText(text)}}`;
}

/** LaTeX or text compared for sameness, ignoring grouping braces, \left/\right and spacing. */
export function stepKey(t: string): string {
  return t.replace(/^\s*=\s*/, '').replace(/\\left|\\right|[{}\s]/g, '');
}

/**
 * The rows of a derivation as written by hand: `lhs = formula = values put in = result`,
 * each step shown once (a step that says nothing new, `d = c = 112 = 112`, is left out),
 * then, for a check, the verdict row. `which` picks the LaTeX or the text forms.
 */
export function derivationRows(d: Derivation, which: 'tex' | 'text'): { lhs?: string; steps: string[]; verdict?: string; relation?: boolean } {
  const formula = which === 'tex' ? d.formulaTex : d.formulaText;
  const verdict = d.check ? (which === 'tex' ? d.check.verdictTex : d.check.verdictText) : undefined;
  if (d.check?.relation) {
    // A comparison: its formula, the values put in, the verdict; each a row of its own
    // (they are not equal to each other), the values row left out when the verdict says it.
    const steps = [formula];
    const values = which === 'tex' ? d.substitutedTex : d.substitutedText;
    if (d.check.valuesShown !== false && stepKey(values) !== stepKey(formula)) steps.push(values);
    return { steps, verdict, relation: true };
  }
  const [lhs, rhs] = splitAssignment(formula);
  const steps: string[] = [];
  for (const step of [rhs, which === 'tex' ? d.substitutedTex : d.substitutedText, which === 'tex' ? d.resultTex : d.resultText]) {
    const t = step.replace(/^\s*=\s*/, '');
    if (t && !steps.some((s) => stepKey(s) === stepKey(t))) steps.push(t);
  }
  return { lhs, steps, verdict };
}

/** Splits "lhs = rhs" at the first top-level " = " (the engine writes assignments that way). */
function splitAssignment(formula: string): [string | undefined, string] {
  let depth = 0;
  for (let i = 0; i < formula.length - 2; i++) {
    const ch = formula[i];
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') depth--;
    else if (depth === 0 && formula.startsWith(' = ', i)) return [formula.slice(0, i), formula.slice(i + 3)];
  }
  return [undefined, formula];
}

export function buildDerivation(input: DerivationInput, ctx: DerivationContext): Derivation {
  const { node, values } = input;
  const isVariable = (name: string) => values.has(name) || !ctx.isBuiltin(name);
  const libraryFor = (name: string) => (values.has(name) ? undefined : ctx.library.get(name));

  const valueTex = (name: string): string | undefined => {
    if (!values.has(name)) return undefined;
    const value = values.get(name);
    const view = ctx.formatter.view(value, ctx.format);
    if (view.type === 'function') return undefined;
    if (view.shape && view.shape.reduce((a, b) => a * b, 1) > MAX_INLINE_ELEMENTS) return undefined;
    return typeof value === 'number' && value < 0 ? `\\left(${view.tex}\\right)` : view.tex;
  };
  const valueText = (name: string): string | undefined => {
    if (!values.has(name)) return undefined;
    const value = values.get(name);
    const view = ctx.formatter.view(value, ctx.format);
    if (view.type === 'function') return undefined;
    if (view.shape && view.shape.reduce((a, b) => a * b, 1) > MAX_INLINE_ELEMENTS) return undefined;
    const text = view.type === 'matrix' ? view.full.replace(/^\([^)]*\) /, '') : view.full;
    return typeof value === 'number' && value < 0 ? `(${text})` : text;
  };

  const texHandler = (mode: Mode) => (n: MathNode, options: object): string | undefined => {
    const any = n as any;
    if (any.isSymbolNode) {
      if (!isVariable(any.name)) return undefined;
      // Braces keep `\cdot` from running into the name (`\cdotw_2`).
      return `{${(mode === 'values' && valueTex(any.name)) || texName(any.name)}}`;
    }
    // mathjs writes a literal 138357544 as 1.38357544\cdot10^{+8} and A' as A^H.
    if (any.isConstantNode && typeof any.value === 'number' && !String(any.value).includes('e')) return String(any.value);
    if (any.isOperatorNode && any.fn === 'ctranspose') return `{${any.args[0].toTex(options)}}^{\\top}`;
    if (any.isFunctionNode && any.fn?.isSymbolNode) {
      const name: string = any.fn.name;
      // A lone negative argument needs no second pair of parentheses.
      const args: string[] = any.args.map((a: any) =>
        mode === 'values' && a.isSymbolNode && valueTex(a.name) ? `{${bare(valueTex(a.name)!)}}` : a.toTex(options),
      );
      const lib = libraryFor(name);
      if (lib) return lib.callTex(args);
      if (values.has(name)) return `${texName(name)}\\left(${args.join(', ')}\\right)`;
    }
    return undefined;
  };
  const textHandler = (mode: Mode) => (n: MathNode, options: object): string | undefined => {
    const any = n as any;
    if (mode === 'values' && any.isSymbolNode) return valueText(any.name);
    if (mode === 'values' && any.isFunctionNode && any.fn?.isSymbolNode) {
      const args = any.args.map((a: any) =>
        a.isSymbolNode && valueText(a.name) ? bareText(valueText(a.name)!) : a.toString(options),
      );
      return `${any.fn.name}(${args.join(', ')})`;
    }
    return undefined;
  };

  const texOptions = (mode: Mode) => ({ parenthesis: 'keep', implicit: 'hide', handler: texHandler(mode) });
  const textOptions = (mode: Mode) => ({ parenthesis: 'keep', implicit: 'show', handler: textHandler(mode) });

  const formulaTex = node.toTex(texOptions('formula') as any);
  const substitutedTex = node.toTex(texOptions('values') as any);
  const formulaText = node.toString(textOptions('formula') as any);
  const substitutedText = node.toString(textOptions('values') as any);

  const library: { name: string; tex: string; text: string }[] = [];
  const seen = new Set<string>();
  node.traverse((n: MathNode) => {
    const any = n as any;
    if (!any.isFunctionNode || !any.fn?.isSymbolNode) return;
    const lib = libraryFor(any.fn.name);
    if (!lib) return;
    const argsFormula: string[] = any.args.map((a: MathNode) => a.toTex(texOptions('formula') as any));
    const argsValues: string[] = any.args.map((a: MathNode) => a.toTex(texOptions('values') as any));
    const tex = `${lib.callTex(argsFormula)} = ${lib.definitionTex(argsFormula)} = ${lib.definitionTex(argsValues)}`;
    if (seen.has(tex)) return;
    seen.add(tex);
    library.push({ name: lib.name, tex, text: `${lib.name}(${lib.params.map((p) => p.name).join(', ')}) = ${lib.definitionText}` });
  });

  const assignsTex = input.assigns ? `${texName(input.assigns)} = ` : '';
  const assignsText = input.assigns ? `${input.assigns} = ` : '';
  let check: Derivation['check'];
  if (input.relation) {
    const { operator, left, right, outcome } = input.relation;
    const rel = RELATIONS[operator];
    if (rel && left !== undefined && right !== undefined) {
      // The two sides as they came out, related by what held (or by its negation).
      const verdictTex = `${numberTex(left)} ${outcome.ok ? rel.tex : rel.notTex} ${numberTex(right)}${outcome.ok ? ' \\quad \\checkmark' : ''}`;
      const verdictText = `${left} ${outcome.ok ? rel.text : rel.notText} ${right}  ${outcome.ok ? '✓' : '✗'}`;
      // The values-put-in row says nothing more when both sides are plain values (`2 < 1`).
      const plain = stepKey(substitutedText) === stepKey(`${left} ${operatorText(node)} ${right}`);
      check = { claimTex: formulaTex, claimText: formulaText, verdictTex, verdictText, ok: outcome.ok, relation: true, ...(plain ? { valuesShown: false } : {}) };
    } else {
      // Element by element: the elements' outcomes, then the mark.
      const verdictTex = `${input.result.tex}${outcome.ok ? ' \\quad \\checkmark' : ''}`;
      check = { claimTex: formulaTex, claimText: formulaText, verdictTex, verdictText: `${input.result.full.replace(/^\([^)]*\) /, '')}  ${outcome.ok ? '✓' : '✗'}`, ok: outcome.ok, relation: true };
    }
  } else if (input.check) {
    const { expected, tolerance, outcome } = input.check;
    const claimTex = `${formulaTex} \\approx ${expected.toTex(texOptions('formula') as any)}${tolerance ? ` \\pm ${tolerance.toTex(texOptions('formula') as any)}` : ''}`;
    const claimText = `${formulaText} ≈ ${expected.toString(textOptions('formula') as any)}${tolerance ? ` ± ${tolerance.toString(textOptions('formula') as any)}` : ''}`;
    // A check within ± 0 is exact: its verdict reads = or ≠, with no "± 0".
    const exact = outcome.tolerance === undefined;
    // The tolerance as written when it is (`± 0.5`), else the one the check used.
    const tolTex = exact ? undefined : tolerance ? tolerance.toTex(texOptions('formula') as any) : numberTex(outcome.tolerance!);
    const tolText = exact ? undefined : tolerance ? tolerance.toString(textOptions('formula') as any) : outcome.tolerance;
    const within = tolTex !== undefined ? ` \\pm ${tolTex}` : '';
    const [holds, fails, holdsText, failsText] = exact ? ['=', '\\neq', '=', '≠'] : ['\\approx', '\\not\\approx', '≈', '≉'];
    const offBy = outcome.difference !== undefined ? say('render.offBy', { difference: outcome.difference }) : undefined;
    const verdictTex = outcome.ok
      ? `${numberTex(outcome.actual)} ${holds} ${numberTex(outcome.expected)}${within} \\quad \\checkmark`
      : `${numberTex(outcome.actual)} ${fails} ${numberTex(outcome.expected)}${within}${offBy ? ` \\quad ${texText(offBy)}` : ''}`;
    const verdictText = outcome.ok
      ? `${outcome.actual} ${holdsText} ${outcome.expected}${tolText !== undefined ? ` ± ${tolText}` : ''}  ✓`
      : `${outcome.actual} ${failsText} ${outcome.expected}${tolText !== undefined ? ` ± ${tolText}` : ''}  ✗${offBy ? ` ${offBy}` : ''}`;
    check = { claimTex, claimText, verdictTex, verdictText, ok: outcome.ok };
  }
  return {
    ...(check ? { check } : {}),
    formulaTex: assignsTex + formulaTex,
    substitutedTex,
    resultTex: input.result.tex,
    formulaText: assignsText + formulaText,
    substitutedText,
    resultText: input.result.full,
    library,
    dependencies: input.dependencies,
  };
}
