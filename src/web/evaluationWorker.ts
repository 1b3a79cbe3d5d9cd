// The engine in a Web Worker (vscode.dev, github.dev): the twin of src/node/evaluationWorker.ts,
// answering the same requests with the same evaluate steps (src/node/workerEvaluate.ts).
// Progress: a SharedArrayBuffer slot needs crossOriginIsolated, which VS Code's web
// extension host is not, so each step (its phase, and for a statement where it starts) is
// posted as a message before it runs; the host keeps the last one, stops a step that stays
// current past the time limit, and knows where the worker was when it terminates it.
import { createEngine } from '../engine';
import { useBundle } from '../engine/messages';
import type { Phase, Progress, WorkerMessage as WorkerResponse, WorkerRequest } from '../node/protocol';
import { DeltaSender } from '../node/resultDelta';
import { evaluateRequest } from '../node/workerEvaluate';

/** What the web host sends first: the translation bundle. */
export interface WebWorkerInit {
  readonly type: 'init';
  readonly messages?: Readonly<Record<string, string>>;
}

/** A step starts: the same record the Node worker keeps in its shared slot. */
export interface WebProgress {
  readonly progress: Progress;
}

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
let engine: ReturnType<typeof createEngine> | undefined;
let step = 0;
/** What was last sent for each note: results go as deltas against it (resultDelta.ts). */
const sent = new DeltaSender();

function report(phase: Phase, index = 0, line = 0, character = 0): void {
  scope.postMessage({ progress: { phase, index, line, character, step: ++step } } satisfies WebProgress);
}

scope.onmessage = (e: MessageEvent<WorkerRequest | WebWorkerInit>) => {
  const request = e.data;
  if (request.type === 'init') {
    useBundle(request.messages);
    engine = createEngine();
    scope.postMessage({ id: 0, ready: true } satisfies WorkerResponse);
    return;
  }
  let response: WorkerResponse;
  try {
    report('request');
    const result = handle(request);
    report('transfer');
    response = { id: request.id, type: request.type, ok: true, result } as WorkerResponse;
  } catch (err) {
    // The host shows this to a user: the message, never a stack trace.
    response = { id: request.id, type: request.type, ok: false, error: err instanceof Error ? err.message : String(err) } as WorkerResponse;
  }
  scope.postMessage(response);
  report('idle');
};

function handle(request: WorkerRequest) {
  const e = engine!;
  switch (request.type) {
    case 'evaluate':
      return sent.wire(evaluateRequest(e, request, report));
    case 'check':
      // The CLI's request: the CLI runs in Node, never here.
      throw new Error('the web worker does not answer check requests');
    case 'derive':
      return e.derive(request.uri, request.index, request.version);
    case 'forget':
      e.forget(request.uri);
      sent.forget(request.uri);
      return undefined;
    case 'texToSvg':
      // MathJax's SVG output needs Node's liteDOM set-up; on the web, hovers show text.
      return request.formulas.map(() => undefined);
  }
}
