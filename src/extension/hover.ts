// Hovers inside dl-calc code (src/features/hover.ts decides what they say). Asks the
// worker for what a hover needs that the run does not hold: the statement's derivation
// and the formulas as SVG images (mathImages.ts).
import * as vscode from 'vscode';
import { functionHover, hoverTargetAt, statementFormulas, statementHover, variableHover } from '../features/hover';
import { fromPosition, textOf, toMarkdownString, toRange } from './convert';
import { svgDataUris } from './mathImages';
import type { NoteService } from './noteService';

export function registerHover(notes: NoteService): vscode.Disposable {
  return vscode.languages.registerHoverProvider(
    { language: 'markdown' },
    {
      async provideHover(document, position, token) {
        const result = notes.result(document.uri);
        const target = result && hoverTargetAt(result, textOf(document), fromPosition(position));
        if (!target) return undefined;
        if (target.kind === 'variable') return new vscode.Hover(toMarkdownString(variableHover(target.name, target.definition), { icons: true }), toRange(target.range));
        if (target.kind === 'function') {
          const [image] = target.fn.tex ? await svgDataUris(notes, [target.fn.tex]) : [];
          return new vscode.Hover(toMarkdownString(functionHover(target.fn, image), { icons: true }), toRange(target.range));
        }
        if (token.isCancellationRequested) return undefined;
        const s = target.statement;
        const derivation = s.kind === 'error' ? undefined : await notes.derivation(document.uri, s.index);
        const images = derivation ? await svgDataUris(notes, statementFormulas(derivation)) : [];
        const md = toMarkdownString(statementHover(s, derivation, images, document.uri.toString()), { icons: true, html: true, commands: ['dlCalc.showDerivation'] });
        return new vscode.Hover(md, toRange(s.range));
      },
    },
  );
}
