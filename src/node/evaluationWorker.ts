// Runs the engine off the host's thread. mathjs loads here, not in the extension host,
// and a runaway statement can be stopped by terminating this thread. Every step is
// written to the shared progress slot first, so a stop is reported where it happened.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, type Engine } from '../engine';
import { noteOutput } from '../engine/report';
import { useBundle } from '../engine/messages';
import { writeProgress, type EvaluateRequest, type RequestMap, type RequestType, type WorkerData, type WorkerMessage, type WorkerRequest } from './protocol';
import { DeltaSender, type WireResult } from './resultDelta';
import { evaluateRequest, type ReportStep } from './workerEvaluate';

// MathJax is its own bundle (dist/texSvg.js), loaded only by the SVG worker on its first
// formula: the engine worker neither parses nor compiles it at start-up.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const texSvg = (): typeof import('./texSvg') => require('./texSvg');

const port = parentPort!;
const data = workerData as WorkerData;
const progress = new Int32Array(data.progress);
useBundle(data.messages);
// The SVG worker never loads mathjs: it only typesets.
const engine: Engine | undefined = data.role === 'engine' ? createEngine() : undefined;
port.postMessage({ id: 0, ready: true } satisfies WorkerMessage);
/** What was last sent for each note: results go as deltas against it (resultDelta.ts). */
const sent = new DeltaSender();

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerMessage;
  try {
    writeProgress(progress, 'request');
    const result = handle(request);
    writeProgress(progress, 'transfer');
    reply = { id: request.id, type: request.type, ok: true, result } as WorkerMessage;
  } catch (e) {
    // The host shows this to a user: the message, never a stack trace.
    reply = { id: request.id, type: request.type, ok: false, error: e instanceof Error ? e.message : String(e) } as WorkerMessage;
  }
  port.postMessage(reply);
  writeProgress(progress, 'idle');
});

function handle(request: WorkerRequest): RequestMap[RequestType]['reply'] {
  switch (request.type) {
    case 'evaluate':
      return evaluate(request);
    case 'check': {
      const result = evaluateRequest(need(engine), request, step, true);
      // Nothing of a checked note stays in the worker: the CLI forgets each note once reported.
      need(engine).forget(request.doc.uri);
      return noteOutput({ path: request.path, result }, request.mode);
    }
    case 'derive':
      return need(engine).derive(request.uri, request.index, request.version);
    case 'forget':
      need(engine).forget(request.uri);
      sent.forget(request.uri);
      return undefined;
    case 'texToSvg':
      return request.formulas.map((tex, i) => {
        writeProgress(progress, 'svg', i);
        return texSvg().texToSvg(tex, request.display);
      });
  }
}

function need(e: Engine | undefined): Engine {
  if (!e) throw new Error('this worker only typesets SVG');
  return e;
}

/** Each step to the shared slot, not a message: the host reads it while this thread is busy. */
const step: ReportStep = (phase, index, line, character) => writeProgress(progress, phase, index, line, character);

function evaluate(request: EvaluateRequest): WireResult {
  return sent.wire(evaluateRequest(need(engine), request, step));
}
