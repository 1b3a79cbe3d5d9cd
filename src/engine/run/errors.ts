// What a failed statement says, and where: dimension errors name both shapes, a name's
// error sits on the name.
import type { MathNode } from 'mathjs';
import { shapeOf, shapeText } from '../checks';
import { LimitError } from '../mathInstance';
import { NoteError, said, type Said } from '../messages';
import { sayErrorMessage } from '../messages/mathjsErrors';
import { rangeAt, type StatementSource } from '../parse/statements';
import type { Range } from '../types';

type Values = Map<string, unknown>;

/** A user-facing message for an evaluation error of `main`, run with `values`. */
export function describeError(e: unknown, main: MathNode, values: Values): Said | string {
  if (e instanceof NoteError) return { message: e.message, code: e.code, args: e.args };
  if (e instanceof LimitError) return e.message;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return said('eval.tooDeep');
  // V8's own bound on a string or an array (reached with the time limit off: a formatted 9-million-element matrix).
  if (e instanceof RangeError && /^Invalid (string|array|typed array) length/i.test(e.message)) return said('eval.tooLarge');
  const err = e as Error;
  const message = String(err?.message ?? e);
  if (isShapeError(e)) {
    const shapes = findMismatch(main, values);
    if (shapes) return shapes;
  }
  return sayErrorMessage(message);
}

/** Finds the innermost operation whose operands evaluate but don't fit, and names their shapes. */
function findMismatch(node: MathNode, values: Values): Said | undefined {
  let found: Said | undefined;
  const visit = (n: any) => {
    if (found) return;
    n.forEach((child: any) => visit(child));
    if (found || !(n.isOperatorNode || n.isFunctionNode) || n.args.length < 2) return;
    let args: unknown[];
    try {
      args = n.args.map((a: MathNode) => a.compile().evaluate(values));
    } catch {
      return;
    }
    try {
      n.compile().evaluate(values);
    } catch (e) {
      if (isShapeError(e)) {
        const what = n.isOperatorNode ? `${n.op}` : `${n.fn.name}()`;
        const [left, right] = args.map((a) => shapeText(shapeOf(a)));
        found = said(n.isOperatorNode && n.op === '*' ? 'eval.shapesMatmul' : 'eval.shapes', { operation: what, left, right });
      }
    }
  };
  visit(node);
  return found;
}

/** mathjs reports shape trouble as DimensionError or as a broadcasting "shape mismatch". */
function isShapeError(e: unknown): boolean {
  return (e as any)?.name === 'DimensionError' || /dimension mismatch|shape mismatch|broadcast/i.test(String((e as Error)?.message));
}

/** The first use of `name` in the statement as a whole word, or the whole statement. */
export function nameRange(source: StatementSource, name: string): Range {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'u').exec(source.text);
  return m ? rangeAt(source, m.index, m.index + name.length) : source.range;
}
