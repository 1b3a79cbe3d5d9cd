// What of an HTML block is not prose: its tags, entities, and the whole of elements whose
// text is code or not shown as text (`<code>`, `<pre>`, `<script>`, `<style>`, `<math>`...).
// Linear: each tag is matched once, each skipped element's end is searched for once.
import type { Masked } from './scan';

const SKIPPED = /^<(code|pre|script|style|math|kbd|samp|tt|textarea|svg)\b/i;

export function htmlMasks(content: string): Masked[] {
  const out: Masked[] = [];
  const lower = content.toLowerCase();
  const tag = /<[^<>]*>|&[#a-zA-Z0-9]{1,32};/g;
  for (let m = tag.exec(content); m; m = tag.exec(content)) {
    const skip = SKIPPED.exec(m[0]);
    if (skip) {
      const close = lower.indexOf(`</${skip[1].toLowerCase()}`, m.index + m[0].length);
      const end = close < 0 ? content.length : close;
      out.push({ start: m.index, end });
      tag.lastIndex = end;
      if (close < 0) break;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
