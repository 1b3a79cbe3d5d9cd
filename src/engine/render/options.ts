// Info-string options as the renderer needs them. The engine parses the same words for
// evaluation (isolated, precision); the renderer only acts on `hide`.

export interface FenceInfo {
  readonly isDlCalc: boolean;
  /** Words after `dl-calc`. */
  readonly options: readonly string[];
  readonly hide: boolean;
}

export function parseFenceInfo(info: string): FenceInfo {
  const words = info.trim().split(/\s+/);
  if (words[0] !== 'dl-calc') return { isDlCalc: false, options: [], hide: false };
  const options = words.slice(1).filter((w) => w.length > 0);
  return { isDlCalc: true, options, hide: options.includes('hide') };
}
