// Quick fix for "full-width ＜: use <" (and "full-width ，: use ; between statements"):
// the mark replaced with its ASCII twin.
import * as l10n from '@vscode/l10n';
import type { Range } from '../engine/types';
import type { TextEdit } from './record';
import { textIn, type NoteText } from './text';

const MESSAGE = /^full-width (.): use (\S+)/u;

/** The fix for one dl-calc diagnostic, when it is a full-width mark still in the text. */
export function fullWidthFix(text: NoteText, diagnostic: { readonly message: string; readonly range: Range }): { title: string; edit: TextEdit } | undefined {
  const m = MESSAGE.exec(diagnostic.message);
  if (!m || textIn(text, diagnostic.range) !== m[1]) return undefined;
  return { title: l10n.t('Replace {0} with {1}', m[1], m[2]), edit: { range: diagnostic.range, newText: m[2] } };
}
