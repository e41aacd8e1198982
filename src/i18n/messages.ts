// Typed dictionaries, one per feature (src/<feature>/messages.ts holds the Vietnamese text
// and messages.en.ts its English side). A message is a string or a function of its
// arguments; the English side must have the same keys with the same argument lists, which
// the compiler checks (see Translation).
//
// Usage in a feature:
//   export const m = defineMessages('home', { title: 'Trang chủ', pending: (n: number) => `${n} thay đổi` });
//   <h1>{m.title}</h1>  {m.pending(3)}
// defineMessages returns the Vietnamese object itself; when English is installed (before the
// first render) its entries are copied over it in place, so reading a message costs nothing.
import type { Lang } from './lang.ts';

export type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;
/** The other language's side of a dictionary: exactly the same keys and argument lists. */
export type Translation<M extends Messages> = { readonly [K in keyof M]: M[K] };

/** Every feature dictionary: src/i18n/english.ts must provide each one. */
export type Namespace =
  | 'common'
  | 'app'
  | 'auth'
  | 'home'
  | 'settings'
  | 'photos'
  | 'sync'
  | 'catalogue'
  | 'models'
  | 'checklists'
  | 'indicators'
  | 'dashboard'
  | 'reports'
  | 'tasks'
  | 'enrol'
  | 'reminders'
  | 'admin'
  | 'handoff'
  | 'inspections'
  | 'sms'
  | 'reorg';

export type Bundle = Record<Namespace, Messages>;

const defined = new Map<Namespace, Messages>();
let installed: Bundle | null = null;
let active: Lang = 'vi';

export function defineMessages<M extends Messages>(ns: Namespace, vi: M): M {
  if (defined.has(ns)) throw new Error(`messages "${ns}" defined twice`);
  defined.set(ns, vi);
  if (installed) Object.assign(vi, installed[ns]);
  return vi;
}

/** Switches every dictionary, defined or still to come (lazy chunks), to `bundle`. */
export function installLanguage(lang: Lang, bundle: Bundle): void {
  installed = bundle;
  active = lang;
  for (const [ns, vi] of defined) Object.assign(vi, bundle[ns]);
}

export const activeLang = (): Lang => active;
