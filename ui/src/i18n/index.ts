import { en, type MessageKey } from './en';
import { ja } from './ja';

export type Language = 'en' | 'ja';
export const LANGUAGES: Language[] = ['en', 'ja'];
const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, ja };
const STORAGE_KEY = 'ls.language';

function initial(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'ja') return stored;
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

let language: Language = initial();
document.documentElement.lang = language;

export function currentLanguage(): Language { return language; }

export function setLanguage(next: Language): void {
  language = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  window.dispatchEvent(new Event('ls-language'));
}

/** The message for a key in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = CATALOGUES[language][key] ?? en[key];
  return params ? text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`)) : text;
}

const locale = () => (language === 'ja' ? 'ja-JP' : navigator.language.startsWith('en') ? navigator.language : 'en-GB');

/** A date and time in the user's locale and time zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function day(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso));
}

/** Deadlines: local time, and UTC beside it so operators in several zones agree. */
export function deadline(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const utc = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d);
  return `${dateTime(iso)} (${utc} UTC)`;
}

export function number(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat(locale()).format(n);
}

export type { MessageKey };

/** The label of an API value (a state, a status) when the catalogue has one, else the value itself. */
export function label(prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const key = `${prefix}.${value.replace(/ /g, '_')}` as MessageKey;
  return CATALOGUES[language][key] ?? en[key] ?? value;
}
