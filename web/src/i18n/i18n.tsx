// Languages of the dashboard: the ones the product's documentation is
// published in. The browser's preference picks one; the admin can switch, and
// the choice is remembered on this device. English is the reference: every
// other locale file has exactly its keys (test/browser/locales.test.ts).

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import en from './locales/en.json';

export type MessageKey = keyof typeof en;
type Messages = Record<MessageKey, string>;

export const LOCALES = ['en', 'ja', 'ko', 'fr', 'id'] as const;
export type Locale = (typeof LOCALES)[number];

// English is in the main bundle (it is also the fallback); the others load on demand.
const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Messages }>> = {
  ja: () => import('./locales/ja.json'),
  ko: () => import('./locales/ko.json'),
  fr: () => import('./locales/fr.json'),
  id: () => import('./locales/id.json'),
};
const loaded: Partial<Record<Locale, Messages>> = { en };

/** Fetches a locale's messages once; resolves when they can be shown. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (loaded[locale]) return;
  loaded[locale] = (await LOADERS[locale as Exclude<Locale, 'en'>]()).default;
}
/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語', ko: '한국어', fr: 'Français', id: 'Bahasa Indonesia' };

const STORAGE_KEY = 'rollcall.locale';

/** The first supported language in the browser's list (`in` is Indonesian's old code). */
export function detectLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    const code = primary === 'in' ? 'id' : primary;
    if ((LOCALES as readonly string[]).includes(code)) return code as Locale;
  }
  return 'en';
}

export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return detectLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export type Vars = Record<string, string | number>;

export interface Translator {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The message with `{name}` placeholders filled in. */
  t(key: MessageKey, vars?: Vars): string;
  /** The `_one` / `_other` form of `key` for `count` (available as `{count}`). */
  tn(key: string, count: number, vars?: Vars): string;
}

function fill(template: string, vars: Vars | undefined, locale: Locale): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}

const I18nContext = createContext<Translator | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    // The page keeps its current language until the new one has arrived.
    void loadLocale(next).then(() => setLocaleState(next));
  }, []);
  const value = useMemo<Translator>(() => {
    const messages = loaded[locale] ?? en;
    const t = (key: MessageKey, vars?: Vars) => fill(messages[key] ?? en[key] ?? key, vars, locale);
    const plural = new Intl.PluralRules(locale);
    const tn = (key: string, count: number, vars?: Vars) => {
      const form = plural.select(count) === 'one' ? 'one' : 'other';
      return t(`${key}_${form}` as MessageKey, { count, ...vars });
    };
    return { locale, setLocale, t, tn };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): Translator {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT outside I18nProvider');
  return value;
}
