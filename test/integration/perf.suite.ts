// Extension figures measured inside the real VS Code (for `npm run bench`): activation,
// time to first results on opening a 70 KB note (cold: worker + mathjs start; and warm)
// beside the plain open of a note of the same size with nothing for dl-calc (the anchor),
// and warm keystroke → decorations on a 3,000-statement note beside the engine's own
// evaluation of the same text. Written to
// artifacts/perf-extension.json in the extension's folder and printed as `[perf] {...}`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createEngine } from '../../src/engine';
import { api, EXTENSION_ID, setConfig, workspaceFile } from './helpers';
import { bigNote } from './perfNotes';

const figures: Record<string, unknown> = {};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const round = (x: number) => Math.round(x * 10) / 10;

/** 3,000 statements in 30 blocks of 100. */
function manyStatements(): string {
  const out: string[] = ['# 3,000 statements\n'];
  for (let b = 0; b < 30; b++) {
    out.push(`\n## Block ${b}\n\n\`\`\`dl-calc`);
    for (let i = 0; i < 100; i++) {
      const k = b * 100 + i;
      out.push(k === 0 ? 'x0 = 1' : `x${k} = x${k - 1} * 1.0001 + ${i % 7}`);
    }
    out.push('```');
  }
  out.push('\nlast: `= x2999`\n');
  return out.join('\n');
}

/**
 * The same note with nothing for dl-calc: no blocks, no `= expr` spans, no math (so no
 * hand calculations to check); the same length, so the editor does the same work.
 */
