import i18next from 'i18next';
import { portalEn } from './portal-en';
import { portalKk } from './portal-kk';
import { portalKy } from './portal-ky';
import { portalRu } from './portal-ru';

/** Part 2's catalogs (ministry portal, control room) join part 1's under the same namespace. */
const bundles = { en: portalEn, ru: portalRu, kk: portalKk, ky: portalKy };
for (const [lang, bundle] of Object.entries(bundles)) i18next.addResourceBundle(lang, 'translation', bundle, true, false);
