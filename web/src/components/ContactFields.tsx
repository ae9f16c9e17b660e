import { useTranslation } from 'react-i18next';
import { GUARDIAN_RELATIONS, NOTICE_LANGUAGES } from '../api/types';
import { FieldErrors, FormField } from './FormField';

/** A patient's contact for notices as typed: every field a string, '' for nothing. */
export interface ContactDraft {
  phone: string;
  email: string;
  preferredLanguage: string;
  guardianName: string;
  guardianRelation: string;
  guardianPhone: string;
  guardianEmail: string;
}
export type ContactKey = keyof ContactDraft;

export const EMPTY_CONTACT: ContactDraft = { phone: '', email: '', preferredLanguage: '', guardianName: '', guardianRelation: '', guardianPhone: '', guardianEmail: '' };

/**
 * The API's contact fields from a draft. `empty` is what a blank field becomes: undefined when creating
 * (not sent), null when changing (clears it). A guardian is sent as soon as one of its fields is typed,
 * so the server names the missing ones; all blank is no guardian.
 */
export function contactBody<E extends undefined | null>(d: ContactDraft, empty: E) {
  const value = (text: string) => (text.trim() ? text.trim() : empty);
  const optional = (text: string) => (text.trim() ? text.trim() : undefined);
  const hasGuardian = [d.guardianName, d.guardianRelation, d.guardianPhone, d.guardianEmail].some((v) => v.trim());
  return {
    phone: value(d.phone),
    email: value(d.email),
    preferredLanguage: value(d.preferredLanguage),
    guardian: hasGuardian ? { name: d.guardianName, relation: d.guardianRelation, phone: optional(d.guardianPhone), email: optional(d.guardianEmail) } : empty,
  };
}

/**
 * The contact and guardian fieldsets of the new-patient form and the patient page. `prefix` is where the
 * server's field names sit in the refusal ('patient.' inside a new course, '' for the contact alone).
 */
export function ContactFields({ values, onChange, errors, prefix }: { values: ContactDraft; onChange: (key: ContactKey, value: string) => void; errors: FieldErrors; prefix: string }) {
  const { t } = useTranslation();
  const text = (key: ContactKey, name: string, label: string, type: 'tel' | 'email' | 'text') => (
    <FormField name={`${prefix}${name}`} label={label} errors={errors}>
      {(props) => <input {...props} type={type} value={values[key]} onChange={(e) => onChange(key, e.target.value)} autoComplete="off" />}
    </FormField>
  );
  const choice = (key: ContactKey, name: string, label: string, none: string, options: readonly string[], optionLabel: (o: string) => string) => (
    <FormField name={`${prefix}${name}`} label={label} errors={errors}>
      {(props) => (
        <select {...props} value={values[key]} onChange={(e) => onChange(key, e.target.value)}>
          <option value="">{none}</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {optionLabel(o)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
  return (
    <>
      <fieldset>
        <legend>{t('patient.contact')}</legend>
        {text('phone', 'phone', t('patient.phone'), 'tel')}
        {text('email', 'email', t('patient.email'), 'email')}
        {choice('preferredLanguage', 'preferredLanguage', t('patient.preferredLanguage'), t('patient.languageDefault'), NOTICE_LANGUAGES, (l) => t(`noticeLanguage.${l}`))}
      </fieldset>
      <fieldset>
        <legend>{t('patient.guardian')}</legend>
        {text('guardianName', 'guardian.name', t('patient.guardianName'), 'text')}
        {choice('guardianRelation', 'guardian.relation', t('patient.guardianRelation'), t('patient.none'), GUARDIAN_RELATIONS, (r) => t(`guardianRelation.${r}`))}
        {text('guardianPhone', 'guardian.phone', t('patient.guardianPhone'), 'tel')}
        {text('guardianEmail', 'guardian.email', t('patient.guardianEmail'), 'email')}
      </fieldset>
    </>
  );
}
