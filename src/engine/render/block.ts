// Turns the engine's results for one dl-calc fence (or one inline `= expr` span) into
// HTML. Every string that comes from the note or the engine goes through escapeHtml or
// through KaTeX (trust off); nothing here emits a raw string it did not build itself.

import type {
  Block,
  CheckOutcome,
  Derivation,
  NoteResult,
  StatementResult,
  ValueView,
} from '../types';
import { derivationRows } from '../derivation';
import { escapeHtml } from './escape';
import type { FenceInfo } from './options';
import type { TexRenderer } from './tex';
import { say } from '../messages';
import { countStatements, type StatementCounts } from '../summary';

export interface OuterAttrs {
  /** 0-based line of the fence, for VS Code's scroll sync. */
  readonly dataLine: string;
  /** Extra classes already on the token (VS Code adds `code-line`). */
  readonly classes: readonly string[];
  /** Other attributes already on the token (VS Code adds `dir`). */
  readonly extra: readonly (readonly [string, string])[];
}

function outerOpen(attrs: OuterAttrs, ownClasses: readonly string[]): string {
  const classes = [...ownClasses];
  for (const c of [...attrs.classes, 'code-line']) if (!classes.includes(c)) classes.push(c);
  let html = `<div class="${escapeHtml(classes.join(' '))}" data-line="${escapeHtml(attrs.dataLine)}"`;
  for (const [name, value] of attrs.extra) html += ` ${name}="${escapeHtml(value)}"`;
  return html + '>';
}

function sourceCode(content: string): string {
  return `<pre class="dl-calc-code"><code>${escapeHtml(content.replace(/\n$/, ''))}</code></pre>`;
}

/** The block while results are not ready: a placeholder and, unless hidden, the source. */
export function renderPendingBlock(attrs: OuterAttrs, info: FenceInfo, content: string, placeholder: string): string {
  return (
    outerOpen(attrs, ['dl-calc', 'dl-calc-pending']) +
    `<div class="dl-calc-placeholder" role="status">${escapeHtml(placeholder)}</div>` +
    (info.hide ? '' : sourceCode(content)) +
    '</div>\n'
  );
}

/** Statements of the fence whose opening line is map[0], found by line range. */
export function statementsInRange(result: NoteResult, map: readonly [number, number]): StatementResult[] {
  return result.statements.filter(
    (s) => !s.inline && s.range.start.line >= map[0] && s.range.start.line < map[1],
  );
}

export function findBlock(result: NoteResult, map: readonly [number, number]): Block | undefined {
  return result.blocks.find((b) => b.range.start.line === map[0]);
}

export function renderResultBlock(
  tex: TexRenderer,
  attrs: OuterAttrs,
  info: FenceInfo,
  block: Block | undefined,
  statements: readonly StatementResult[],
): string {
  const summary = countStatements(statements);
  let html = outerOpen(attrs, ['dl-calc', summary.failed + summary.errors > 0 ? 'dl-calc-has-problems' : 'dl-calc-ok']);
  if (info.options.length > 0) {
    html += `<div class="dl-calc-info"><span class="dl-calc-lang">dl-calc</span>`;
    for (const o of info.options) html += ` <code>${escapeHtml(o)}</code>`;
    html += '</div>';
  }
  for (const w of block?.optionWarnings ?? []) {
    html += `<div class="dl-calc-warning">${escapeHtml(w.message)}</div>`;
  }
  if (statements.length === 0) {
    return html + `<div class="dl-calc-empty">no statements</div></div>\n`;
  }
  // The formula column already shows the source when there are no derivations, so a
  // separate source column is only worth its width when derivations exist.
  const hasFormulas = statements.some((s) => s.derivation !== undefined);
  const showSource = !info.hide && hasFormulas;
  html += '<table class="dl-calc-table"><thead><tr>';
  if (showSource) html += '<th class="dl-calc-source">source</th>';
  html += '<th class="dl-calc-formula">formula</th><th class="dl-calc-result">value</th></tr></thead><tbody>';
  for (const s of statements) html += renderRow(tex, s, showSource);
  html += '</tbody></table>';
  html += `<div class="dl-calc-summary">${escapeHtml(summaryText(summary))}</div>`;
  return html + '</div>\n';
}

