// Reads a convolution's output size stated in a sentence, with every operand named:
// "a 7x7 input and a 3x3 filter with stride 1 and pad 0 give a 5x5 output",
// "输入 32×32，卷积核 5×5，步长为 1，填充为 0，输出 28×28". The claim is the formula the
// sentence implies, (W − F + 2P)/S + 1 = O, checked by the chain checker like any prose
// arithmetic. Nothing is guessed: input, filter, stride, padding and output must each be
// written once (a later sentence of the same paragraph may change some of a complete
// sentence's operands: "With stride 2 we would get a 3x3 output"), and a sentence that
// names anything that changes the formula (dilation, transposed convolution) is left alone.
import type { Masked, ProseClaim } from './scan';

type Role = 'input' | 'filter' | 'stride' | 'pad' | 'output';

interface Size {
  readonly start: number;
  readonly end: number;
  /** End of the spatial part (`5x5` of `5x5x96`): what a quick fix replaces. */
  readonly spatialEnd: number;
  readonly dims: readonly number[];
}

interface Found {
  readonly role: Role;
  readonly size: Size;
  readonly value: number;
  /** Where its phrase starts: the keyword when it comes first (`stride 2`). */
  readonly from: number;
}

// Longer sentences are not one hand calculation; skipped unread (keeps the pass linear).
const MAX_SENTENCE = 600;

// A size: `7`, `7x7`, `7 × 7`, `32x32x3`. Never part of a word, a decimal or a longer number.
const SIZE = /(?<![A-Za-z0-9_.,^])(\d{1,5})(?:\s*[x×✕]\s*(\d{1,5}))?(?:\s*[x×✕]\s*(\d{1,5}))?(?![0-9A-Za-z_%]|[.,]\d)/g;

// Keywords of each role (English and Chinese). A size names the role written right before
// it (with filler words between) or, for input, filter and output written as `NxN`, the
// role written right after it ("a 3x3 filter", "5×5 的输出").
const KEYWORDS: readonly { readonly role: Role; readonly re: RegExp }[] = [
  { role: 'input', re: /\binputs?\b|输入/gi },
  { role: 'filter', re: /\b(?:filters?|kernels?|receptive fields?)\b|卷积核|滤波器|过滤器/gi },
  { role: 'stride', re: /\bstrides?\b|步长|步幅/gi },
  { role: 'pad', re: /\b(?:zero[- ])?padd?(?:ing|ed)?\b|填充|补零/gi },
  { role: 'output', re: /\boutputs?\b|输出/gi },
];

const FILLER_AFTER = /^(?:\s|[:：=]|\b(?:of|is|was|are|were|be|would be|will be|set to|equal to|the|a|an|size|sizes|dimension|dimensions|volume|image|width|spatial|map|feature map)\b|为|是|大小|尺寸|的|设为|取)*$/i;
const FILLER_BEFORE = /^(?:\s|-|的|大小的)*$/;

// What changes the formula or makes the sentence about something else.
const OTHER_FORMULA = /dilat|atrous|transpose|deconv|up-?sampl|fractional|空洞|膨胀|转置|反卷积|上采样/i;

const SENTENCE_END = /[.!?;](?=\s|$)|[。！？；]|\n\s*\n/g;

function sizesIn(text: string, from: number, to: number): Size[] {
  // On the sentence alone, so a sentence without sizes never scans the rest of the text.
  const sentence = text.slice(from, to);
  const out: Size[] = [];
  SIZE.lastIndex = 0;
  for (let m = SIZE.exec(sentence); m; m = SIZE.exec(sentence)) {
    const dims = [m[1], m[2], m[3]].filter((d): d is string => d !== undefined).map(Number);
    const spatial = m[2] !== undefined ? sentence.indexOf(m[2], m.index + m[1].length) + m[2].length : m.index + m[1].length;
    out.push({ start: from + m.index, end: from + m.index + m[0].length, spatialEnd: from + spatial, dims });
  }
  return out;
}

interface Keyword {
  readonly role: Role;
  readonly start: number;
  readonly end: number;
}

