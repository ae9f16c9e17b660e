export { negotiateLanguage, LANGUAGES, DEFAULT_LANGUAGE } from './negotiate';
export type { Language } from './negotiate';
export { localizeProblem } from './localize-problem';
