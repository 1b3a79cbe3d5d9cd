// The note's math as the checker reads it once macros are expanded: the user's settings
// (markdown.math.macros, …) and the note's own definitions (`\def`, `\gdef`, `\newcommand`,
// `\renewcommand`, `\providecommand`, `\let`). VS Code's preview renders every formula of a
// note with KaTeX's `globalGroup` and one macro table per render, so a definition at the top
// of a formula holds from there on, in every later formula; the checker reads them the same
// way, in document order, with positions mapped back through the expansion's origins.
// Math in other delimiters (`\( \)`) sees the definitions written above it too.
import type { MathSpan } from './latex';
import { arity, expandMacros, type ExpandedTex, type TexMacros } from './texMacros';

/** Definitions read per note; beyond it a definition makes its formula unreadable (skipped). */
const MAX_DEFINITIONS = 1000;

const DEFINES = /\\(?:def|gdef|edef|xdef|newcommand|renewcommand|providecommand|let)(?![a-zA-Z])/;
const DEFINER = /^\\(def|gdef|edef|xdef|newcommand|renewcommand|providecommand|let)$/;

const isLetter = (c: string | undefined) => c !== undefined && /^[a-zA-Z]$/.test(c);

function controlSequenceAt(s: string, i: number): { name: string; end: number } | undefined {
  if (s[i] !== '\\' || i + 1 >= s.length) return undefined;
  let end = i + 1;
  if (isLetter(s[end])) while (isLetter(s[end])) end++;
  else end++;
  return { name: s.slice(i, end), end };
}

const skipSpaces = (s: string, i: number) => {
  while (i < s.length && /\s/.test(s[i])) i++;
  return i;
};

/** The inside of the balanced group opening at `i`, and where it ends. */
function groupAt(s: string, i: number): { inside: string; end: number } | undefined {
  if (s[i] !== '{') return undefined;
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return { inside: s.slice(i + 1, j), end: j + 1 };
  }
  return undefined;
}

interface Definition {
  readonly kind: string;
  readonly name: string;
  /** Undefined when the definition is one the checker cannot read exactly (delimited parameters, an optional argument). */
  readonly body?: string;
  /** `\let\a\b`: the name whose meaning is copied. */
  readonly copies?: string;
  readonly from: number;
  readonly to: number;
}

/** Reads the definition whose command (`\def`, …) spans [from, end); undefined when its end cannot be found. */
function readDefinition(s: string, kind: string, from: number, end: number): Definition | undefined {
  let i = skipSpaces(s, end);
  if (kind === 'let') {
    const a = controlSequenceAt(s, i);
    if (!a) return undefined;
    i = skipSpaces(s, a.end);
    if (s[i] === '=') i = skipSpaces(s, i + 1);
    const b = controlSequenceAt(s, i);
    if (b) return { kind, name: a.name, copies: b.name, from, to: b.end };
    if (i >= s.length) return undefined;
    return { kind, name: a.name, body: s[i], from, to: i + 1 };
  }
  if (kind === 'newcommand' || kind === 'renewcommand' || kind === 'providecommand') {
    let name: string | undefined;
    const braced = groupAt(s, i);
    if (braced) {
      name = braced.inside.trim();
      i = braced.end;
    } else {
      const cs = controlSequenceAt(s, i);
      if (!cs) return undefined;
      name = cs.name;
      i = cs.end;
    }
    if (!controlSequenceAt(name, 0) || controlSequenceAt(name, 0)!.end !== name.length) return undefined;
    i = skipSpaces(s, i);
    let declared = 0;
    const count = /^\[\s*(\d)\s*\]/.exec(s.slice(i, i + 8));
    if (count) {
      declared = Number(count[1]);
      i = skipSpaces(s, i + count[0].length);
    }
    let readable = true;
    if (s[i] === '[') {
      // An optional first argument with a default: not something a string macro can say.
      const close = s.indexOf(']', i);
      if (close < 0) return undefined;
      readable = false;
      i = skipSpaces(s, close + 1);
    }
    const body = groupAt(s, i);
    if (!body) return undefined;
    return { kind, name, ...(readable && arity(body.inside) === declared ? { body: body.inside } : {}), from, to: body.end };
  }
  // \def\name#1#2{body}, \gdef, \edef, \xdef
  const cs = controlSequenceAt(s, i);
  if (!cs) return undefined;
  i = cs.end;
  let params = 0;
  let delimited = false;
  while (i < s.length && s[i] !== '{') {
    if (s[i] === '#' && s[i + 1] === String(params + 1)) {
      params++;
      i += 2;
    } else {
      // Parameter text with delimiters (`\def\f#1.{…}`): read past it, but not as a macro.
      delimited = true;
      i++;
    }
  }
  const body = groupAt(s, i);
  if (!body) return undefined;
  const readable = !delimited && arity(body.inside) === params;
  return { kind, name: cs.name, ...(readable ? { body: body.inside } : {}), from, to: body.end };
}

/**
 * The definitions at the top level of a formula, in order; `nested` when a definition sits
 * inside a group (its reach depends on TeX's grouping: the formula is not read), `broken`
 * when one could not be read to its end.
 */
function definitionsIn(s: string): { defs: Definition[]; nested: Definition[]; broken: boolean } {
  const defs: Definition[] = [];
  const nested: Definition[] = [];
  if (!DEFINES.test(s)) return { defs, nested, broken: false };
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === '\\') {
      const cs = controlSequenceAt(s, i);
      if (!cs) continue;
      const m = DEFINER.exec(cs.name);
      if (!m) {
        i = cs.end - 1;
        continue;
      }
      const def = readDefinition(s, m[1], i, cs.end);
      if (!def) return { defs, nested, broken: true };
      (depth === 0 ? defs : nested).push(def);
      i = def.to - 1;
    }
  }
  return { defs, nested, broken: false };
}

