// Runs the engine off the host's thread. mathjs loads here, not in the extension host,
// and a runaway statement can be stopped by terminating this thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine';
import { useBundle } from '../engine/messages';
import type { WorkerData, WorkerRequest, WorkerResponse } from './protocol';
import { texToSvg } from './texSvg';

const port = parentPort!;
const progress = new Int32Array((workerData as WorkerData).progress);
useBundle((workerData as WorkerData).messages);
const engine = createEngine();
port.postMessage({ id: 0, ready: true } satisfies WorkerResponse);

port.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    response = { id: request.id, ok: true, result: handle(request) };
  } catch (e) {
    response = { id: request.id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) };
  } finally {
    Atomics.store(progress, 0, 0);
  }
  port.postMessage(response);
});

function handle(request: WorkerRequest) {
  switch (request.type) {
    case 'evaluate':
      engine.configure(request.settings);
      return engine.evaluate(request.doc, {
        derivations: request.derivations,
        stopped: request.stopped.length ? new Map(request.stopped) : undefined,
        // A shared slot, not a message: the host reads it while this thread is busy.
        onStatement: (_index, start) => {
          Atomics.store(progress, 1, start.character);
          Atomics.store(progress, 0, start.line + 1);
        },
      });
    case 'derive':
      return engine.derive(request.uri, request.index);
    case 'forget':
      engine.forget(request.uri);
      return undefined;
    case 'texToSvg':
      return request.formulas.map((tex) => texToSvg(tex, request.display));
  }
}
