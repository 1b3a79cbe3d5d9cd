// What a note shows when its evaluation was stopped somewhere no statement can carry the
// message: the LaTeX checks, the derivations, reading the note, sending its results.
import type { EngineDiagnostic, NoteDocument, NoteResult } from '../engine/types';

/** Diagnostics of this code are problems of the note as a whole; the CLI counts them as errors. */
export const STOPPED_CODE = 'stopped';

/** A problem of the note as a whole, shown on its first line. */
export function noteDiagnostic(message: string): EngineDiagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', message, code: STOPPED_CODE };
}

/** A result with nothing evaluated and one message saying why. */
export function stoppedResult(doc: NoteDocument, message: string): NoteResult {
  return {
    uri: doc.uri,
    version: doc.version,
    blocks: [],
    statements: [],
    diagnostics: [noteDiagnostic(message)],
    summary: { statements: 0, passed: 0, failed: 0, errors: 0, chainsVerified: 0, chainsFailed: 0 },
    latex: [],
  };
}
