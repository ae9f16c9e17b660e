import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getPatient, listPatientCourses } from '../api/endpoints';
import { ErrorMessage } from '../components/ErrorMessage';
import { useMe } from '../components/RequireSession';
import { formatDate } from '../i18n/format';
import { useCenterZone } from './BoardPage';
import { ContactSection } from './patient/ContactSection';
import { PatientNotices } from './patient/PatientNotices';
import { ReadAudit } from './patient/ReadAudit';

export function PatientPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const patient = useQuery({ queryKey: ['patient', id], queryFn: () => getPatient(id) });
  const courses = useQuery({ queryKey: ['patient', id, 'courses'], queryFn: () => listPatientCourses(id) });
  const role = useMe().data?.role;
  const zone = useCenterZone();
  if (patient.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (patient.error) return <ErrorMessage error={patient.error} />;
  const p = patient.data;
  const name = `${p.firstName} ${p.lastName}`;
  return (
    <>
      <h1>{t('patient.title', { name })}</h1>
      <dl className="facts">
        <dt>{t('patient.birthDate')}</dt>
        <dd>{formatDate(i18n.language, p.birthDate)}</dd>
        <dt>{t('patient.sex')}</dt>
        <dd>{t(`sex.${p.sex}`)}</dd>
        <dt>{t('patient.countryCode')}</dt>
        <dd>{p.countryCode}</dd>
        {p.mrn && (
          <>
            <dt>{t('patient.mrn')}</dt>
            <dd>{p.mrn}</dd>
          </>
        )}
      </dl>
      <h2>{t('patient.courses')}</h2>
      <ErrorMessage error={courses.error} />
      <ul>
        {courses.data?.items.map((c) => (
          <li key={c.id}>
            <Link to={`/courses/${c.id}`}>
              {t(`diagnosis.${c.diagnosisGroup}`)} · {t(`courseStatus.${c.status}`)} · {t('courses.progressValue', { delivered: c.delivered ?? 0, total: c.fractions })}
            </Link>
          </li>
        ))}
      </ul>
      <ContactSection patient={p} canEdit={role === 'ADMIN' || role === 'COORDINATOR'} />
      <ErrorMessage error={zone.error} />
      {zone.data && <PatientNotices patientId={p.id} timeZone={zone.data} />}
      {zone.data && role === 'ADMIN' && <ReadAudit patientId={p.id} timeZone={zone.data} />}
    </>
  );
}
