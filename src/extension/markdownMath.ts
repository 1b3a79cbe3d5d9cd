// The Markdown math settings of VS Code and of Markdown All in One, as dl-calc honours them:
// `markdown.math.macros` and `markdown.extension.katex.macros` in the preview, the export
// and the checker; `markdown.math.enabled`, which the preview's math plugin follows; and
// the preview's plugins reloaded (`markdown.api.reloadPlugins`) when one of them changes,
// since the preview reads them only when it builds its markdown-it.
import * as vscode from 'vscode';
import { usableMacros, type TexMacros } from '../engine/texMacros';

/** Settings that change what the preview's plugins do. */
const PREVIEW_SETTINGS = ['markdown.math', 'markdown.extension.katex.macros', 'dlCalc.preview.adjacentInlineMath'];

/**
 * The macros that apply to `resource`: Markdown All in One's, then VS Code's over them (the
 * built-in math plugin renders the preview's math, so its definition is the one seen).
 */
export function mathMacros(resource?: vscode.Uri): TexMacros {
  const markdown = vscode.workspace.getConfiguration('markdown', resource ?? null);
  return { ...usableMacros(markdown.get<unknown>('extension.katex.macros')), ...usableMacros(markdown.get<unknown>('math.macros')) };
}

/** `markdown.math.enabled`: false when the user turned the preview's math off. */
export function mathEnabled(resource?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('markdown', resource ?? null).get<boolean>('math.enabled') !== false;
}

/** Does a configuration change concern the macros (so evaluations must be redone)? */
export function affectsMacros(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('markdown.math.macros') || e.affectsConfiguration('markdown.extension.katex.macros');
}

/** Reloads the preview's plugins (ours reads the settings at install) after a change. */
export function registerMathSettingsReload(): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (PREVIEW_SETTINGS.some((s) => e.affectsConfiguration(s))) {
      void vscode.commands.executeCommand('markdown.api.reloadPlugins').then(undefined, () => undefined);
    }
  });
}
