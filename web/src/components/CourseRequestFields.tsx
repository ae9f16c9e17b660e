import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { DIAGNOSIS_GROUPS } from '../api/types';
import { FormField, type FieldErrors } from './FormField';

/** What the person typed, as typed: numbers and dates stay strings until the body is built. */
export type CourseRequestDraft = Record<string, string | boolean>;

export const EMPTY_COURSE_REQUEST: CourseRequestDraft = {
  diagnosisGroup: 'CNS',
  urgency: 'ROUTINE',
  fractions: '25',
  fractionsPerWeek: '5',
  requiresAnesthesia: false,
  earliestStart: '',
  dueStart: '',
};

/** A number field typed as text keeps what the person typed; the server says whether it is a number. */
const asNumber = (value: string | boolean) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);

/** The course request as the API takes it; `toIso` turns a typed date into the ISO date the API expects. */
export function courseRequestBody(c: CourseRequestDraft, toIso: (typed: string) => string = (d) => d): Record<string, unknown> {
  const body: Record<string, unknown> = {
    diagnosisGroup: c.diagnosisGroup,
    urgency: c.urgency,
    fractions: asNumber(c.fractions),
    fractionsPerWeek: asNumber(c.fractionsPerWeek),
    requiresAnesthesia: c.requiresAnesthesia === true,
    earliestStart: toIso(String(c.earliestStart)),
  };
  if (c.dueStart) body.dueStart = toIso(String(c.dueStart));
  return body;
}

/** A draft saved before a form grew new fields gets them, empty, one level down too (the patient's contact fields). */
function withNewFields<T extends object>(empty: T, saved: T): T {
  const out = { ...empty, ...saved } as Record<string, unknown>;
  for (const [key, value] of Object.entries(empty)) {
    const kept = (saved as Record<string, unknown>)[key];
    if (value && typeof value === 'object' && kept && typeof kept === 'object') out[key] = { ...value, ...kept };
  }
  return out as T;
}

/**
 * A form's draft kept in sessionStorage, so what was typed survives a failed try, a lost connection, a reload
 * and an expired session.
 */
export function useSessionDraft<T extends object>(key: string, empty: T): [T, Dispatch<SetStateAction<T>>, () => void] {
  const [draft, setDraft] = useState<T>(() => {
    try {
      const raw = sessionStorage.getItem(key);
      return raw ? withNewFields(empty, JSON.parse(raw) as T) : empty;
    } catch {
      return empty;
    }
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(key, JSON.stringify(draft));
    } catch {
      // storage full or off: the form still works, it just does not survive a reload
    }
  }, [key, draft]);
  return [draft, setDraft, () => sessionStorage.removeItem(key)];
}

/**
 * The prescription part of the coordinator's new-course form and of the ministry's referral form. Dates are
 * date pickers (ISO) for the center, or typed as the region writes them (03.02.2016) with a hint for a ministry.
 */
export function CourseRequestFields({
  course,
  onChange,
  errors,
  urgencies,
  dateHint,
}: {
  course: CourseRequestDraft;
  onChange: (key: string, value: string | boolean) => void;
  errors: FieldErrors;
  urgencies: readonly string[];
  /** Set for typed regional dates; absent for the browser's date picker. */
  dateHint?: string;
}) {
  const { t } = useTranslation();
  const dateInput = (key: string) => (props: object) =>
    dateHint ? (
      <input {...props} inputMode="numeric" value={String(course[key])} onChange={(e) => onChange(key, e.target.value)} autoComplete="off" />
    ) : (
      <input {...props} type="date" value={String(course[key])} onChange={(e) => onChange(key, e.target.value)} />
    );
  return (
    <fieldset>
      <legend>{t('course.prescription')}</legend>
      <FormField name="course.diagnosisGroup" label={t('course.diagnosisGroup')} errors={errors}>
        {(props) => (
          <select {...props} value={String(course.diagnosisGroup)} onChange={(e) => onChange('diagnosisGroup', e.target.value)}>
            {DIAGNOSIS_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`diagnosis.${g}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField name="course.urgency" label={t('course.urgency')} errors={errors}>
        {(props) => (
          <select {...props} value={String(course.urgency)} onChange={(e) => onChange('urgency', e.target.value)}>
            {urgencies.map((u) => (
              <option key={u} value={u}>
                {t(`urgency.${u}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField name="course.fractions" label={t('course.fractions')} errors={errors}>
        {(props) => <input {...props} inputMode="numeric" value={String(course.fractions)} onChange={(e) => onChange('fractions', e.target.value)} />}
      </FormField>
      <FormField name="course.fractionsPerWeek" label={t('course.fractionsPerWeek')} errors={errors}>
        {(props) => <input {...props} inputMode="numeric" value={String(course.fractionsPerWeek)} onChange={(e) => onChange('fractionsPerWeek', e.target.value)} />}
      </FormField>
      <FormField name="course.earliestStart" label={t('course.earliestStart')} hint={dateHint} errors={errors}>
        {dateInput('earliestStart')}
      </FormField>
      <FormField name="course.dueStart" label={t('course.dueStartOptional')} hint={dateHint} errors={errors}>
        {dateInput('dueStart')}
      </FormField>
      <FormField name="course.requiresAnesthesia" label={t('course.requiresAnesthesia')} errors={errors} inline>
        {(props) => <input {...props} type="checkbox" checked={course.requiresAnesthesia === true} onChange={(e) => onChange('requiresAnesthesia', e.target.checked)} />}
      </FormField>
    </fieldset>
  );
}
