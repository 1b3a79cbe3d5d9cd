// The two ways a CLI command fails before any note is reported, both exit code 2. Told
// apart by a field, not by class identity: `render` is a bundle of its own, with its own
// copy of these classes.

/** Bad usage: reported with the usage text. */
export class UsageError extends Error {
  readonly cliFailure = 'usage';
}

/** A file or directory the CLI could not use: reported in words. */
export class ReadError extends Error {
  readonly cliFailure = 'read';
}

export function failureOf(e: unknown): 'usage' | 'read' | undefined {
  const kind = (e as { cliFailure?: unknown } | undefined)?.cliFailure;
  return e instanceof Error && (kind === 'usage' || kind === 'read') ? kind : undefined;
}
