// The engine in a Web Worker (vscode.dev, github.dev): the twin of src/node/evaluationWorker.ts.
// Progress: a SharedArrayBuffer slot needs crossOriginIsolated, which VS Code's web
// extension host is not, so each statement's start is posted as a message; the host keeps
// the last one and knows which statement was running when it terminates this worker.
import { createEngine } from '../engine';
import { useBundle } from '../engine/messages';
import type { WorkerMessage as WorkerResponse, WorkerRequest } from '../node/protocol';

/** What the web host sends first: the translation bundle. */
export interface WebWorkerInit {
  readonly type: 'init';
  readonly messages?: Readonly<Record<string, string>>;
}

/** A statement starts (1-based line, 0 = idle). */
export interface WebProgress {
  readonly progress: readonly [number, number];
}

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
let engine: ReturnType<typeof createEngine> | undefined;

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
    response = { id: request.id, type: request.type, ok: true, result: handle(request) } as WorkerResponse;
  } catch (err) {
    // The host shows this to a user: the message, never a stack trace.
    response = { id: request.id, type: request.type, ok: false, error: err instanceof Error ? err.message : String(err) } as WorkerResponse;
  }
  scope.postMessage({ progress: [0, 0] } satisfies WebProgress);
  scope.postMessage(response);
};

function handle(request: WorkerRequest) {
  const e = engine!;
  switch (request.type) {
    case 'evaluate':
      e.configure(request.settings);
      return e.evaluate(request.doc, {
        derivations: request.derivations,
        stopped: request.stopped.length ? new Map(request.stopped) : undefined,
        onStatement: (_index, start) => scope.postMessage({ progress: [start.line + 1, start.character] } satisfies WebProgress),
      });
    case 'derive':
      return e.derive(request.uri, request.index, request.version);
    case 'forget':
      e.forget(request.uri);
      return undefined;
    case 'texToSvg':
      // MathJax's SVG output needs Node's liteDOM set-up; on the web, hovers show text.
      return request.formulas.map(() => undefined);
  }
}
