// The interface language. Vietnamese is the default and is always in the first load; English
// is a lazy chunk (src/i18n/english.ts) fetched before the first render when chosen. Changing
// the language reloads the page: every screen then renders from one dictionary, with no
// half-translated state to keep consistent.
//
// Numbers and dates keep their vi-VN form in both languages (96,24%; 38.755; 20/11/2026):
// figures are copied to and from Vietnamese official documents and must read the same.
// Data (model names, units, checklist questions, official documents) stays Vietnamese and is
// marked lang="vi" where it is shown, so screen readers and the language tests know it.
export type Lang = 'vi' | 'en';

export const LANG_KEY = 'so-tay-lang';

export function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage blocked (private mode on some browsers): stay with the default
  }
}

export function chooseLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    return;
  }
  location.reload();
}
