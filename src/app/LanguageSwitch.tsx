// "Ngôn ngữ / Language: Tiếng Việt | English". Each choice is written in its own language,
// so a person who cannot read Vietnamese finds it, on the login screen too.
import { chooseLang, type Lang } from '../i18n/lang.ts';
import { activeLang } from '../i18n/messages.ts';
import { m } from './messages.ts';

/** `heading`: the label is the section's heading (Settings), else a line of its own (login, PIN lock). */
export function LanguageSwitch({ heading = false }: { heading?: boolean }) {
  const current = activeLang();
  const choice = (lang: Lang, label: string) => (
    <button type="button" class={lang === current ? 'btn-small lang-current' : 'btn-small'} lang={lang} aria-pressed={lang === current} onClick={() => lang !== current && chooseLang(lang)}>
      {label}
    </button>
  );
  const label = (
    <>
      <span lang="vi">{m.languageVi}</span> / <span lang="en">{m.languageEn}</span>
    </>
  );
  return (
    <>
      {heading && <h2 id="lang-switch-label">{label}</h2>}
      <div class="lang-switch" role="group" aria-labelledby="lang-switch-label" data-testid="language-switch">
        {!heading && <span id="lang-switch-label">{label}</span>}
        {choice('vi', m.langVi)}
        {choice('en', m.langEn)}
      </div>
    </>
  );
}
