// The two ways a CLI command fails before any note is reported, both exit code 2.

/** Bad usage: reported with the usage text. */
export class UsageError extends Error {}

/** A file or directory the CLI could not use: reported in words. */
export class ReadError extends Error {}
