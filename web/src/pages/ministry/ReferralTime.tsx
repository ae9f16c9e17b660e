import { useTranslation } from 'react-i18next';
import { localDateAndTime, offsetOf, zoneCity } from './time';

/** One instant in the ministry's own zone, and the center's next to it when the two clocks differ. */
export function ReferralTime({ ministryLocal, centerLocal, ministryZone, centerZone }: { ministryLocal: string; centerLocal: string; ministryZone: string; centerZone: string }) {
  const { t, i18n } = useTranslation();
  const inZone = (local: string, zone: string) => t('portal.time.zone', { time: localDateAndTime(i18n.language, local), city: zoneCity(zone), offset: offsetOf(local) });
  const ministry = inZone(ministryLocal, ministryZone);
  if (ministryZone === centerZone || offsetOf(ministryLocal) === offsetOf(centerLocal)) return <>{ministry}</>;
  return <>{t('portal.time.both', { ministry, center: inZone(centerLocal, centerZone) })}</>;
}
