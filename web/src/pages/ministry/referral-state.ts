import type { TFunction } from 'i18next';
import { formatDate } from '../../i18n/format';
import type { Referral } from '../../api/portal';

/** The referral's state in words: waiting, scheduled from its first day, in treatment n/N, … */
export function referralStateText(t: TFunction, lang: string, referral: Referral): string {
  const first = referral.firstFraction?.ministryLocalStart;
  return t(`portal.state.${referral.state}`, {
    date: first ? formatDate(lang, first.slice(0, 10)) : '',
    done: referral.fractionsDone,
    total: referral.fractionsTotal,
  });
}
