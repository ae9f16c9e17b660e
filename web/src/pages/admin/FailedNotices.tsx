import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listFailedNotices } from '../../api/notifications';
import { ErrorMessage } from '../../components/ErrorMessage';
import { NotificationLog } from '../../components/NotificationLog';
import { zoneCity } from '../ministry/time';

/** Notices that gave up after their retries: someone has to tell the patient or the ministry another way. */
export function FailedNotices({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const failed = useQuery({ queryKey: ['notices', 'failed'], queryFn: listFailedNotices, refetchInterval: 60_000 });
  return (
    <section aria-labelledby="failed-title">
      <h2 id="failed-title">{t('notices.failedTitle')}</h2>
      <p className="hint">{t('notices.failedIntro')}</p>
      <ErrorMessage error={failed.error} />
      {failed.data && (
        <NotificationLog
          notices={failed.data}
          timeZone={timeZone}
          caption={t('notices.caption', { city: zoneCity(timeZone) })}
          concerns={(n) => (n.patientId ? <Link to={`/patients/${n.patientId}`}>{t('notices.patient')}</Link> : (n.countryCode ?? ''))}
        />
      )}
    </section>
  );
}
