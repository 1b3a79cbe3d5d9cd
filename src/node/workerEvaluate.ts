// The worker side of an evaluate request, shared by the Node worker (progress in a shared
// slot) and the web worker (progress as messages): the settings a request states in full,
// the steps stopped before (the LaTeX checks, the derivations) left out and reported
// instead, and each step announced through `report` before it runs, so the host can say
// where a stop happened. Pure: no `vscode`, no Node-only import.
import type { Engine } from '../engine';
import { say } from '../engine/messages';
import { defaultSettings, type EngineDiagnostic, type NoteResult } from '../engine/types';
import type { EvaluateRequest, Phase } from './protocol';
import { noteDiagnostic } from './stops';

/** Announces a step: its phase, and for statements where it starts. */
export type ReportStep = (phase: Phase, index?: number, line?: number, character?: number) => void;

/** `once`: the note is forgotten after this run (a `check` request), so nothing is recorded for a next one. */
export function evaluateRequest(engine: Engine, request: EvaluateRequest, report: ReportStep, once = false): NoteResult {
  const extra: EngineDiagnostic[] = [];
  const latexOff = request.latexStopped !== undefined;
  if (request.latexStopped) extra.push(noteDiagnostic(request.latexStopped));
  if (request.derivationsStopped) extra.push(noteDiagnostic(request.derivationsStopped));
  // Each request states its settings in full: a stop in one run must not carry over to the next.
  engine.configure({ ...defaultSettings, ...request.settings, ...(latexOff ? { latexChecks: false } : {}) });
  const at = { phase: 'parse' as 'parse' | 'latex' | 'derivations' | 'statements' };
  const options = {
    derivations: request.derivations && !request.derivationsStopped,
    stopped: request.stopped.length ? new Map(request.stopped) : undefined,
    skipAfter: request.skipAfter,
    untilLine: request.untilLine,
    once,
    onStatement: (index: number, start: { line: number; character: number }) => {
      at.phase = 'statements';
      report('statement', index, start.line, start.character);
    },
    onPhase: (p: 'parse' | 'latex' | 'derivations') => {
      at.phase = p;
      report(p);
    },
  };
  let result: NoteResult;
  try {
    result = engine.evaluate(request.doc, options);
  } catch (error) {
    // A failure in the LaTeX checks or the derivations costs only them, never the note's results.
    const reason = error instanceof RangeError ? say('stopped.tooDeep') : error instanceof Error ? error.message : String(error);
    if (at.phase === 'latex') {
      engine.configure({ latexChecks: false });
      extra.push(noteDiagnostic(say('stopped.latexFailed', { reason })));
      result = engine.evaluate(request.doc, { ...options, stopped: options.stopped ?? new Map() });
    } else if (at.phase === 'derivations') {
      extra.push(noteDiagnostic(say('stopped.derivationsFailed', { reason })));
      result = engine.evaluate(request.doc, { ...options, derivations: false, stopped: options.stopped ?? new Map() });
    } else throw error;
  }
  return extra.length ? { ...result, diagnostics: [...result.diagnostics, ...extra] } : result;
}
