// LaTeX → SVG images for hovers. Rendering happens in the evaluation worker (MathJax loads
// there, on first use); results are cached by formula and colour. The SVG's currentColor
// is replaced with a colour that reads on the theme, because an <img> does not inherit
// the hover's text colour.
import * as vscode from 'vscode';
import type { NoteService } from './noteService';
import { toBase64 } from '../engine/render/images';

const cache = new Map<string, string | undefined>();
const MAX_CACHE = 500;

function foreground(): string {
  const kind = vscode.window.activeColorTheme.kind;
  if (kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast) return '#d4d4d4';
  return '#1f1f1f';
}

/** Scales MathJax's ex sizes so the formula matches the editor's hover text size. */
function scale(svg: string, factor: number): string {
  return svg.replace(/(width|height)="([\d.]+)ex"/g, (_m, attr: string, n: string) => `${attr}="${(Number(n) * factor).toFixed(3)}ex"`);
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
      const uri = svg
        ? 'data:image/svg+xml;base64,' + toBase64(new TextEncoder().encode(scale(svg, 1.0).replace(/currentColor/g, color)))
        : undefined;
      cache.set(`${color}\u0000${f}`, uri);
    });
  }
  return formulas.map((f) => cache.get(`${color}\u0000${f}`));
}
