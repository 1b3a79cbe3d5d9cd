// Messages between the evaluation worker and its host (editor or CLI).
import type { Derivation, EngineSettings, NoteDocument, NoteResult } from '../engine/types';

export type WorkerRequest =
  | {
      readonly id: number;
      readonly type: 'evaluate';
      readonly doc: NoteDocument;
      readonly settings: Partial<EngineSettings>;
      readonly derivations: boolean;
      /** ["line:character", message] pairs of statements that must not run again. */
      readonly stopped: readonly (readonly [string, string])[];
    }
  | { readonly id: number; readonly type: 'derive'; readonly uri: string; readonly index: number }
  | { readonly id: number; readonly type: 'forget'; readonly uri: string }
  /** Renders LaTeX formulas to SVG markup (MathJax, loaded on first use); undefined for one that fails. */
  | { readonly id: number; readonly type: 'texToSvg'; readonly formulas: readonly string[]; readonly display: boolean };

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly result: NoteResult | Derivation | readonly (string | undefined)[] | undefined }
  | { readonly id: number; readonly ok: false; readonly error: string }
  /** Sent once, when the engine has loaded: time limits start counting from here. */
  | { readonly id: 0; readonly ready: true };

export interface WorkerData {
  /** Int32 slots: [1 + line, character] of the statement running now (slot 0 is 0 when idle). */
  readonly progress: SharedArrayBuffer;
  /** The host's translation bundle (vscode.l10n.bundle, or the CLI's), so the worker speaks the reader's language. */
  readonly messages?: Readonly<Record<string, string>>;
}
