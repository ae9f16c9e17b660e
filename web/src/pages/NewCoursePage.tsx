import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { createCourse, createPatient, submitCourse } from '../api/endpoints';
import { SEXES, URGENCIES, type CreateCourse, type CreatePatient } from '../api/types';
import { ContactFields, contactBody, EMPTY_CONTACT, type ContactDraft } from '../components/ContactFields';
import { CourseRequestFields, courseRequestBody, EMPTY_COURSE_REQUEST, useSessionDraft, type CourseRequestDraft } from '../components/CourseRequestFields';
import { useErrorText } from '../components/ErrorMessage';
import { FieldErrors, FormField } from '../components/FormField';

const DRAFT_KEY = 'beamtime.newCourseDraft';
/** A UUID no patient has: lets the server validate the course fields while the patient's are still wrong. */
const NO_PATIENT = '00000000-0000-4000-8000-000000000000';

interface Draft {
  patient: Record<string, string>;
  course: CourseRequestDraft;
  /** Set once the patient is saved, so a second try does not create them again. */
  patientId?: string;
}

const EMPTY: Draft = {
  patient: {
    firstName: '',
    lastName: '',
    birthDate: '',
    sex: 'female',
    countryCode: 'KZ',
    mrn: '',
    ...EMPTY_CONTACT,
  },
  course: EMPTY_COURSE_REQUEST,
};


function fieldErrors(error: unknown, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  if (error instanceof ApiError) for (const e of error.problem.errors ?? []) out[`${prefix}.${e.field}`] = e.messages;
  return out;
}

/** The contact fields of the patient's draft (kept flat beside the others, as drafts in session storage already are). */
const contactOf = (p: Record<string, string>): ContactDraft => Object.fromEntries(Object.keys(EMPTY_CONTACT).map((k) => [k, p[k] ?? ''])) as unknown as ContactDraft;

function patientBody(draft: Draft): CreatePatient {
  const p = draft.patient;
  const optional = (value: string | undefined) => (value ? value.trim() : undefined);
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    birthDate: p.birthDate,
    sex: p.sex,
    countryCode: p.countryCode,
    mrn: optional(p.mrn),
    ...contactBody(contactOf(p), undefined),
  } as CreatePatient;
}

function courseBody(draft: Draft, patientId: string): CreateCourse {
  return { patientId, ...courseRequestBody(draft.course) } as unknown as CreateCourse;
}

/**
 * One form for a new patient and their course. Every field the server refuses is marked at once: when
 * the patient is refused, the course is validated too (against a patient that cannot exist, so nothing
 * is written). What was typed survives a failed try, a lost connection and an expired session.
 */
export function NewCoursePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [draft, setDraft, forgetDraft] = useSessionDraft<Draft>(DRAFT_KEY, EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setPatient = (key: string, value: string) => setDraft((d) => ({ ...d, patient: { ...d.patient, [key]: value }, patientId: undefined }));
  const setCourse = (key: string, value: string | boolean) => setDraft((d) => ({ ...d, course: { ...d.course, [key]: value } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      let patientId = draft.patientId;
      if (!patientId) {
        try {
          patientId = (await createPatient(patientBody(draft))).id;
          setDraft((d) => ({ ...d, patientId }));
        } catch (error) {
          const found = fieldErrors(error, 'patient');
          if (Object.keys(found).length === 0) throw error;
          const probe = await createCourse(courseBody(draft, NO_PATIENT)).catch((e: unknown) => e);
          setErrors({ ...found, ...fieldErrors(probe, 'course') });
          setMessage(t('newCourse.fixErrors'));
          return;
        }
      }
      let courseId: string;
      try {
        courseId = (await createCourse(courseBody(draft, patientId))).id;
      } catch (error) {
        const found = fieldErrors(error, 'course');
        if (Object.keys(found).length === 0) throw error;
        setErrors(found);
        setMessage(t('newCourse.patientKept'));
        return;
      }
      setErrors({});
      await submitCourse(courseId);
      forgetDraft();
      await queryClient.invalidateQueries({ queryKey: ['courses'] });
      navigate(`/courses/${courseId}`);
    } catch (error) {
      setMessage(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const p = draft.patient;
  return (
    <>
      <h1>{t('newCourse.title')}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        {message && (
          <p role="alert" className="error">
            {message}
          </p>
        )}
        <fieldset>
          <legend>{t('course.patient')}</legend>
          <FormField name="patient.firstName" label={t('patient.firstName')} errors={errors}>
            {(props) => <input {...props} value={p.firstName} onChange={(e) => setPatient('firstName', e.target.value)} autoComplete="off" />}
          </FormField>
          <FormField name="patient.lastName" label={t('patient.lastName')} errors={errors}>
            {(props) => <input {...props} value={p.lastName} onChange={(e) => setPatient('lastName', e.target.value)} autoComplete="off" />}
          </FormField>
          <FormField name="patient.birthDate" label={t('patient.birthDate')} errors={errors}>
            {(props) => <input {...props} type="date" value={p.birthDate} onChange={(e) => setPatient('birthDate', e.target.value)} />}
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
          <FormField name="patient.countryCode" label={t('patient.countryCode')} errors={errors}>
            {(props) => <input {...props} value={p.countryCode} onChange={(e) => setPatient('countryCode', e.target.value)} maxLength={2} />}
          </FormField>
          <FormField name="patient.mrn" label={t('patient.mrn')} errors={errors}>
            {(props) => <input {...props} value={p.mrn} onChange={(e) => setPatient('mrn', e.target.value)} autoComplete="off" />}
          </FormField>
        </fieldset>
        <ContactFields values={contactOf(p)} onChange={setPatient} errors={errors} prefix="patient." />
        <CourseRequestFields course={draft.course} onChange={setCourse} errors={errors} urgencies={URGENCIES} />
        <button type="submit" disabled={busy}>
          {t('newCourse.submit')}
        </button>
      </form>
    </>
  );
}
