/** The languages the API answers problems in; the console offers the same four. */
export const LANGUAGES = ['en', 'ru', 'kk', 'ky'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/**
 * The best of our languages for an Accept-Language header (RFC 9110 §12.5.4): ranges by falling
 * q-value (equal ones in header order), a region (ru-RU) matching its language, q=0 meaning "not
 * this one", `*` meaning any (English). Unparseable parts are skipped; nothing matching: English.
 */
export function negotiateLanguage(header: string | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      let q = 1;
      for (const p of params) {
        if (!/^\s*q\s*=/i.test(p)) continue;
        // A malformed weight (q=2, q=abc) makes the range unusable rather than preferred.
        const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
        q = m ? Number(m[1]) : -1;
      }
      return { tag: tag.trim().toLowerCase(), q, index };
    })
    .filter((r) => r.tag.length > 0 && r.q > 0 && r.q <= 1)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === '*') return DEFAULT_LANGUAGE;
    const primary = tag.split('-')[0] as Language;
    if ((LANGUAGES as readonly string[]).includes(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}
