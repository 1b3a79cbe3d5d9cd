// VS Code's built-in Markdown preview (issue 4): `extendMarkdownIt` installs the pure
// renderer's plugin (src/engine/render), which typesets each dl-calc block as a results
// table. Results are never computed here: the plugin looks up the note service's last
// result for the exact text being rendered, shows "evaluating…" when there is none, and
// the preview is refreshed (`markdown.preview.refresh`) once a result that would change
// what it shows arrives. Nothing heavy loads until a preview renders a dl-calc block.
import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import type { NoteResult } from '../engine/types';
import type { EvaluatedNote, NoteService } from './noteService';
import { mathMacros } from './markdownMath';
import { loadRender } from './renderLoader';
import type { Session } from './session';

/** What a preview last rendered of a note: the text, and what it showed for it. */
interface Rendered {
  readonly src: string;
  /** undefined: the placeholder was shown. */
  readonly signature: string | undefined;
  /** Date.now() of the render. */
  readonly at: number;
}

const signatures = new WeakMap<NoteResult, string>();

/** What of a result the preview shows; two results with the same signature render alike. */
export function resultSignature(result: NoteResult): string {
  let cached = signatures.get(result);
  if (cached === undefined) {
    cached = computeSignature(result);
    signatures.set(result, cached);
  }
  return cached;
}

function computeSignature(result: NoteResult): string {
  const parts: string[] = [];
  for (const b of result.blocks) parts.push(`b${b.range.start.line}:${b.range.end.line}:${b.info}:${b.optionWarnings.length}`);
  for (const s of result.statements) {
    parts.push(
      [
        s.range.start.line,
        s.range.start.character,
        s.kind,
        s.value?.full ?? '',
        s.value?.tex ?? '',
        s.check ? `${s.check.ok}:${s.check.message ?? ''}` : '',
        s.error?.message ?? '',
        s.derivation ? `${s.derivation.formulaTex}\u0003${s.derivation.substitutedTex}\u0003${s.derivation.resultTex}` : '',
      ].join('\u0001'),
    );
  }
  return parts.join('\u0002');
}

function isPreviewTab(tab: vscode.Tab): boolean {
  return tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType);
}

export function previewIsOpen(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some(isPreviewTab));
}

/** The bridge between the preview's renders and the note service. Cheap to construct. */
export class PreviewState {
  /** Per note uri, what was last rendered. */
  readonly rendered = new Map<string, Rendered>();
  /** Refreshes requested so far (for the test hook). */
  refreshes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly session: Session) {}

  /** The plugin's `results` callback: a lookup, never an evaluation. */
  lookup(env: unknown, src: string): NoteResult | undefined {
    // The note has dl-calc content (the plugin only asks for dl-calc fences and spans).
    const notes = (this.session.started ?? this.session.start()).notes;
    const current = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
    let uri = current ? current.toString() : undefined;
    let result = uri ? notes.resultForText(uri, src) : undefined;
    if (!uri) {
      // No document in env (markdown.api.render of a string): match a note by its text.
      for (const doc of notes.documents()) {
        const r = notes.resultForText(doc.uri.toString(), src);
        if (r) {
          uri = doc.uri.toString();
          result = r;
          break;
        }
      }
    }
    if (!uri) return undefined;
    this.rendered.set(uri, { src, signature: result ? resultSignature(result) : undefined, at: Date.now() });
    // Never evaluated, or dropped (its editor tab closed while the preview stayed open); or
    // evaluated before the preview opened, without the derivations the table typesets.
    const lacksDerivations = result && result.statements.some((s) => s.kind !== 'error') && !result.statements.some((s) => s.derivation);
    if ((!result && !notes.result(vscode.Uri.parse(uri))) || (lacksDerivations && this.wantsDerivations(uri))) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (doc) notes.schedule(doc, 0);
    }
    return result;
  }

  /** Evaluations of a note include derivations while a preview shows it (or it was just rendered). */
  wantsDerivations(uri: string): boolean {
    const shown = this.rendered.get(uri);
    return shown !== undefined && (Date.now() - shown.at < 10_000 || previewIsOpen());
  }

  /** After an evaluation: refresh the preview if it shows this very text differently. */
  evaluated(e: EvaluatedNote, text: string | undefined): void {
    const key = e.document.uri.toString();
    const shown = this.rendered.get(key);
    if (!shown || text === undefined || shown.src !== text) return;
    if (shown.signature === resultSignature(e.result)) return;
    // The preview's tab may not be in the tab model yet right after its first render.
    if (Date.now() - shown.at < 10_000 || previewIsOpen()) this.refreshSoon();
  }

  forget(uri: vscode.Uri): void {
    this.rendered.delete(uri.toString());
  }

  private refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refreshes++;
      void vscode.commands.executeCommand('markdown.preview.refresh');
    }, 30);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.rendered.clear();
  }
}

/** Installs the dl-calc plugin into the preview's markdown-it (called by VS Code). */
export function extendMarkdownIt(md: MarkdownIt, preview: PreviewState): MarkdownIt {
  const { dlCalcPlugin } = loadRender();
  // Read at install; a change of these settings reloads the plugins (markdownMath.ts).
  const adjacent = vscode.workspace.getConfiguration('dlCalc').get<string>('preview.adjacentInlineMath');
  dlCalcPlugin(md, {
    results: (env: unknown, src: string) => preview.lookup(env, src),
    // KaTeX may define macros into the object it is given (\gdef): hand it a copy.
    macros: { ...mathMacros() },
    adjacentInlineMath: adjacent === 'always' ? 'always' : adjacent === 'never' ? false : 'dlCalcNotes',
    // Without VS Code's math extension no KaTeX stylesheet is in the preview (dl-calc adds
    // none, so other notes are untouched): the tables' formulas are then MathML alone,
    // which the preview's Chromium typesets by itself.
    texOutput: vscode.extensions.getExtension('vscode.markdown-math') ? undefined : 'mathml',
  });
  return md;
}

export function registerPreviewRefresh(notes: NoteService, preview: PreviewState): vscode.Disposable {
  notes.derivationsFor = (uri) => preview.wantsDerivations(uri);
  return vscode.Disposable.from(
    notes.onDidEvaluate((e) => preview.evaluated(e, e.text)),
    notes.onDidForget((uri) => preview.forget(uri)),
  );
}