function renderRow(tex: TexRenderer, s: StatementResult, showSource: boolean): string {
  const state = rowState(s);
  let html = `<tr class="dl-calc-row dl-calc-${state} code-line" data-line="${s.range.start.line}">`;
  if (showSource) html += `<td class="dl-calc-source"><code>${escapeHtml(s.source)}</code></td>`;
  html += '<td class="dl-calc-formula">';
  // A check's formula is its claim as written (`a_1 ≈ 0.622`), not only its left side.
  html += s.derivation
    ? s.derivation.check
      ? tex.render(s.derivation.check.claimTex, false, s.derivation.check.claimText)
      : tex.render(s.derivation.formulaTex, false, s.derivation.formulaText)
    : `<code>${escapeHtml(s.source)}</code>`;
  if (s.derivation && worthDisclosing(s.derivation)) html += renderDerivation(tex, s.derivation);
  html += '</td><td class="dl-calc-result">' + resultHtml(tex, s) + '</td></tr>';
  return html;
}

function rowState(s: StatementResult): string {
  if (s.kind === 'error') return 'error';
  if (s.kind === 'check') return s.check?.ok ? 'pass' : 'fail';
  return 'value';
}

function resultHtml(tex: TexRenderer, s: StatementResult): string {
  if (s.kind === 'error') return errorHtml(s.error?.message ?? 'error');
  if (s.kind === 'check' && s.check) return checkHtml(s.check);
  return s.value ? valueHtml(tex, s.value) : '';
}

function errorHtml(message: string): string {
  return `<span class="dl-calc-error-message"><span class="dl-calc-mark" aria-hidden="true">⚠</span> ${escapeHtml(message)}</span>`;
}

export function failureText(c: CheckOutcome): string {
  if (c.message) return c.message;
  if (c.difference !== undefined && c.tolerance !== undefined) {
    return say('check.approxFailed', { expected: c.expected, actual: c.actual, difference: c.difference, tolerance: c.tolerance });
  }
  const text = say('check.compareFailed', { expected: c.expected, actual: c.actual });
  return c.difference !== undefined ? `${text} (${say('render.offBy', { difference: c.difference })})` : text;
}

function checkHtml(c: CheckOutcome): string {
  if (c.ok) {
    return (
      `<span class="dl-calc-mark dl-calc-pass-mark" title="check passed">✓</span>` +
      ` <span class="dl-calc-actual">${escapeHtml(c.actual)}</span>` +
      // What it was checked against, so a table shown with `hide` still says it.
      (c.style === 'approx' ? ` <span class="dl-calc-expected">≈ ${escapeHtml(c.expected)}</span>` : '')
    );
  }
  return (
    `<span class="dl-calc-mark dl-calc-fail-mark" title="check failed">✗</span>` +
    ` <span class="dl-calc-message">${escapeHtml(failureText(c))}</span>`
  );
}

function valueHtml(tex: TexRenderer, v: ValueView): string {
  const body = v.tex ? tex.render(v.tex, false, v.full) : `<code>${escapeHtml(v.full)}</code>`;
  const hint = v.hint ? ` <span class="dl-calc-hint">${escapeHtml(v.hint)}</span>` : '';
  return `<span class="dl-calc-value">${body}</span>${hint}`;
}

/** A literal assignment (`eta = 0.1`) has nothing to derive. */
function worthDisclosing(d: Derivation): boolean {
  return d.library.length > 0 || d.dependencies.length > 0 || d.check !== undefined || texKey(stepTex(d.substitutedTex)) !== texKey(stepTex(d.resultTex));
}

/** LaTeX compared for sameness, ignoring grouping braces and spacing. */
function texKey(t: string): string {
  return t.replace(/[{}\s]/g, '');
}

