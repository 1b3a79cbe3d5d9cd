// VS Code's built-in Markdown preview (issue 4): `extendMarkdownIt` installs the pure
// renderer's plugin (src/engine/render), which typesets each dl-calc block as a results
// table. A render only reads: the note service's last result for the exact text being
// rendered, or "evaluating…" when there is none; it never starts the session or asks for
// an evaluation. The tab model says which notes previews show (their evaluations include
// the derivations the tables typeset, NoteService.setPreviewed), and the preview is
// refreshed (`markdown.preview.refresh`) once a result that would change what it shows
// lands. Nothing heavy loads until a preview renders a dl-calc block.
import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import type { NoteResult } from '../engine/types';
import { notesInPreviews, PreviewRenders, refreshRetryDelay } from '../features/preview';
import { mathMacros } from './markdownMath';
import type { NoteService } from './noteService';
import { loadRender } from './renderLoader';

function isPreviewTab(tab: vscode.Tab): boolean {
  return tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType);
}

function previewLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isPreviewTab).map((t) => t.label);
}

/** The open notes that a Markdown preview tab shows. */
export function previewedNotes(): Set<string> {
  const labels = previewLabels();
  if (labels.length === 0) return new Set();
  const notes = vscode.workspace.textDocuments.filter((d) => d.languageId === 'markdown').map((d) => ({ uri: d.uri.toString(), fileName: d.uri.path.slice(d.uri.path.lastIndexOf('/') + 1) }));
  return notesInPreviews(labels, notes);
}

/** The preview's side: what it rendered, and its refreshes. Exists before the session starts (a preview may render first). */
export class PreviewState {
  readonly renders = new PreviewRenders();
  /** Refreshes requested so far (for the test hook). */
  refreshes = 0;
  private timer: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  /** Notes refreshed since their preview opened (see confirmOnce). */
  private readonly confirmed = new Set<string>();
  private readonly confirmTimers = new Set<NodeJS.Timeout>();

  /** `notes`: the note service once the session has started. */
  constructor(private readonly notes: () => NoteService | undefined) {}

  /** The plugin's `results` callback: a lookup, never an evaluation. */
  lookup(env: unknown, src: string): NoteResult | undefined {
    const notes = this.notes();
    const current = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
    let uri = current?.toString();
    let result = uri && notes ? notes.resultForText(uri, src) : undefined;
    if (!uri && notes) {
      // No document in env (markdown.api.render of a string): match a note by its text.
      for (const doc of notes.documents()) {
        result = notes.resultForText(doc.uri.toString(), src);
        if (result) {
          uri = doc.uri.toString();
          break;
        }
      }
    }
    if (uri) this.renders.record(uri, src, result);
    return result;
  }

  /** Refreshes the preview when one is open and shows a note differently from `result`. */
  refreshIfStale(uri: string, text: string | undefined, result: NoteResult | undefined): void {
    if (!this.renders.isStale(uri, text, result) || previewLabels().length === 0) return;
    this.refreshSoon(0);
    this.confirmOnce(uri);
  }

  /**
   * The first refresh after a preview opens can come while its webview still loads the
   * first page, and then the new page is rendered but never shown (seen on a loaded
   * machine: the table stayed without its formula column). So the first time a note is
   * refreshed while previewed, the refresh is repeated once 1.5 s later.
   */
  private confirmOnce(uri: string): void {
    if (this.confirmed.has(uri)) return;
    this.confirmed.add(uri);
    const timer = setTimeout(() => {
      this.confirmTimers.delete(timer);
      if (previewLabels().length === 0) return;
      this.refresh();
    }, 1500);
    this.confirmTimers.add(timer);
  }

  private refresh(): void {
    this.refreshes++;
    void vscode.commands.executeCommand('markdown.preview.refresh');
  }

  /** The tabs changed: once no preview is open, the next preview gets its confirming refresh again. */
  tabsChanged(): void {
    if (previewLabels().length === 0) this.confirmed.clear();
  }

  /** Is any render older than the result it would show now? */
  private anyStale(): boolean {
    const notes = this.notes();
    return !!notes && this.renders.uris().some((uri) => this.renders.isStale(uri, notes.textOf(uri), notes.result(vscode.Uri.parse(uri))));
  }

  /**
   * VS Code's preview drops a refresh that arrives while one of its own throttled updates
   * is pending (that update then finds the text unchanged and does not render): so after a
   * refresh, while a preview is open and a render still shows an older result, ask again
   * once its throttle (300 ms) has passed, then less and less often (a loaded machine may
   * keep the preview busy for seconds), for about 20 s at most.
   */
  private refreshSoon(attempt: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
      const delay = refreshRetryDelay(attempt);
      if (delay !== undefined) {
        clearTimeout(this.retry);
        this.retry = setTimeout(() => {
          if (this.anyStale() && previewLabels().length > 0) this.refreshSoon(attempt + 1);
        }, delay);
      }
    }, 30);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.retry);
    for (const t of this.confirmTimers) clearTimeout(t);
    this.renders.clear();
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

/**
 * After the session starts: the notes previews show (from the tab model) are handed to the
 * note service, which evaluates them with derivations; a landed result refreshes a preview
 * that shows its text differently. Both are checked again when tabs change, since a
 * preview's tab may enter the tab model after its first render.
 */
export function registerPreviewRefresh(notes: NoteService, preview: PreviewState): vscode.Disposable {
  const check = () => {
    preview.tabsChanged();
    notes.setPreviewed(previewedNotes());
    for (const uri of preview.renders.uris()) preview.refreshIfStale(uri, notes.textOf(uri), notes.result(vscode.Uri.parse(uri)));
  };
  check();
  return vscode.Disposable.from(
    vscode.window.tabGroups.onDidChangeTabs(check),
    notes.onDidEvaluate((e) => preview.refreshIfStale(e.document.uri.toString(), e.text, e.result)),
    notes.onDidForget((uri) => preview.renders.forget(uri.toString())),
  );
}
