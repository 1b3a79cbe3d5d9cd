// YAML front matter (`---` ... `---` on the first line) as a hidden block token, so it is
// not rendered as text and line numbers stay those of the file (dl-calc rows are matched
// to statements by line). Only `title` is read; a full YAML parser is not needed for that.

import type MarkdownIt from 'markdown-it';

export interface FrontMatter {
  readonly raw: string;
  readonly title?: string;
}

function parseTitle(yaml: string): string | undefined {
  const m = /^title[ \t]*:[ \t]*(.*)$/m.exec(yaml);
  if (!m) return undefined;
  let value = m[1].trim();
  if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
    value = value.slice(1, -1);
  }
  return value.length > 0 ? value : undefined;
}

/** Stores what it found on `env.frontMatter`. */
export function frontMatterPlugin(md: MarkdownIt): void {
  md.block.ruler.before(
    'table',
    'dl_calc_front_matter',
    (state, startLine, endLine, silent) => {
      if (startLine !== 0 || state.blkIndent !== 0 || state.sCount[0] !== 0) return false;
      const lineText = (n: number) => state.src.slice(state.bMarks[n] + state.tShift[n], state.eMarks[n]);
      if (lineText(0).trimEnd() !== '---') return false;
      let close = 1;
      while (close < endLine && !/^(---|\.\.\.)\s*$/.test(lineText(close))) close++;
      if (close >= endLine) return false;
      if (silent) return true;
      const raw = state.getLines(1, close, 0, false);
      const token = state.push('dl_calc_front_matter', '', 0);
      token.hidden = true;
      token.map = [0, close + 1];
      token.content = raw;
      const env = state.env as { frontMatter?: FrontMatter } | undefined;
      if (env) env.frontMatter = { raw, title: parseTitle(raw) };
      state.line = close + 1;
      return true;
    },
    { alt: [] },
  );
  md.renderer.rules.dl_calc_front_matter = () => '';
}
