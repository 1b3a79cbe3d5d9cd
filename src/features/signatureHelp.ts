// Signature help: the call the cursor is in, its function's parameters, which one is active.
import type { NoteResult, Position } from '../engine/types';
import { functionDoc } from './completion';
import { functions, signatureLabel } from './functions';
import { inDlCalcCode } from './lookup';
import type { Markdown } from './markdown';
import type { NoteText } from './text';

export interface SignatureHelpData {
  readonly label: string;
  readonly documentation: Markdown;
  readonly parameters: readonly string[];
  readonly activeParameter: number;
}

/** The innermost unclosed call before the cursor: its name and which argument the cursor is in. */
export function callAt(text: string): { name: string; argument: number } | undefined {
  let depth = 0;
  let argument = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '[' || ch === '{') {
      if (depth === 0) return undefined;
      depth--;
    } else if (ch === '(') {
      if (depth === 0) {
        const m = /([\p{L}_][\p{L}\p{N}_]*)\s*$/u.exec(text.slice(0, i));
        return m ? { name: m[1], argument } : undefined;
      }
      depth--;
    } else if (ch === ',' && depth === 0) argument++;
    else if (ch === '\n' || ch === '`') break;
  }
  return undefined;
}

/** Signature help at a position, or undefined outside a call of a known function. */
export function signatureHelpAt(result: NoteResult, text: NoteText, pos: Position): SignatureHelpData | undefined {
  if (!inDlCalcCode(result, pos, text)) return undefined;
  // The statement may continue over lines while a bracket is open: look back a few lines.
  const lines: string[] = [];
  for (let l = Math.max(0, pos.line - 5); l <= pos.line; l++) {
    const line = l === pos.line ? text.lineAt(l).slice(0, pos.character) : text.lineAt(l);
    lines.push(l < pos.line ? line.replace(/#.*$/, '') : line);
  }
  const call = callAt(lines.join(' '));
  const f = call && functions().get(call.name);
  if (!call || !f) return undefined;
  return {
    label: signatureLabel(f),
    documentation: functionDoc(f),
    parameters: f.params.map((p) => (p.default !== undefined ? `${p.name}=${p.default}` : p.name)),
    activeParameter: Math.min(call.argument, Math.max(0, f.params.length - 1)),
  };
}
