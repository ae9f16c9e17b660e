import { Language, negotiateLanguage } from '../common/i18n';

/** `?lang=` wins (validated by the DTO); else the best match for Accept-Language, else English. */
export function fileLanguage(lang: Language | undefined, acceptLanguage: string | undefined): Language {
  return lang ?? negotiateLanguage(acceptLanguage);
}
