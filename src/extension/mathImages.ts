// LaTeX → SVG images for hovers. Rendering happens in the evaluation worker (MathJax loads
// there, on first use); the images (src/features/mathImages.ts) are cached here by formula
// and colour.
import * as vscode from 'vscode';
import { imageColor, svgDataUri } from '../features/mathImages';
import type { NoteService } from './noteService';

const cache = new Map<string, string | undefined>();
const MAX_CACHE = 500;

function foreground(): string {
  const kind = vscode.window.activeColorTheme.kind;
  return imageColor(kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast);
}

/** Data URIs of the formulas' SVGs (undefined where one does not render or the worker is busy elsewhere). */
export async function svgDataUris(notes: NoteService, formulas: readonly string[]): Promise<(string | undefined)[]> {
  const color = foreground();
  const missing = [...new Set(formulas.filter((f) => !cache.has(`${color}\u0000${f}`)))];
  if (missing.length) {
    let svgs: (string | undefined)[] = [];
    try {
      svgs = await notes.client.texToSvg(missing, true);
    } catch {
      svgs = [];
    }
    if (cache.size > MAX_CACHE) cache.clear();
    missing.forEach((f, i) => {
      const svg = svgs[i];
      cache.set(`${color}\u0000${f}`, svg ? svgDataUri(svg, color) : undefined);
    });
  }
  return formulas.map((f) => cache.get(`${color}\u0000${f}`));
}
