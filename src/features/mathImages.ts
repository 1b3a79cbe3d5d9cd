// A formula's SVG (from MathJax in the worker) as a hover image: an <img> does not inherit
// the hover's text colour, so MathJax's currentColor becomes a colour that reads on the
// theme, and the ex sizes are scaled to the hover's text.
import { toBase64 } from '../engine/render/images';

/** The foreground for hover images on a theme kind. */
export function imageColor(dark: boolean): string {
  return dark ? '#d4d4d4' : '#1f1f1f';
}

/** Scales MathJax's ex sizes so the formula matches the editor's hover text size. */
export function scaleSvg(svg: string, factor: number): string {
  return svg.replace(/(width|height)="([\d.]+)ex"/g, (_m, attr: string, n: string) => `${attr}="${(Number(n) * factor).toFixed(3)}ex"`);
}

/** The data URI of an SVG drawn in `color`. */
export function svgDataUri(svg: string, color: string): string {
  return 'data:image/svg+xml;base64,' + toBase64(new TextEncoder().encode(scaleSvg(svg, 1.0).replace(/currentColor/g, color)));
}
