// Is a line inside a ```dl-calc fence? Read from the text as it is now (a block being typed
// from scratch is not in any run yet), the way CommonMark opens and closes fences: a run of
// 3+ back-ticks or tildes (after up to 3 spaces, or `>` quote markers), closed by a run of
// the same character at least as long.
const FENCE = /^(?:[ \t]*>)*[ \t]{0,3}(`{3,}|~{3,})(.*)$/;

export function inDlCalcFence(lineAt: (line: number) => string, line: number): boolean {
  let open: { char: string; length: number; dlCalc: boolean } | undefined;
  for (let i = 0; i < line; i++) {
    const m = FENCE.exec(lineAt(i));
    if (!m) continue;
    const run = m[1];
    if (!open) {
      if (run[0] === '`' && m[2].includes('`')) continue; // an inline code span, not a fence
      open = { char: run[0], length: run.length, dlCalc: /^\s*\{?\s*dl-calc(?![\w-])/.test(m[2]) };
    } else if (run[0] === open.char && run.length >= open.length && m[2].trim() === '') open = undefined;
  }
  if (!open?.dlCalc) return false;
  // The line itself may be the closing fence.
  const m = FENCE.exec(lineAt(line));
  return !(m && m[1][0] === open.char && m[1].length >= open.length && m[2].trim() === '');
}
