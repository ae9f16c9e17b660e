/** The languages a patient's notices are written in (SPEC's four plus Uzbek for UZ referrals). */
export const NOTICE_LANGUAGES = ['kk', 'ru', 'ky', 'en', 'uz'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

export const GUARDIAN_RELATIONS = ['mother', 'father', 'grandparent', 'sibling', 'legal-guardian', 'other'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

/** E.164: '+', a country code not starting with 0, at most 15 digits (the database CHECK says the same). */
export const E164 = /^\+[1-9][0-9]{6,14}$/;
