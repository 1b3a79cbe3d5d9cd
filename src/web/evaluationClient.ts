// The web twin of src/node/evaluationClient.ts, with the same interface (the web build
// resolves '../node/evaluationClient' here). The engine runs in a Web Worker made from
// dist/web/evaluationWorker.js (read with vscode.workspace.fs, started from a Blob URL: the
// extension's files are on another origin than the extension host); the protocol and the
// watchdog are src/web/webClient.ts's, shared with the Node client.
import * as vscode from 'vscode';
import { WebEvaluationClient, type EvaluationClientOptions, type WorkerLike } from './webClient';

export { StopSignal, SupersededError, type EvaluationClientOptions } from './webClient';

let workerScript: vscode.Uri | undefined;
let workerUrl: Promise<string> | undefined;

/** Called by the web entry at activation: where dist/web/evaluationWorker.js is. */
export function setWorkerScript(uri: vscode.Uri): void {
  workerScript = uri;
}

function scriptUrl(): Promise<string> {
  workerUrl ??= (async () => {
    if (!workerScript) throw new Error('dl-calc: the web worker script is not set');
    const bytes = await vscode.workspace.fs.readFile(workerScript);
    return URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'text/javascript' }));
  })();
  return workerUrl;
}

export class EvaluationClient extends WebEvaluationClient {
  constructor(options: EvaluationClientOptions) {
    super(options, async () => new Worker(await scriptUrl()) as unknown as WorkerLike);
  }
}
