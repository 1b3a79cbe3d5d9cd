// A note's lines, in a module of its own so that hosts that only need lines (the worker
// client, the CLI's checking processes) do not load markdown-it and KaTeX with it.

/** Splits text into lines the way markdown-it counts them (\r\n, \r and \n all end a line). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
