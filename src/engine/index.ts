// The engine's one factory. Editor, preview, CLI and worker all create it the same way.
import { parseNote, type ParsedNote } from './blocks';
import { say } from './messages';
import { StatementCompiler } from './compile';
import { buildDerivation, type DerivationContext } from './derivation';
import { derivationInput, evaluateNote, type DerivationSeed, type Memo, type SplitCache } from './evaluator';
import { ValueFormatter } from './format';
import { libraryByName, libraryFunctions } from './library';
import { createSandboxedMath } from './mathInstance';
import { LatexChecker, latexDiagnostics } from './latexChecks';
import { usableMacros } from './texMacros';
import { summarise } from './summary';
import type { LatexChainResult } from './latex/types';
import {
  defaultSettings,
  type Derivation,
  type EngineDiagnostic,
  type EngineSettings,
  type EvaluateOptions,
  type NoteDocument,
  type NoteResult,
  type StatementResult,
} from './types';

export * from './types';
export { libraryFunctions } from './library';
export { texName } from './texNames';
export { parseNote, isDlCalcInfo } from './blocks';
export { allChecks, countStatements, summarise, type StatementCounts } from './summary';
export { expandMacros, usableMacros, type TexMacros } from './texMacros';
export type { LatexChainResult, LatexLink, LatexSegment, LatexWritten } from './latex/types';

export interface Engine {
  readonly settings: EngineSettings;
  configure(settings: Partial<EngineSettings>): void;
  /** Evaluates a note; the same document version is answered from a cache. */
  evaluate(doc: NoteDocument, options?: EvaluateOptions): NoteResult;
  /** The derivation of statement `index` of the last evaluation of `uri` (of that `version`, when given). */
  derive(uri: string, index: number, version?: number): Derivation | undefined;
  /** Finds blocks and inline spans (shared by all surfaces). */
  parse(doc: NoteDocument): ParsedNote;
  /** Forgets a note (closed or deleted). */
  forget(uri: string): void;
}

interface LastRun {
  readonly version: number;
  readonly text: string;
  readonly settingsKey: string;
  readonly result: NoteResult;
  readonly seeds: (DerivationSeed | undefined)[];
  derivations: boolean;
}

/**
 * The settings a statement's outcome depends on: all but the LaTeX checks' (which read the
 * statements' values, never the other way), so the editor's values-first run and the run
 * with the checks that follows it share their statements (docs/performance.md, Open).
 */
function statementSettingsKey(settings: EngineSettings): string {
  const { latexChecks: _c, latexSymbolic: _s, latexProse: _p, latexOtherDelimiters: _o, latexMacros: _m, ...rest } = settings;
  return JSON.stringify(rest);
}

