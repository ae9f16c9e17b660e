import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { createReferral, listQuotas, type CreateReferral } from '../../api/portal';
import { SEXES } from '../../api/types';
import { CourseRequestFields, courseRequestBody, EMPTY_COURSE_REQUEST, useSessionDraft, type CourseRequestDraft } from '../../components/CourseRequestFields';
import { useErrorText } from '../../components/ErrorMessage';
import { FormField, type FieldErrors } from '../../components/FormField';
import { regionalDateToIso } from './time';
import './portal.css';

const DRAFT_KEY = 'beamtime.referralDraft';
/** A ministry refers ROUTINE or URGENT courses; an emergency start is the center's decision. */
const MINISTRY_URGENCIES = ['ROUTINE', 'URGENT'] as const;

interface Draft {
  quotaId: string;
  patient: Record<string, string>;
  course: CourseRequestDraft;
}

const EMPTY: Draft = {
  quotaId: '',
  patient: { firstName: '', lastName: '', birthDate: '', sex: 'female' },
  course: { ...EMPTY_COURSE_REQUEST, diagnosisGroup: 'ONCOHEMATOLOGY' },
};

function referralBody(draft: Draft): CreateReferral {
  const p = draft.patient;
  const course = courseRequestBody(draft.course, regionalDateToIso);
  return {
    quotaId: draft.quotaId,
    patient: { firstName: p.firstName, lastName: p.lastName, birthDate: regionalDateToIso(p.birthDate), sex: p.sex },
    course,
  } as unknown as CreateReferral;
}

/** Every field the server named: format errors (400 `errors`), several rule defects (422 `errors`) or one (its `field`). */
function fieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.problem.errors ?? []) out[e.field] = [...(out[e.field] ?? []), ...e.messages];
  const field = error.problem.field;
  if (typeof field === 'string' && !out[field]) out[field] = [error.problem.detail ?? error.problem.title ?? ''];
  return out;
}

/**
 * /ministry/refer: patient, course request and quota in one form; the server holds and uses a place in one
 * transaction. Dates are typed as the region writes them (03.02.2016) and sent as ISO. Every refused field
 * is marked at once and nothing typed is lost (not on a refusal, a lost connection or a reload).
 */
export function ReferChildPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const quotas = useQuery({ queryKey: ['quotas'], queryFn: listQuotas });
  const [draft, setDraft, forgetDraft] = useSessionDraft<Draft>(DRAFT_KEY, EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = (quotas.data ?? []).filter((q) => q.available > 0);

  // The first quota with a place, until the person picks one.
  const quotaId = draft.quotaId && open.some((q) => q.id === draft.quotaId) ? draft.quotaId : (open[0]?.id ?? '');

  const setPatient = (key: string, value: string) => setDraft((d) => ({ ...d, patient: { ...d.patient, [key]: value } }));
  const setCourse = (key: string, value: string | boolean) => setDraft((d) => ({ ...d, course: { ...d.course, [key]: value } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const referral = await createReferral(referralBody({ ...draft, quotaId }));
      setErrors({});
      forgetDraft();
      await queryClient.invalidateQueries({ queryKey: ['quotas'] });
      await queryClient.invalidateQueries({ queryKey: ['referrals'] });
      navigate(`/ministry/referrals/${referral.id}`);
    } catch (error) {
      const found = fieldErrors(error);
      setErrors(found);
      setMessage(Object.keys(found).length > 0 ? t('portal.refer.fixErrors') : errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const p = draft.patient;
  const dateHint = t('portal.refer.dateHint');
  return (
    <>
      <h1>{t('portal.refer.title')}</h1>
      <p>{t('portal.refer.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        {message && (
          <p role="alert" className="error">
            {message}
          </p>
        )}
        <FormField name="quotaId" label={t('portal.refer.quota')} errors={errors}>
          {(props) => (
            <select {...props} value={quotaId} onChange={(e) => setDraft((d) => ({ ...d, quotaId: e.target.value }))}>
              {open.length === 0 && <option value="">{t('portal.refer.noQuota')}</option>}
              {open.map((q) => (
                <option key={q.id} value={q.id}>
                  {t('portal.refer.quotaOption', { year: q.year, category: q.category, available: q.available })}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <fieldset>
          <legend>{t('course.patient')}</legend>
          <FormField name="patient.firstName" label={t('patient.firstName')} errors={errors}>
            {(props) => <input {...props} value={p.firstName} onChange={(e) => setPatient('firstName', e.target.value)} autoComplete="off" />}
          </FormField>
          <FormField name="patient.lastName" label={t('patient.lastName')} errors={errors}>
            {(props) => <input {...props} value={p.lastName} onChange={(e) => setPatient('lastName', e.target.value)} autoComplete="off" />}
          </FormField>
          <FormField name="patient.birthDate" label={t('patient.birthDate')} hint={dateHint} errors={errors}>
            {(props) => <input {...props} inputMode="numeric" value={p.birthDate} onChange={(e) => setPatient('birthDate', e.target.value)} autoComplete="off" />}
          </FormField>
          <FormField name="patient.sex" label={t('patient.sex')} errors={errors}>
            {(props) => (
              <select {...props} value={p.sex} onChange={(e) => setPatient('sex', e.target.value)}>
                {SEXES.map((s) => (
                  <option key={s} value={s}>
                    {t(`sex.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </fieldset>
        <CourseRequestFields course={draft.course} onChange={setCourse} errors={errors} urgencies={MINISTRY_URGENCIES} dateHint={dateHint} />
        <button type="submit" disabled={busy}>
          {t('portal.refer.submit')}
        </button>
      </form>
    </>
  );
}
