// The two fixture formats of the LaTeX tests, in the spirit of markdown-it's fixtures:
//
// translate fixtures (*.txt under fixtures/translate/): one case a line,
//     <latex>  ⟶ <mathjs expression>  ⇒ <value>  ⊳ <readable form>  ⊢ <tree outline>
//     <latex>  ⊘ <skip reason>  ⊢ <tree outline>
//   every part after the LaTeX is optional; `#` starts a comment line. The LaTeX is
//   everything before the first marker, trimmed.
//
// check fixtures (*.txt under fixtures/checks/): blocks of
//     description
//     .
//     <a note: any number of lines>
//     .
//     <one line per chain: "<1-based line> <status>[: <message or skip reason>]">
//     .
import { fold, type Node } from '../../../src/engine/latex/ast';

export interface TranslateCase {
  readonly file: string;
  readonly line: number;
  readonly latex: string;
  readonly expression?: string;
  readonly value?: string;
  readonly plain?: string;
  readonly reason?: string;
  readonly tree?: string;
}

const MARKERS = ['⟶', '⇒', '⊳', '⊘', '⊢'] as const;

export function parseTranslateFixtures(file: string, text: string): TranslateCase[] {
  const out: TranslateCase[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const parts: Partial<Record<(typeof MARKERS)[number], string>> = {};
    const at = MARKERS.map((m) => ({ m, i: raw.indexOf(` ${m} `) })).filter((x) => x.i >= 0).sort((a, b) => a.i - b.i);
    if (!at.length) throw new Error(`${file}:${i + 1}: no marker`);
    at.forEach((x, j) => {
      parts[x.m] = raw.slice(x.i + x.m.length + 2, j + 1 < at.length ? at[j + 1].i : undefined).trim();
    });
    out.push({
      file,
      line: i + 1,
      latex: raw.slice(0, at[0].i).trim(),
      expression: parts['⟶'],
      value: parts['⇒'],
      plain: parts['⊳'],
      reason: parts['⊘'],
      tree: parts['⊢'],
    });
  });
  return out;
}

export interface CheckCase {
  readonly file: string;
  readonly line: number;
  readonly description: string;
  readonly note: string;
  readonly expected: readonly string[];
}

export function parseCheckFixtures(file: string, text: string): CheckCase[] {
  const lines = text.split(/\r?\n/);
  const out: CheckCase[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i + 1] !== '.' || !lines[i].trim()) {
      i++;
      continue;
    }
    const description = lines[i];
    const line = i + 1;
    let j = i + 2;
    const note: string[] = [];
    while (j < lines.length && lines[j] !== '.') note.push(lines[j++]);
    j++;
    const expected: string[] = [];
    while (j < lines.length && lines[j] !== '.') expected.push(lines[j++]);
    if (j >= lines.length) throw new Error(`${file}:${line}: unterminated fixture`);
    out.push({ file, line, description, note: note.join('\n'), expected: expected.filter((e) => e.trim()) });
    i = j + 1;
  }
  return out;
}

/** A compact outline of a tree: `(+ 1 (*i 2 x))`, `(deriv ∂ L / w)`. */
export function outline(root: Node): string {
  return fold<string>(root, (n, kids) => {
    const all = (head: string): string => `(${[head, ...kids].join(' ')})`;
    switch (n.k) {
      case 'num':
        return n.value;
      case 'name':
        return n.name;
      case 'const':
        return n.name;
      case 'neg':
        return all('-');
      case 'bin':
        return all(n.implicit ? '*i' : n.op);
      case 'pow':
        return all('^');
      case 'call':
        return all(n.fn);
      case 'paren':
        return all('paren');
      case 'abs':
      case 'norm':
      case 'pct':
      case 'fact':
      case 'transpose':
      case 'partial':
        return all(n.k);
      case 'tuple':
        return all(`tuple${n.bracket}`);
      case 'matrix': {
        const w = n.rows[0]?.length ?? 0;
        const rows = n.rows.map((_r, r) => `(${kids.slice(r * w, r * w + w).join(' ')})`);
        return `(${[n.env, ...rows].join(' ')})`;
      }
      case 'prime':
        return `(prime ${n.order} ${kids.join(' ')})`;
      case 'deriv': {
        let k = 0;
        const of = n.of ? kids[k++] : '_';
        const wrt = n.wrt.map((w) => `${kids[k++]}${w.order > 1 ? `^${w.order}` : ''}`);
        const arg = n.arg ? ` ${kids[k++]}` : '';
        return `(deriv ${n.partial ? '∂' : 'd'}${n.order > 1 ? `^${n.order}` : ''} ${of} / ${wrt.join(' ')}${arg})`;
      }
      case 'nabla':
        return `(nabla${n.sub ? ` _${kids[0]}` : ''}${n.arg ? ` ${kids[kids.length - 1]}` : ''})`;
      case 'cases': {
        let k = 0;
        const parts = n.branches.map((b) => {
          const v = kids[k++];
          if (!b.condition) return `(${v})`;
          if (b.condition.otherwise) return `(${v} otherwise)`;
          if (b.condition.relation) {
            const l = kids[k++];
            const r = kids[k++];
            return `(${v} if ${l} ${b.condition.relation.kind} ${r})`;
          }
          return `(${v} if "${b.condition.latex}")`;
        });
        return `(cases ${parts.join(' ')})`;
      }
    }
  });
}
