// Runs before the first render: applies the stored language (fetching English if chosen).
import { installLanguage } from './messages.ts';
import { storedLang, type Lang } from './lang.ts';

export async function loadLanguage(lang: Lang = storedLang()): Promise<Lang> {
  document.documentElement.lang = lang;
  if (lang === 'vi') return lang;
  try {
    const { english } = await import('./english.ts');
    installLanguage('en', english);
    return 'en';
  } catch {
    // The English chunk did not load (offline before it was ever cached): stay usable in Vietnamese.
    document.documentElement.lang = 'vi';
    return 'vi';
  }
}