/** Drops a leading `=` so that "= 3" and "3" both read "= 3" once. */
function stepTex(t: string): string {
  return t.replace(/^\s*=\s*/, '');
}

function renderDerivation(tex: TexRenderer, d: Derivation): string {
  // One aligned display, as a student would write it by hand: formula, then the values
  // put in, then the result, with the equals signs lined up; each step once (a literal's
  // 0.1 = 0.1 is left out); a check ends with both sides, the tolerance and the verdict.
  const texRows = derivationRows(d, 'tex');
  const textRows = derivationRows(d, 'text');
  const lead = (lhs: string | undefined, first: string) => (lhs ? `${lhs} = ${first}` : first);
  // A comparison's rows (formula, values, verdict) are not equal to each other: no `=`.
  const eq = texRows.relation ? '&' : '&=';
  const texLines = [`&{${lead(texRows.lhs, texRows.steps[0])}}`, ...texRows.steps.slice(1).map((t) => `${eq} {${t}}`)];
  const textLines = [lead(textRows.lhs, textRows.steps[0]), ...textRows.steps.slice(1).map((t) => (textRows.relation ? t : `= ${t}`))];
  if (texRows.verdict) texLines.push(`&${texRows.verdict}`);
  if (textRows.verdict) textLines.push(textRows.verdict);
  const steps = `\\begin{aligned}${texLines.join('\\\\')}\\end{aligned}`;
  const stepsText = textLines.join('\n');
  let html = '<details class="dl-calc-derivation"><summary>derivation</summary><div class="dl-calc-steps">';
  html += tex.render(steps, true, stepsText);
  html += '</div>';
  if (d.library.length > 0) {
    html += '<div class="dl-calc-library">';
    for (const f of d.library) html += `<div class="dl-calc-library-formula">${tex.render(f.tex, false, f.text)}</div>`;
    html += '</div>';
  }
  if (d.dependencies.length > 0) {
    html += '<ul class="dl-calc-deps">';
    for (const dep of d.dependencies) {
      html += `<li><code>${escapeHtml(dep.name)}</code> = ${escapeHtml(dep.display)} <span class="dl-calc-line">(line ${dep.line + 1})</span></li>`;
    }
    html += '</ul>';
  }
  return html + '</details>';
}

function summaryText(c: StatementCounts): string {
  const parts = [c.statements === 1 ? say('render.statement') : say('render.statements', { count: c.statements })];
  if (c.passed + c.failed > 0) parts.push(say('render.passed', { count: c.passed }), say('render.failed', { count: c.failed }));
  if (c.errors > 0) parts.push(c.errors === 1 ? say('render.error') : say('render.errors', { count: c.errors }));
  return parts.join(' · ');
}

/** An inline `= expr` span: its value, the expression on hover. */
export function renderInlineSpan(tex: TexRenderer, expr: string, s: StatementResult | undefined): string {
  const title = escapeHtml('= ' + expr);
  if (!s) {
    return `<code class="dl-calc-inline dl-calc-inline-pending" title="${title}">= ${escapeHtml(expr)}</code>`;
  }
  const state = rowState(s);
  let body: string;
  if (s.kind === 'error') body = errorHtml(s.error?.message ?? 'error');
  else if (s.kind === 'check' && s.check) {
    body = s.check.ok
      ? `<span class="dl-calc-mark dl-calc-pass-mark">✓</span> ${escapeHtml(s.check.actual)}`
      : `<span class="dl-calc-mark dl-calc-fail-mark">✗</span> ${escapeHtml(failureText(s.check))}`;
  } else if (s.value) {
    // Matrices need typesetting; a number reads best in the prose's own font.
    body = s.value.type === 'matrix' && s.value.tex ? tex.render(s.value.tex, false, s.value.full) : escapeHtml(s.value.full);
  } else body = '';
  return `<span class="dl-calc-inline dl-calc-${state}" title="${title}">${body}</span>`;
}
