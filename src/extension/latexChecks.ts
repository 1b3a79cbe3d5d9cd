// The hand calculations written in a note's LaTeX (issue 5), in the editor: a hover over a
// chain that shows each segment's value and each link's verdict, and a quick fix that
// replaces a wrong written number with the computed one (rounded to the digits written).
// The ✓ after a verified chain is drawn by decorations.ts; the warning on a wrong link is
// one of the engine's diagnostics (code "latex"), shown by diagnostics.ts.
import * as vscode from 'vscode';
import type { LatexChainResult, LatexLink, LatexSegment } from '../engine/latex/types';
import type { NoteResult, Range } from '../engine/types';
import { toRange } from './model';
import type { NoteService } from './noteService';

/** A value the way the checker's messages write it (6 significant digits, a real minus). */
export function formatChainValue(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v).replace('-', '−');
  let s = String(Number(v.toPrecision(6)));
  if (s.includes('e')) s = v.toPrecision(6).replace(/\.?0+e/, 'e');
  return s.replace('-', '−');
}

function contains(r: Range, pos: vscode.Position): boolean {
  const afterStart = pos.line > r.start.line || (pos.line === r.start.line && pos.character >= r.start.character);
  const beforeEnd = pos.line < r.end.line || (pos.line === r.end.line && pos.character <= r.end.character);
  return afterStart && beforeEnd;
}

export function chainAt(result: NoteResult, pos: vscode.Position): LatexChainResult | undefined {
  return (result.latex ?? []).find((c) => contains(c.range, pos));
}

/** Text for a Markdown table cell: one line, pipes escaped, in a code span. */
function cellCode(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  return flat.includes('`') ? `\`\` ${flat} \`\`` : `\`${flat}\``;
}

function cellText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

const RELATION: Record<string, string> = {
  '=': '=',
  '\\approx': '≈',
  '≈': '≈',
  '\\simeq': '≃',
  '\\approxeq': '≊',
  '<': '<',
  '>': '>',
  '\\le': '≤',
  '\\leq': '≤',
  '\\ge': '≥',
  '\\geq': '≥',
};

function segmentValue(s: LatexSegment): string {
  if (s.value !== undefined) return cellText(formatChainValue(s.value));
  return `*${cellText(s.skipReason ? vscode.l10n.t('not evaluated: {reason}', { reason: s.skipReason }) : vscode.l10n.t('not evaluated'))}*`;
}

function linkLine(link: LatexLink, segments: readonly LatexSegment[]): string {
  const l = segments[link.left];
  const r = segments[link.right];
  const name = (s: LatexSegment | undefined) => cellText(s?.plain ?? s?.latex ?? '?');
  const rel = RELATION[link.relation] ?? cellText(link.relation);
  const tol = link.tolerance !== undefined ? ` (${vscode.l10n.t('tolerance {tolerance}', { tolerance: cellText(formatChainValue(link.tolerance)) })})` : '';
  if (link.ok === true) return `$(pass) ${name(l)} ${rel} ${name(r)}${tol}${link.symbolic ? `, ${vscode.l10n.t('at random points')}` : ''}`;
  if (link.ok === false) return `$(warning) ${cellText(link.message ?? vscode.l10n.t('{left} {relation} {right} does not hold', { left: name(l), relation: rel, right: name(r) }))}${tol}`;
  return `$(circle-slash) ${name(l)} ${rel} ${name(r)}: ${vscode.l10n.t('not checked')}${link.reason ? ` (${cellText(link.reason)})` : ''}`;
}

const STATUS: Record<LatexChainResult['status'], () => string> = {
  verified: () => `$(pass) **${vscode.l10n.t('Hand calculation verified')}**`,
  failed: () => `$(warning) **${vscode.l10n.t('Hand calculation: a link is wrong')}**`,
  skipped: () => `$(circle-slash) **${vscode.l10n.t('Hand calculation not checked')}**`,
};

/** The hover of a chain: its status, each segment's value, each link's verdict. */
export function chainHoverMarkdown(chain: LatexChainResult): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`${STATUS[chain.status]()}${chain.status === 'skipped' && chain.reason ? ` — ${cellText(chain.reason)}` : ''}\n\n`);
  md.appendMarkdown(`| | LaTeX | ${vscode.l10n.t('value')} |\n|---:|---|---|\n`);
  chain.segments.forEach((s, i) => {
    md.appendMarkdown(`| ${i + 1} | ${cellCode(s.latex || ' ')} | ${segmentValue(s)} |\n`);
  });
  md.appendMarkdown('\n');
  const links = chain.links.filter((l) => l.ok !== undefined || chain.status !== 'skipped');
  for (const link of links) md.appendMarkdown(`${linkLine(link, chain.segments)}  \n`);
  if (chain.links.some((l) => l.ok === false && l.written)) md.appendMarkdown(`\n*${vscode.l10n.t('Quick fix (Ctrl+.): write the computed value.')}*`);
  return md;
}

export class LatexHoverProvider implements vscode.HoverProvider {
  constructor(private readonly notes: NoteService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.notes.result(document.uri);
    if (!result || result.version !== document.version) return undefined;
    const chain = chainAt(result, position);
    // Skipped chains stay quiet: prose math that is not a calculation is most math.
    if (!chain || chain.status === 'skipped') return undefined;
    return new vscode.Hover(chainHoverMarkdown(chain), toRange(chain.range));
  }
}

function sameRange(a: Range, b: vscode.Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Wrong links whose written number can be replaced, with where it is. */
export function fixableLinks(result: NoteResult): { chain: LatexChainResult; link: LatexLink & { written: NonNullable<LatexLink['written']> } }[] {
  const out: { chain: LatexChainResult; link: LatexLink & { written: NonNullable<LatexLink['written']> } }[] = [];
  for (const chain of result.latex ?? []) {
    for (const link of chain.links) {
      if (link.ok === false && link.written && link.written.replacement !== link.written.text) out.push({ chain, link: link as LatexLink & { written: NonNullable<LatexLink['written']> } });
    }
  }
  return out;
}

export class LatexQuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly notes: NoteService) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.notes.result(document.uri);
    // Ranges of an older version may point at other text: no fix until results catch up.
    if (!result || result.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    const diagnostics = context.diagnostics.filter((d) => d.source === 'dl-calc' && d.code === 'latex');
    for (const { link } of fixableLinks(result)) {
      const target = toRange(link.written.range);
      const diagnostic = diagnostics.find((d) => sameRange(link.written.range, d.range));
      if (!diagnostic && !target.intersection(range)) continue;
      // Only when the text there is still the number the checker read.
      if (document.getText(target) !== link.written.text) continue;
      const action = new vscode.CodeAction(vscode.l10n.t('Replace {written} with {replacement}', { written: link.written.text, replacement: link.written.replacement }), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, target, link.written.replacement);
      if (diagnostic) action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}

export function registerLatexChecks(notes: NoteService): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: 'markdown' };
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(selector, new LatexHoverProvider(notes)),
    vscode.languages.registerCodeActionsProvider(selector, new LatexQuickFixProvider(notes), { providedCodeActionKinds: LatexQuickFixProvider.kinds }),
  );
}
