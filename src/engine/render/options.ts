// Info-string options as the renderer needs them. The engine parses the same words for
// evaluation (isolated, precision); the renderer only acts on `hide`.
import { isDlCalcInfo } from '../blocks';

export interface FenceInfo {
  readonly isDlCalc: boolean;
  /** Words after `dl-calc`. */
  readonly options: readonly string[];
  readonly hide: boolean;
}

export function parseFenceInfo(info: string): FenceInfo {
  if (!isDlCalcInfo(info)) return { isDlCalc: false, options: [], hide: false };
  const words = info.trim().split(/\s+/);
  const options = words.slice(1).filter((w) => w.length > 0);
  return { isDlCalc: true, options, hide: options.includes('hide') };
}
