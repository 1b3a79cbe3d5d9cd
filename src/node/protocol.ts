// Messages between the evaluation worker and its host (editor or CLI).
import type { Derivation, EngineSettings, NoteDocument, NoteResult } from '../engine/types';

export type WorkerRequest =
  | {
      readonly id: number;
      readonly type: 'evaluate';
      readonly doc: NoteDocument;
      readonly settings: Partial<EngineSettings>;
      readonly derivations: boolean;
      /** [line, message] pairs of statements that must not run again. */
      readonly stopped: readonly (readonly [number, string])[];
    }
  | { readonly id: number; readonly type: 'derive'; readonly uri: string; readonly index: number }
  | { readonly id: number; readonly type: 'forget'; readonly uri: string };

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly result: NoteResult | Derivation | undefined }
  | { readonly id: number; readonly ok: false; readonly error: string };

export interface WorkerData {
  /** Int32 slot 0: 1 + the document line of the statement running now (0 when idle). */
  readonly progress: SharedArrayBuffer;
}
