// The engine's messages in the reader's language. The host (VS Code's extension host, the
// CLI) chooses the language and hands its bundle to every place the engine runs: its own
// thread and the evaluation worker (`useBundle`). Without a bundle the English is used.
import * as l10n from '@vscode/l10n';
import { catalogue, type MessageArgs, type MessageCode } from './catalogue';

export { catalogue, type MessageArgs, type MessageCode } from './catalogue';

/** A bundle as vscode.l10n.bundle gives it: English text → translation. */
export type MessageBundle = Readonly<Record<string, string>>;

let current: MessageBundle | undefined;

/** Makes later messages use `bundle` (undefined or {}: English). */
export function useBundle(bundle: MessageBundle | undefined): void {
  current = bundle && Object.keys(bundle).length ? bundle : undefined;
  l10n.config({ contents: { ...(current ?? {}) } });
}

/** The bundle in use, to hand on to a worker. */
export function currentBundle(): MessageBundle | undefined {
  return current;
}

/** The message for `code` with its arguments, in the language in use. */
export function say(code: MessageCode, args: MessageArgs = {}): string {
  return l10n.t(catalogue[code], args as Record<string, string | number>);
}

/** A message with the code and arguments it was made from (for diagnostics and --json). */
export interface Said {
  readonly message: string;
  readonly code: MessageCode;
  readonly args: MessageArgs;
}

export function said(code: MessageCode, args: MessageArgs = {}): Said {
  return { message: say(code, args), code, args };
}

/** An error the engine raises on purpose: its message comes from the catalogue. */
export class NoteError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly args: MessageArgs = {},
  ) {
    super(say(code, args));
  }
}
