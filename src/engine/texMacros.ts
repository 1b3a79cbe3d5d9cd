// User LaTeX macros (VS Code's `markdown.math.macros`, Markdown All in One's
// `markdown.extension.katex.macros`, the CLI's `--macros FILE`) expanded the way KaTeX
// expands them, so the checker reads `\R` as `\mathbb{R}` and `\half` as `\frac{1}{2}`:
// a macro takes as many arguments as the highest `#n` in its body; an argument is a
// braced group (without its braces) or a single token; the result is expanded again.
// Every character of the result remembers where it came from in the original, so
// positions stay in the note: a macro's own text points at the macro where it was used.

export type TexMacros = Readonly<Record<string, string>>;

export interface ExpandedTex {
  readonly text: string;
  /** Offset in the original of each offset of `text` (length text.length + 1). */
  readonly origin: readonly number[];
}

export interface ExpandLimits {
  /** Expansions per formula; KaTeX's own default (maxExpand) is 1000. */
  readonly maxExpansions: number;
  /** Longest expanded formula. */
  readonly maxLength: number;
}

const defaultLimits: ExpandLimits = { maxExpansions: 1000, maxLength: 50_000 };

const isLetter = (c: string | undefined) => c !== undefined && /^[a-zA-Z]$/.test(c);

/** The control sequence starting at `i` (a backslash), and where it ends. */
function controlSequence(s: string, i: number): { name: string; end: number } {
  let end = i + 1;
  if (isLetter(s[end])) while (isLetter(s[end])) end++;
  else if (end < s.length) end++;
  return { name: s.slice(i, end), end };
}

/** The number of arguments a body takes: its highest `#n` (`##` is a literal `#`). */
export function arity(body: string): number {
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '#') continue;
    if (body[i + 1] === '#') i++;
    else if (/[1-9]/.test(body[i + 1] ?? '')) n = Math.max(n, Number(body[i + 1]));
  }
  return n;
}

/** One argument at `i`: a balanced group's inside, or one token; undefined when there is none. */
function argument(s: string, i: number): { from: number; to: number; end: number } | undefined {
  while (i < s.length && /\s/.test(s[i])) i++;
  if (i >= s.length) return undefined;
  if (s[i] === '{') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      if (s[j] === '\\') j++;
      else if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return { from: i + 1, to: j, end: j + 1 };
    }
    return undefined;
  }
  if (s[i] === '}') return undefined;
  if (s[i] === '\\') {
    const cs = controlSequence(s, i);
    return { from: i, to: cs.end, end: cs.end };
  }
  return { from: i, to: i + 1, end: i + 1 };
}

/** Macros with a usable name (`\name`, as KaTeX's option takes them) and a string body. */
export function usableMacros(macros: unknown): TexMacros {
  const out: Record<string, string> = {};
  if (typeof macros !== 'object' || macros === null || Array.isArray(macros)) return out;
  for (const [name, body] of Object.entries(macros as Record<string, unknown>)) {
    if (typeof body === 'string' && /^\\(?:[a-zA-Z]+|[^a-zA-Z\s])$/.test(name)) out[name] = body;
  }
  return out;
}

/**
 * `tex` with the user's macros expanded; undefined when it cannot be read exactly (a
 * macro missing an argument, too many expansions: a macro defined by itself), so the
 * formula is skipped rather than checked as something it is not.
 */
export function expandMacros(tex: string, macros: TexMacros, limits: ExpandLimits = defaultLimits): ExpandedTex | undefined {
  const identity = () => ({ text: tex, origin: Array.from({ length: tex.length + 1 }, (_, i) => i) });
  if (!tex.includes('\\') || Object.keys(macros).length === 0) return identity();
  let rest = tex;
  let restOrigin: number[] = identity().origin;
  let text = '';
  const origin: number[] = [];
  let expansions = 0;
  let i = 0;
  while (i < rest.length) {
    if (rest[i] !== '\\') {
      text += rest[i];
      origin.push(restOrigin[i]);
      i++;
      continue;
    }
    const cs = controlSequence(rest, i);
    const body = Object.prototype.hasOwnProperty.call(macros, cs.name) ? macros[cs.name] : undefined;
    if (body === undefined) {
      text += rest.slice(i, cs.end);
      for (let k = i; k < cs.end; k++) origin.push(restOrigin[k]);
      i = cs.end;
      continue;
    }
    if (++expansions > limits.maxExpansions) return undefined;
    const at = restOrigin[i];
    const args: { from: number; to: number }[] = [];
    let end = cs.end;
    for (let n = arity(body); n > 0; n--) {
      const arg = argument(rest, end);
      if (!arg) return undefined;
      args.push(arg);
      end = arg.end;
    }
    // The substituted body goes back in front of the input, to be expanded in turn (as TeX does).
    let out = '';
    const outOrigin: number[] = [];
    for (let k = 0; k < body.length; k++) {
      if (body[k] === '#' && body[k + 1] === '#') {
        out += '#';
        outOrigin.push(at);
        k++;
      } else if (body[k] === '#' && /[1-9]/.test(body[k + 1] ?? '')) {
        const arg = args[Number(body[k + 1]) - 1];
        out += rest.slice(arg.from, arg.to);
        for (let m = arg.from; m < arg.to; m++) outOrigin.push(restOrigin[m]);
        k++;
      } else {
        out += body[k];
        outOrigin.push(at);
      }
    }
    // A letter macro followed directly by a letter would fuse (`\R` + `x` is fine, body `\alpha` + `x` is not).
    const next = rest[end];
    if (/\\[a-zA-Z]+$/.test(out) && isLetter(next)) {
      out += ' ';
      outOrigin.push(at);
    }
    if (out.length + (rest.length - end) + text.length > limits.maxLength) return undefined;
    rest = out + rest.slice(end);
    restOrigin = [...outOrigin, ...restOrigin.slice(end)];
    i = 0;
  }
  origin.push(restOrigin[rest.length] ?? tex.length);
  return { text, origin };
}