function keywordsIn(sentence: string, offset: number): Keyword[] {
  const out: Keyword[] = [];
  for (const { role, re } of KEYWORDS) {
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) out.push({ role, start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The one spatial value of a size for a role, or undefined when it is not one square size. */
function valueOf(role: Role, size: Size): number | undefined {
  const [h, w, d] = size.dims;
  if (role === 'stride' || role === 'pad') return size.dims.length === 1 ? h : undefined;
  if (role === 'filter' && d !== undefined) return undefined;
  if (w !== undefined && w !== h) return undefined;
  return h;
}

/** Each size of a sentence attributed to at most one role; undefined when any is ambiguous. */
function attribute(text: string, sizes: readonly Size[], keywords: readonly Keyword[]): Found[] | undefined {
  const found: Found[] = [];
  for (const size of sizes) {
    const roles = new Map<Role, number>();
    // The nearest keyword before it, with only filler between.
    const before = [...keywords].reverse().find((k) => k.end <= size.start);
    if (before && FILLER_AFTER.test(text.slice(before.end, size.start))) roles.set(before.role, before.start);
    // For `NxN`: the keyword right after it.
    const after = keywords.find((k) => k.start >= size.end);
    if (after && size.dims.length >= 2 && after.role !== 'stride' && after.role !== 'pad' && FILLER_BEFORE.test(text.slice(size.end, after.start))) roles.set(after.role, size.start);
    if (roles.size > 1) return undefined;
    const [entry] = roles;
    if (!entry) continue;
    const [role, from] = entry;
    const value = valueOf(role, size);
    if (value === undefined) return undefined;
    found.push({ role, size, value, from });
  }
  return found;
}

interface Operands {
  readonly input: number;
  readonly filter: number;
  readonly stride: number;
  readonly pad: number;
}

const ROLES: readonly (keyof Operands)[] = ['input', 'filter', 'stride', 'pad'];

function claimFor(found: readonly Found[], operands: Operands): ProseClaim | undefined {
  const output = found.find((f) => f.role === 'output')!;
  const own = found.filter((f) => f.role !== 'output');
  // The sentence reads "given …, the output is": every operand it writes comes first.
  if (own.some((f) => f.size.start > output.size.start)) return undefined;
  const { input: W, filter: F, stride: S, pad: P } = operands;
  if (S <= 0) return undefined;
  const o = (W - F + 2 * P) / S + 1;
  // A size that does not fit exactly is a convention (floor, ceil), not arithmetic.
  if (!Number.isInteger(o) || o <= 0) return undefined;

  const first = Math.min(...own.map((f) => f.from));
  const last = Math.max(...own.map((f) => f.size.spatialEnd));
  const at = (role: keyof Operands) => own.find((f) => f.role === role)?.size.start ?? first;
  let latex = '';
  const sourceAt: number[] = [];
  const emit = (tex: string, where: number, step = false) => {
    for (let c = 0; c < tex.length; c++) {
      latex += tex[c];
      sourceAt.push(step ? where + c : where);
    }
  };
  emit('(', first);
  emit(String(W), at('input'), own.some((f) => f.role === 'input'));
  emit(' - ', at('input'));
  emit(String(F), at('filter'), own.some((f) => f.role === 'filter'));
  emit(' + 2 \\times ', at('filter'));
  emit(String(P), at('pad'), own.some((f) => f.role === 'pad'));
  emit(')/', at('pad'));
  emit(String(S), at('stride'), own.some((f) => f.role === 'stride'));
  emit(' + 1', last);
  emit(' = ', output.size.start);
  emit(String(output.value), output.size.start, true);
  sourceAt.push(output.size.spatialEnd);
  return { start: first, end: output.size.spatialEnd, latex, sourceAt };
}

/** Convolution output sizes stated in `text` (one paragraph), outside `masked` ranges. */
export function scanConvSizes(text: string, masked: readonly Masked[] = []): ProseClaim[] {
  if (!/output|输出/i.test(text)) return [];
  const out: ProseClaim[] = [];
  let base: Operands | undefined;
  let start = 0;
  let mask = 0;
  SENTENCE_END.lastIndex = 0;
  const ends: number[] = [];
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) ends.push(m.index);
  ends.push(text.length);
  for (const end of ends) {
    const from = start;
    start = end + 1;
    if (end - from > MAX_SENTENCE || end <= from) continue;
    const sentence = text.slice(from, end);
    // A sentence with its own arithmetic is the prose scanner's; one with math or code is not read.
    // Masks are sorted and sentences come in order: one pointer walks both.
    while (mask < masked.length && masked[mask].end <= from) mask++;
    if (mask < masked.length && masked[mask].start < end) continue;
    if (/[=＝≈]/.test(sentence) || OTHER_FORMULA.test(sentence)) continue;
    const keywords = keywordsIn(sentence, from);
    if (!keywords.some((k) => k.role === 'output')) continue;
    const found = attribute(text, sizesIn(text, from, end), keywords);
    if (!found) continue;
    const roles = new Map<Role, Found[]>();
    for (const f of found) roles.set(f.role, [...(roles.get(f.role) ?? []), f]);
    if ([...roles.values()].some((fs) => fs.length > 1) || !roles.has('output')) continue;
    const own = Object.fromEntries(ROLES.filter((r) => roles.has(r)).map((r) => [r, roles.get(r)![0].value])) as Partial<Operands>;
    const complete = ROLES.every((r) => own[r] !== undefined);
    if (complete) base = own as Operands;
    else if (!base || !ROLES.some((r) => own[r] !== undefined)) continue;
    const claim = claimFor(found, complete ? (own as Operands) : { ...base, ...own });
    if (claim) out.push(claim);
  }
  return out;
}
