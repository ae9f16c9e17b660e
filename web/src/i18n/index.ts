import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import { en } from './en';
import { kk } from './kk';
import { ky } from './ky';
import { ru } from './ru';

export const LANGUAGES = ['kk', 'ru', 'ky', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'beamtime.lang';

const isLanguage = (value: string | null | undefined): value is Language => LANGUAGES.includes(value as Language);

/** `?lang=` wins and is remembered; then the remembered choice; then the browser's languages; then English. */
export function initialLanguage(search: string, stored: string | null, browser: readonly string[]): Language {
  const asked = new URLSearchParams(search).get('lang');
  if (isLanguage(asked)) return asked;
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

const first = initialLanguage(window.location.search, readStored(), navigator.languages ?? [navigator.language]);
if (new URLSearchParams(window.location.search).has('lang')) rememberLanguage(first);

export async function changeLanguage(lang: Language): Promise<void> {
  rememberLanguage(lang);
  await i18next.changeLanguage(lang);
}

i18next.on('languageChanged', (lang) => {
  document.documentElement.lang = lang;
  setApiLanguage(lang);
});

void i18next.use(initReactI18next).init({
  lng: first,
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  resources: { en: { translation: en }, ru: { translation: ru }, kk: { translation: kk }, ky: { translation: ky } },
});
document.documentElement.lang = first;
setApiLanguage(first);

export default i18next;
