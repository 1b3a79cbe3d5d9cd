// Why a chain was not checked, in the reader's language. The parser and the checker
// decide with their English reasons (the fixtures read them, and `binding` or `empty`
// steer the checker); the user sees them said from the catalogue: each `latex.skip.*`
// row is the English template its reason was written from, so a reason is recognised by
// matching the templates, exactly first, and said again with its arguments.
import { catalogue, currentBundle, say, type MessageArgs, type MessageCode } from '../messages';
import { sayMathjsError } from '../messages/mathjsErrors';
import type { LatexChainResult } from './types';

interface Template {
  readonly code: MessageCode;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

let templates: readonly Template[] | undefined;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function templatesOf(): readonly Template[] {
  if (templates) return templates;
  const out: (Template & { fixed: number })[] = [];
  for (const [code, english] of Object.entries(catalogue) as [MessageCode, string][]) {
    if (!code.startsWith('latex.skip.')) continue;
    const names: string[] = [];
    const parts = english.split(/\{(\w+)\}/);
    let source = '';
    parts.forEach((p, i) => {
      if (i % 2) {
        names.push(p);
        source += '(.+?)';
      } else source += escape(p);
    });
    out.push({ code, pattern: new RegExp(`^${source}$`, 's'), names, fixed: english.length - names.length * 2 });
  }
  // Templates without placeholders first, then the most specific (most fixed text).
  templates = out.sort((a, b) => a.names.length - b.names.length || (a.names.length ? b.fixed - a.fixed : 0));
  return templates;
}

/** The catalogue code and arguments a reason was written from; undefined when it is not one of them. */
export function reasonCode(reason: string): { code: MessageCode; args: MessageArgs } | undefined {
  for (const t of templatesOf()) {
    const m = t.pattern.exec(reason);
    if (!m) continue;
    const args: Record<string, string> = {};
    t.names.forEach((n, i) => (args[n] = m[i + 1]));
    return { code: t.code, args };
  }
  return undefined;
}

/** A reason in the reader's language (as written when it is not a catalogue reason). */
export function sayReason(reason: string): string {
  const c = reasonCode(reason);
  if (!c) return reason;
  // A failed evaluation carries mathjs's own sentence, said from its catalogue rows.
  if (c.code === 'latex.skip.evaluationFailed') return say(c.code, { detail: sayMathjsError(String(c.args.detail))?.message ?? c.args.detail });
  return say(c.code, c.args);
}

/** The results with every reason in the reader's language. Without a bundle, as they were. */
export function localiseReasons(results: LatexChainResult[]): LatexChainResult[] {
  if (!currentBundle()) return results;
  return results.map((r) => ({
    ...r,
    ...(r.reason ? { reason: sayReason(r.reason) } : {}),
    segments: r.segments.map((s) => (s.skipReason ? { ...s, skipReason: sayReason(s.skipReason) } : s)),
    links: r.links.map((l) => (l.reason ? { ...l, reason: sayReason(l.reason) } : l)),
  }));
}
