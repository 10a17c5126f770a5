import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';

/** English and French, the WCO's working languages; every string of the console comes from these catalogues. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const saved = window.localStorage.getItem('language');
const browser = navigator.language?.slice(0, 2);
const initial: Language = (LANGUAGES as readonly string[]).includes(saved ?? '')
  ? (saved as Language)
  : (LANGUAGES as readonly string[]).includes(browser)
    ? (browser as Language)
    : 'en';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: initial,
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = initial;

export function setLanguage(language: Language): void {
  window.localStorage.setItem('language', language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export default i18n;