function plainNote(text: string): string {
  const plain = text.replace(/```dl-calc/g, '```dl-text').replace(/`= /g, '`  ').replace(/\$/g, ' ');
  assert.equal(plain.length, text.length);
  return plain;
}

/** Opening a note until the editor shows it: VS Code's own open, the anchor of first results. */
async function plainOpen(name: string, text: string): Promise<number> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  const t0 = performance.now();
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  assert.equal(editor.document.uri.toString(), uri.toString());
  const ms = performance.now() - t0;
  const dl = await api();
  assert.equal(dl.result(uri), undefined, 'the plain note has something for dl-calc');
  return ms;
}

/**
 * Opening a dl-calc note until its first screen's values show (`screenMs`), its whole
 * values (`valuesMs`) and its checks too (`ms`).
 */
async function openAndTime(name: string, text: string): Promise<{ ms: number; screenMs: number; valuesMs: number; doc: vscode.TextDocument }> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  const dl = await api();
  const t0 = performance.now();
  // Asked before the open, so each resolves at the moment its state is first shown.
  const at = <T>(p: Promise<T>) => p.then((value) => ({ value, ms: performance.now() - t0 }));
  const screen = at(dl.waitForFirstScreen(uri, 1, 120_000));
  const values = at(dl.waitForValues(uri, 1, 120_000));
  const complete = at(dl.waitForDecorations(uri, 1, 120_000));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  assert.equal(doc.version, 1);
  const [first, whole, all] = [await screen, await values, await complete];
  assert.ok(first.value.firstScreen, 'a long note shows its first screen first');
  assert.ok(all.value.complete);
  assert.ok(all.value.decorations.length > first.value.decorations.length, 'the whole note shows more than its first screen');
  return { ms: all.ms, screenMs: first.ms, valuesMs: whole.ms, doc };
}

suite('dl-calc performance in the extension host', () => {
  suiteTeardown(async () => {
    await setConfig('evaluationDelay', undefined);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const out = path.join(ext.extensionPath, 'artifacts', 'perf-extension.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ measuredAt: new Date().toISOString(), vscode: vscode.version, ...figures }, null, 2) + '\n');
    console.log(`[perf] ${JSON.stringify(figures)}`);
  });

  test('activation', async () => {
    const dl = await api();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    // Loading the bundle again in this host measures parse + module evaluation.
    const bundle = path.join(ext.extensionPath, 'dist', 'extension.js');
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      delete require.cache[require.resolve(bundle)];
      const t0 = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(bundle);
      loads.push(performance.now() - t0);
    }
    figures.activateMs = round(dl.activationMs);
    figures.bundleLoadMs = round(median(loads));
    figures.bundleLoadFirstMs = round(loads[0]);
    figures.bundleKB = Math.round(fs.statSync(bundle).size / 1024);
  });

  test('first results on opening a 70 KB note', async () => {
    const text = bigNote(70 * 1024);
    figures.noteKB = Math.round(Buffer.byteLength(text) / 1024);
    const plain = plainNote(text);
    // The first open of a Markdown note in this window pays for VS Code's own start of
    // Markdown support: a plain note first, so neither figure below includes it.
    figures.plainOpenFirstMs = Math.round(await plainOpen('plain-first.md', plain));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const cold = await openAndTime('big-cold.md', text);
    const dl = await api();
    // Of the cold first results, the checks' run host to host, and whether a stop restarted the worker.
    figures.firstResultsColdEvaluationMs = Math.round(dl.evaluationTimes().find((t) => t.uri === cold.doc.uri.toString())?.ms ?? -1);
    figures.workerRestartsCold = dl.workerRestarts();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Round robin, a plain open then a warm first results, each note new to the window.
    const plains: number[] = [];
    const warms: number[] = [];
    const warmValues: number[] = [];
    const warmScreens: number[] = [];
    const warmRuns: number[] = [];
    let statements = 0;
    for (let i = 0; i < 3; i++) {
      plains.push(await plainOpen(`plain-${i}.md`, plain.replace('# A long note', `# A long note ${i}`)));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const warm = await openAndTime(`big-warm-${i}.md`, text.replace('# A long note', `# A long note ${i}`));
      warms.push(warm.ms);
      warmValues.push(warm.valuesMs);
      warmScreens.push(warm.screenMs);
      const run = dl.evaluationTimes().filter((t) => t.uri === warm.doc.uri.toString());
      // The first to finish is the one whose results were shown.
      if (run.length) warmRuns.push(run[0].ms);
      // Read before closing: a note in no tab is forgotten.
      statements = dl.result(warm.doc.uri)?.summary.statements ?? 0;
      assert.ok(statements > 400, `only ${statements} statements`);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    // How many times each note was evaluated for its one version (by now any second run is done).
    figures.evaluationsPerOpen = [cold.doc, ...[0, 1, 2].map((i) => workspaceFile(`big-warm-${i}.md`))].map(
      (d) => dl.evaluationTimes().filter((t) => t.uri === ('uri' in d ? d.uri : d).toString()).length,
    );
    figures.noteStatements = statements;
    figures.firstResultsColdMs = Math.round(cold.ms);
    figures.firstValuesColdMs = Math.round(cold.valuesMs);
    figures.firstScreenColdMs = Math.round(cold.screenMs);
    figures.firstScreenWarmMs = Math.round(median(warmScreens));
    figures.firstValuesWarmMs = Math.round(median(warmValues));
    figures.firstResultsWarmMs = Math.round(median(warms));
    figures.plainOpenMs = Math.round(median(plains));
    // Of the warm first results, the evaluation's host-to-host round trip (the rest: reading the note, decorations).
    if (warmRuns.length) figures.firstResultsWarmEvaluationMs = Math.round(median(warmRuns));
  });

  for (const delay of [150, 0]) {
    test(`warm keystroke → decorations on a 3,000-statement note (evaluationDelay ${delay} ms)`, async () => {
      await setConfig('evaluationDelay', delay);
      const { doc } = await openAndTime(`many-${delay}.md`, manyStatements());
      const dl = await api();
      const editor = vscode.window.activeTextEditor!;
      assert.equal(dl.result(doc.uri)?.summary.statements, 3001);
      const lineNo = doc.lineCount - 8; // a statement in the last block
      const times: number[] = [];
      // From the edit's arrival in this host: \`editor.edit\` goes from here to the window and
      // back before the change arrives, a hop a real keystroke (typed in the window) does not make.
      const arrivals: number[] = [];
      let arrived = 0;
      const listening = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === doc) arrived = performance.now();
      });
      const evals: number[] = [];
      const own: number[] = [];
      // The engine's own evaluation of each edited text, here on this thread after the
      // decorations are shown (so it never competes with the worker): the anchor.
      const engine = createEngine();
      engine.evaluate({ uri: 'own', version: 0, text: doc.getText() });
      for (let i = 0; i < 10; i++) {
        const end = doc.lineAt(lineNo).range.end;
        const t0 = performance.now();
        // Type a digit, then delete it.
        await editor.edit((b) => (i % 2 === 0 ? b.insert(end, '1') : b.delete(new vscode.Range(end.translate(0, -1), end))));
        await dl.waitForDecorations(doc.uri, doc.version, 30_000);
        const shown = performance.now();
        times.push(shown - t0);
        arrivals.push(shown - arrived);
        const t = dl.evaluationTimes();
        evals.push(t[t.length - 1].ms);
        const edited = doc.getText();
        const t1 = performance.now();
        engine.evaluate({ uri: 'own', version: i + 1, text: edited });
        own.push(performance.now() - t1);
      }
      listening.dispose();
      figures[`keystrokeToDecorationsMs_delay${delay}`] = Math.round(median(times));
      figures[`changeToDecorationsMs_delay${delay}`] = Math.round(median(arrivals));
      figures[`evaluation3000Ms_delay${delay}`] = Math.round(median(evals));
      figures[`engineOwn3000Ms_delay${delay}`] = Math.round(median(own));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
