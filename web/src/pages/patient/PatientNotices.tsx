import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listPatientNotices } from '../../api/notifications';
import { ErrorMessage } from '../../components/ErrorMessage';
import { NotificationLog } from '../../components/NotificationLog';
import { zoneCity } from '../ministry/time';

/** What the patient (or guardian) was told, by which channel, and whether it arrived. */
export function PatientNotices({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const { t } = useTranslation();
  // Notices go out a couple of minutes after the change that made them: keep the list current while it is open.
  const notices = useQuery({ queryKey: ['patient', patientId, 'notices'], queryFn: () => listPatientNotices(patientId), refetchInterval: 15_000 });
  return (
    <section aria-labelledby="patient-notices">
      <h2 id="patient-notices">{t('notices.title')}</h2>
      <ErrorMessage error={notices.error} />
      {notices.data && <NotificationLog notices={notices.data} timeZone={timeZone} caption={t('notices.caption', { city: zoneCity(timeZone) })} />}
    </section>
  );
}
