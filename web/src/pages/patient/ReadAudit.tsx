import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listReadAudit } from '../../api/notifications';
import { ErrorMessage } from '../../components/ErrorMessage';
import { localDateTime } from '../../i18n/format';
import { zoneCity } from '../ministry/time';

/** Admins only: who outside the administration read this patient's record, what and when (docs/security.md). */
export function ReadAudit({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const reads = useQuery({ queryKey: ['patient', patientId, 'read-audit'], queryFn: () => listReadAudit(patientId) });
  return (
    <section aria-labelledby="patient-reads">
      <h2 id="patient-reads">{t('readAudit.title')}</h2>
      <ErrorMessage error={reads.error} />
      {reads.data && reads.data.items.length === 0 && <p>{t('readAudit.none')}</p>}
      {reads.data && reads.data.items.length > 0 && (
        <table className="list">
          <caption>{t('readAudit.caption', { shown: reads.data.items.length, total: reads.data.total, city: zoneCity(timeZone) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('readAudit.at')}</th>
              <th scope="col">{t('readAudit.who')}</th>
              <th scope="col">{t('readAudit.what')}</th>
              <th scope="col">{t('readAudit.record')}</th>
              <th scope="col">{t('readAudit.patientsShown')}</th>
            </tr>
          </thead>
          <tbody>
            {reads.data.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">{localDateTime(i18n.language, r.at, timeZone)}</th>
                <td>
                  {r.username} ({r.role}
                  {r.countryCode ? `, ${r.countryCode}` : ''})
                </td>
                <td>{r.action}</td>
                <td>{r.entityId ?? t('patient.none')}</td>
                <td>{r.patientsShown}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
