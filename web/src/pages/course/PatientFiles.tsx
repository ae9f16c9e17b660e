import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { courseFileUrl, getCalendarLink, issueCalendarLink, revokeCalendarLink } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useMe } from '../../components/RequireSession';

/** The languages the server writes letters and calendars in (docs/patient-files.md). */
const FILE_LANGUAGES = ['kk', 'ru', 'ky', 'en'] as const;
type FileLanguage = (typeof FILE_LANGUAGES)[number];

const asFileLanguage = (lang: string): FileLanguage => (FILE_LANGUAGES as readonly string[]).includes(lang) ? (lang as FileLanguage) : 'en';

/** The course's calendar and letter in the patient's language, and (staff) the patient's subscription link. */
export function PatientFiles({ courseId, patientId, booked }: { courseId: string; patientId: string; booked: boolean }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<FileLanguage>(asFileLanguage(i18n.language));
  const me = useMe();
  const staff = me.data?.role === 'ADMIN' || me.data?.role === 'COORDINATOR';
  return (
    <section aria-labelledby="course-files">
      <h2 id="course-files">{t('files.title')}</h2>
      <div className="toolbar">
        <label>
          {t('files.language')}
          <select value={lang} onChange={(e) => setLang(asFileLanguage(e.target.value))}>
            {FILE_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`files.lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <a href={courseFileUrl(courseId, 'calendar.ics', lang)} download>
          {t('files.calendar')}
        </a>
        {booked ? (
          <a href={courseFileUrl(courseId, 'letter.pdf', lang)} download>
            {t('files.letter')}
          </a>
        ) : (
          <span className="muted">{t('files.letterWhenBooked')}</span>
        )}
      </div>
      {staff && patientId && <SubscriptionLink patientId={patientId} lang={lang} />}
    </section>
  );
}

function SubscriptionLink({ patientId, lang }: { patientId: string; lang: FileLanguage }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The token is shown once, right after issuing; the server keeps only its hash.
  const [issuedUrl, setIssuedUrl] = useState<string | null>(null);
  const status = useQuery({ queryKey: ['calendar-link', patientId], queryFn: () => getCalendarLink(patientId) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['calendar-link', patientId] });
  const issue = useMutation({
    mutationFn: () => issueCalendarLink(patientId),
    onSuccess: async (link) => {
      setIssuedUrl(`${link.url}?lang=${lang}`);
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: () => revokeCalendarLink(patientId),
    onSuccess: async () => {
      setIssuedUrl(null);
      await refresh();
    },
  });
  const active = status.data?.active ?? false;
  return (
    <div>
      <h3>{t('files.subscription')}</h3>
      <p className="muted">{t('files.subscriptionHelp')}</p>
      <ErrorMessage error={status.error ?? issue.error ?? revoke.error} />
      <p role="status" data-testid="calendar-link-status">
        {active ? t('files.linkActive', { by: status.data?.issuedBy ?? '' }) : t('files.linkNone')}
      </p>
      {issuedUrl && (
        <label className="issued-link">
          {t('files.linkShownOnce')}
          <input readOnly value={issuedUrl} onFocus={(e) => e.target.select()} />
        </label>
      )}
      <div className="toolbar">
        <button
          type="button"
          disabled={issue.isPending || status.isPending}
          onClick={() => (!active || window.confirm(t('files.reissueConfirm'))) && issue.mutate()}
        >
          {active ? t('files.reissue') : t('files.issue')}
        </button>
        {active && (
          <button type="button" disabled={revoke.isPending} onClick={() => window.confirm(t('files.revokeConfirm')) && revoke.mutate()}>
            {t('files.revoke')}
          </button>
        )}
      </div>
    </div>
  );
}
