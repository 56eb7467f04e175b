import { en } from './en';
import { ru, type MessageKey, type Messages } from './ru';

export type { MessageKey };
export type Language = 'ru' | 'en';

export const languages: readonly Language[] = ['ru', 'en'];
const dictionaries: Record<Language, Messages> = { ru, en };
const storageKey = 'sf.lang';

let current: Language = 'ru';

export function isLanguage(value: unknown): value is Language {
  return languages.includes(value as Language);
}

export function language(): Language {
  return current;
}

/** Restores the remembered language; Russian unless the visitor chose otherwise. */
export function initLanguage(): void {
  const stored = readStorage();
  setLanguage(isLanguage(stored) ? stored : 'ru', false);
}

export function setLanguage(next: Language, remember = true): void {
  current = next;
  document.documentElement.lang = next;
  if (remember) writeStorage(next);
}

/** Looks a message up and fills its `{name}` placeholders. */
export function t(key: MessageKey, params: Record<string, string | number> = {}, lang: Language = current): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? format(params[name], lang) : placeholder,
  );
}

/** The message of a key made at run time (`status.${status}`), or `fallback` when the dictionary has no such key. */
export function tOr(key: string, fallback: string, params: Record<string, string | number> = {}): string {
  return key in dictionaries[current] ? t(key as MessageKey, params) : fallback;
}

export function formatDate(value: Date | string, lang: Language = current): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(value));
}

function format(value: string | number | undefined, lang: Language): string {
  return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : (value ?? '');
}

// Storage can be unavailable (private modes, blocked cookies); the language then lasts for the visit only.
function readStorage(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function writeStorage(value: string): void {
  try {
    localStorage.setItem(storageKey, value);
  } catch {
    /* see readStorage */
  }
}
