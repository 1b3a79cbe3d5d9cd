// The dl-calc block the quick fix inserts under a wrong symbolic claim: both sides as
// functions of the point's names, evaluated at the point the message names, so the
// student sees the two values come out of their own definitions.
import { formatValue } from './compare';

export interface BlockInput {
  /** "Swish'(x) at x = 0.4" — the block's first comment. */
  readonly title: string;
  /** The point's names in order and their values. */
  readonly names: readonly string[];
  readonly at: Readonly<Record<string, number>>;
  /** mathjs source, definitions substituted. */
  readonly left: string;
  readonly right: string;
  /** For a derivative claim: `left` is the function, differentiated by central differences in this name. */
  readonly variable?: string;
  /** How many times `variable` is differentiated: 1 (default) or 2. */
  readonly order?: number;
}

/** A number exactly as the block should write it (plain decimal, ASCII minus). */
function literal(v: number): string {
  return String(v);
}

export function dlCalcBlock(input: BlockInput): string {
  const params = input.names.join(', ');
  const args = input.names.map((n) => literal(input.at[n])).join(', ');
  const lines = ['```dl-calc', `# ${input.title.replace(/\n/g, ' ')}`];
  if (input.variable) {
    const v = input.variable;
    const second = input.order === 2;
    const h = (second ? 1e-4 : 1e-6) * Math.max(1, Math.abs(input.at[v] ?? 0));
    const shifted = (d: string) => input.names.map((n) => (n === v ? `${n} ${d} ${literal(h)}` : n)).join(', ');
    lines.push(`check_f(${params}) = ${input.left}`);
    if (second) {
      lines.push(
        `# the second derivative of check_f in ${v}, by central differences`,
        `check_left(${params}) = (check_f(${shifted('+')}) - 2 * check_f(${params}) + check_f(${shifted('-')})) / ${literal(h)}^2`,
      );
    } else {
      lines.push(
        `# the derivative of check_f in ${v}, by central differences`,
        `check_left(${params}) = (check_f(${shifted('+')}) - check_f(${shifted('-')})) / ${literal(2 * h)}`,
      );
    }
  } else {
    lines.push(`check_left(${params}) = ${input.left}`);
  }
  lines.push(`check_right(${params}) = ${input.right}`, `check_left(${args})`, `check_right(${args})`, '```');
  return lines.join('\n');
}

/** "x = 0.4, y = 1.3" for titles. */
export function pointTitle(names: readonly string[], at: Readonly<Record<string, number>>): string {
  return names.map((n) => `${n} = ${formatValue(at[n])}`).join(', ');
}
