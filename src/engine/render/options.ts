// Info-string options as the renderer needs them. The engine parses the same words for
// evaluation (isolated, precision); the renderer only acts on `hide`.
import { isDlCalcInfo } from '../blocks';
import { readInfoString } from '../parse/infoString';

export interface FenceInfo {
  readonly isDlCalc: boolean;
  /** Words after `dl-calc`. */
  readonly options: readonly string[];
  readonly hide: boolean;
}

export function parseFenceInfo(info: string): FenceInfo {
  if (!isDlCalcInfo(info)) return { isDlCalc: false, options: [], hide: false };
  const { options } = readInfoString(info);
  // The last of `hide`, `hide=true`, `hide=false` wins, as in the engine's parseBlockOptions.
  let hide = false;
  for (const word of options) {
    if (word === 'hide' || word === 'hide=true') hide = true;
    else if (word === 'hide=false') hide = false;
  }
  return { isDlCalc: true, options, hide };
}
