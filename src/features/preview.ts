// What the Markdown preview shows of a note, as data: the preview is a pure consumer of
// results (it renders the last result for the exact text it renders, or a placeholder)
// and is refreshed when a result that would change what it shows lands. Which notes a
// preview shows comes from VS Code's tab model (the adapter reads it).
import type { NoteResult } from '../engine/types';

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

/** Does a result lack the derivations the preview's formula column typesets? */
export function lacksDerivations(result: NoteResult): boolean {
  return result.statements.some((s) => s.kind !== 'error') && !result.statements.some((s) => s.derivation);
}

/** What previews last rendered of each note: the text, and the signature of what they showed. */
export class PreviewRenders {
  private readonly rendered = new Map<string, { readonly src: string; readonly signature: string | undefined }>();

  /** A render of `src` for note `uri` showed `result` (undefined: the placeholder). */
  record(uri: string, src: string, result: NoteResult | undefined): void {
    this.rendered.set(uri, { src, signature: result ? resultSignature(result) : undefined });
  }

  /** Would the preview show `result` (computed from `text`) differently from its last render? */
  isStale(uri: string, text: string | undefined, result: NoteResult | undefined): boolean {
    const shown = this.rendered.get(uri);
    if (!shown || !result || text === undefined || shown.src !== text) return false;
    return shown.signature !== resultSignature(result);
  }

  uris(): string[] {
    return [...this.rendered.keys()];
  }

  forget(uri: string): void {
    this.rendered.delete(uri);
  }

  clear(): void {
    this.rendered.clear();
  }
}

/**
 * The notes shown in Markdown preview tabs. A preview tab's label names its note's file
 * ("Preview note.md", "[Preview] note.md", or the translation of those); `notes` are the
 * open notes with their file names. Two notes with one file name both count: they get
 * derivations they may not show, never the reverse.
 */
export function notesInPreviews(previewLabels: readonly string[], notes: readonly { readonly uri: string; readonly fileName: string }[]): Set<string> {
  const out = new Set<string>();
  for (const label of previewLabels) {
    for (const n of notes) {
      if (!n.fileName || !label.endsWith(n.fileName)) continue;
      const before = label.slice(0, label.length - n.fileName.length);
      if (before === '' || /[\s\]）)】:：]$/u.test(before)) out.add(n.uri);
    }
  }
  return out;
}

/**
 * How long to wait before asking a preview that still shows an older result to refresh
 * again, after `attempt` asks (0 = the first): 400 ms, then doubling to 3.2 s; undefined
 * once about 20 s have passed (the preview is gone or will never render that result).
 */
export function refreshRetryDelay(attempt: number): number | undefined {
  if (attempt >= 8) return undefined;
  return Math.min(400 * 2 ** attempt, 3200);
}
