// The CLI's language: `--lang en|zh-cn`, else the locale (LC_ALL, then LC_MESSAGES, then
// LANG, as POSIX orders them). Chinese in mainland script (zh_CN, zh_SG, zh-Hans) gets the
// Chinese bundle; everything else, C and POSIX included, gets English.
import zhCn from '../../l10n/bundle.l10n.zh-cn.json';
import { useBundle } from '../engine/messages';

export type Language = 'en' | 'zh-cn';
export const languages: readonly Language[] = ['en', 'zh-cn'];

export function languageOfLocale(env: NodeJS.ProcessEnv): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh([_-](cn|sg|hans)\b|$|[.@])/i.test(locale) ? 'zh-cn' : 'en';
}

/** Takes `--lang X` / `--lang=X` out of argv (anywhere), returning the rest and the value. */
export function takeLangFlag(argv: readonly string[]): { rest: string[]; lang?: string } {
  const rest: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang') lang = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
    else rest.push(a);
  }
  return { rest, lang };
}

export function useLanguage(lang: Language): void {
  useBundle(lang === 'zh-cn' ? (zhCn as Record<string, string>) : undefined);
}