export function createEngine(initial: Partial<EngineSettings> = {}): Engine {
  let settings: EngineSettings = { ...defaultSettings, ...initial };
  const sandbox = createSandboxedMath({ maxMatrixElements: () => settings.maxMatrixElements });
  const compiler = new StatementCompiler(sandbox, () => settings);
  const formatter = new ValueFormatter(sandbox.math);
  const latexChecker = new LatexChecker(sandbox);
  const lastRuns = new Map<string, LastRun>();
  const memos = new Map<string, { settingsKey: string; memo: Memo }>();
  const splits: SplitCache = new Map();
  const parsed = new Map<string, { version: number; text: string; note: ParsedNote }>();

  const derivationContext = (): DerivationContext => ({
    formatter,
    format: { precision: settings.precision, grouping: settings.grouping, scaleHints: settings.scaleHints },
    library: libraryByName,
    isBuiltin: sandbox.isBuiltin,
  });

  const parse = (doc: NoteDocument): ParsedNote => {
    const cached = parsed.get(doc.uri);
    if (cached && cached.version === doc.version && cached.text === doc.text) return cached.note;
    const note = parseNote(doc.text, splits);
    parsed.set(doc.uri, { version: doc.version, text: doc.text, note });
    return note;
  };

  const derive = (uri: string, index: number, version?: number): Derivation | undefined => {
    const run = lastRuns.get(uri);
    // A hover asks for the run it was shown for; another version's statement k is another statement.
    if (version !== undefined && run?.version !== version) return undefined;
    const seed = run?.seeds[index];
    return seed ? buildDerivation(derivationInput(seed), derivationContext()) : undefined;
  };

  return {
    get settings() {
      return settings;
    },
    configure(next) {
      settings = { ...settings, ...next };
    },
    parse,
    derive,
    forget(uri) {
      lastRuns.delete(uri);
      parsed.delete(uri);
      memos.delete(uri);
    },
    evaluate(doc, options = {}) {
      const settingsKey = JSON.stringify(settings);
      const last = lastRuns.get(doc.uri);
      const wantDerivations = options.derivations === true;
      const reusable =
        last && last.version === doc.version && last.text === doc.text && last.settingsKey === settingsKey && !options.stopped && !options.skipAfter;
      if (reusable && (!wantDerivations || last.derivations)) return last.result;
      if (reusable && wantDerivations) {
        options.onPhase?.('derivations');
        const result = withDerivations(last.result, last.seeds);
        const run = { ...last, result, derivations: true };
        lastRuns.set(doc.uri, run);
        return result;
      }
      options.onPhase?.('parse');
      const note = parse(doc);
      const previous = memos.get(doc.uri);
      const statementsKey = statementSettingsKey(settings);
      const memo: Memo = previous && previous.settingsKey === statementsKey ? previous.memo : new Map();
      const output = evaluateNote(note, settings, options, { sandbox, compiler, formatter, memo });
      if (output.partial) {
        // The first screen only: no checks (they read the whole note's values), nothing kept.
        const { statements, diagnostics } = output;
        return { uri: doc.uri, version: doc.version, blocks: note.blocks, statements, diagnostics, summary: summarise(statements, []), latex: [], partial: true };
      }
      memos.set(doc.uri, { settingsKey: statementsKey, memo: output.memo });
      const blockLines = note.blocks.flatMap((b) => b.lines.map((l) => l.line));
      if (settings.latexChecks) options.onPhase?.('latex');
      const latex: LatexChainResult[] = settings.latexChecks
        ? latexChecker.check(doc.uri, doc.text, blockLines, output.bindings, settings.latexSymbolic, {
            prose: settings.latexProse,
            otherDelimiters: settings.latexOtherDelimiters,
          }, usableMacros(settings.latexMacros), options.once === true)
        : [];
      let result: NoteResult = {
        uri: doc.uri,
        version: doc.version,
        blocks: note.blocks,
        statements: output.statements,
        diagnostics: [...output.diagnostics, ...latexDiagnostics(latex), ...structureDiagnostics(note)],
        summary: summarise(output.statements, latex),
        latex,
      };
      if (wantDerivations) {
        options.onPhase?.('derivations');
        result = withDerivations(result, output.seeds);
      }
      lastRuns.set(doc.uri, { version: doc.version, text: doc.text, settingsKey, result, seeds: output.seeds, derivations: wantDerivations });
      return result;
    },
  };

  function withDerivations(result: NoteResult, seeds: (DerivationSeed | undefined)[]): NoteResult {
    const ctx = derivationContext();
    const statements: StatementResult[] = result.statements.map((s, i) => {
      const seed = seeds[i];
      return seed ? { ...s, derivation: buildDerivation(derivationInput(seed), ctx) } : s;
    });
    return { ...result, statements };
  }
}

/** A note markdown-it could not read to its end says so, as an error: what follows was not checked. */
function structureDiagnostics(note: ParsedNote): EngineDiagnostic[] {
  if (note.truncatedAt === undefined) return [];
  const line = note.truncatedAt;
  return [
    {
      range: { start: { line, character: 0 }, end: { line, character: (note.lines[line] ?? '').length } },
      severity: 'error',
      message: say('note.tooDeep'),
      code: 'stopped',
    },
  ];
}

export { libraryFunctions as library };