const mentions = (text: string, name: string) => {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!isLetter(name[1]) || !isLetter(text[at + name.length])) return true;
  }
  return false;
};

/** The macro table as it grows through a note. */
class MacroTable {
  private readonly table: Record<string, string>;
  /** Names defined in a way the checker cannot read: a formula that uses one is skipped. */
  private readonly unreadable = new Set<string>();
  private count = 0;

  constructor(settings: TexMacros) {
    this.table = { ...settings };
  }

  get macros(): TexMacros {
    return this.table;
  }

  usesUnreadable(text: string): boolean {
    for (const name of this.unreadable) if (mentions(text, name)) return true;
    return false;
  }

  define(def: Definition): void {
    if (++this.count > MAX_DEFINITIONS) {
      this.unreadable.add(def.name);
      return;
    }
    const has = Object.prototype.hasOwnProperty.call(this.table, def.name);
    if (def.kind === 'providecommand' && has) return;
    let body = def.body;
    if (def.copies !== undefined) {
      // \let copies the meaning the name has now: a macro's body, or the command itself.
      if (this.unreadable.has(def.copies)) body = undefined;
      else body = Object.prototype.hasOwnProperty.call(this.table, def.copies) ? this.table[def.copies] : def.copies;
    }
    if (body !== undefined && (def.kind === 'edef' || def.kind === 'xdef')) body = expandMacros(body, this.table)?.text;
    if (body === undefined || body === def.name) {
      delete this.table[def.name];
      this.unreadable.add(def.name);
      return;
    }
    this.unreadable.delete(def.name);
    this.table[def.name] = body;
  }

  forget(name: string): void {
    delete this.table[name];
    this.unreadable.add(name);
  }
}

/** `content` with its definitions left out and the rest expanded with the macros at each point. */
function expandSpan(content: string, table: MacroTable): ExpandedTex | undefined {
  const { defs, nested, broken } = definitionsIn(content);
  if (broken || nested.length) {
    // Where a nested definition reaches is not read: its name is unreadable from here on.
    for (const d of nested) table.forget(d.name);
    return undefined;
  }
  const pieces: { from: number; to: number; def?: Definition }[] = [];
  let at = 0;
  for (const def of defs) {
    pieces.push({ from: at, to: def.from }, { from: def.from, to: def.to, def });
    at = def.to;
  }
  pieces.push({ from: at, to: content.length });
  let text = '';
  const origin: number[] = [];
  let ok = true;
  for (const piece of pieces) {
    if (piece.def) {
      table.define(piece.def);
      continue;
    }
    const part = content.slice(piece.from, piece.to);
    if (!part) continue;
    if (table.usesUnreadable(part)) ok = false;
    const expanded = ok ? expandMacros(part, table.macros) : undefined;
    // A macro whose body defines another cannot be followed here: not read.
    if (!expanded || definitionsIn(expanded.text).defs.length || definitionsIn(expanded.text).nested.length) {
      ok = false;
      continue;
    }
    text += expanded.text;
    for (let k = 0; k < expanded.text.length; k++) origin.push(piece.from + expanded.origin[k]);
  }
  if (!ok) return undefined;
  origin.push(content.length);
  return { text, origin };
}

/**
 * Each group of spans (the preview's math, then other-delimiter math and prose) with macros
 * expanded, read together in document order so that a definition reaches the math below it.
 * A span that cannot be read exactly is left out; prose passes through unchanged.
 */
export function expandNoteMacros(groups: readonly (readonly MathSpan[])[], settings: TexMacros): MathSpan[][] {
  const all = groups.flatMap((spans, g) => spans.map((span, k) => ({ span, g, k })));
  const anyDefinition = all.some(({ span }) => span.where !== 'prose' && DEFINES.test(span.content));
  if (!anyDefinition && Object.keys(settings).length === 0) return groups.map((g) => [...g]);
  all.sort((a, b) => a.span.range.start.line - b.span.range.start.line || a.span.range.start.character - b.span.range.start.character || a.g - b.g || a.k - b.k);
  const table = new MacroTable(settings);
  const out: (MathSpan | undefined)[][] = groups.map((g) => new Array<MathSpan | undefined>(g.length));
  for (const { span, g, k } of all) {
    if (span.where === 'prose') {
      out[g][k] = span;
      continue;
    }
    const expanded = expandSpan(span.content, table);
    // Not readable exactly, or nothing left once its definitions are taken out.
    if (!expanded || !expanded.text.trim()) continue;
    if (expanded.text === span.content) {
      out[g][k] = span;
      continue;
    }
    const { origin, text } = expanded;
    const positionAt = (offset: number) => span.positionAt(origin[Math.max(0, Math.min(text.length, offset))]);
    out[g][k] = { display: span.display, content: text, range: span.range, adjacent: span.adjacent, ...(span.where ? { where: span.where } : {}), expandedFrom: span.content, positionAt };
  }
  return out.map((g) => g.filter((s): s is MathSpan => s !== undefined));
}

/** The preview's math alone with macros expanded (see expandNoteMacros). */
export function macroSpans(spans: readonly MathSpan[], macros: TexMacros): readonly MathSpan[] {
  return expandNoteMacros([spans], macros)[0];
}
