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
  return (
    <>
      <fieldset>
        <legend>{t('patient.contact')}</legend>
        {text('phone', 'phone', t('patient.phone'), 'tel')}
        {text('email', 'email', t('patient.email'), 'email')}
        <FormField name={`${prefix}preferredLanguage`} label={t('patient.preferredLanguage')} errors={errors}>
          {(props) => (
            <select {...props} value={values.preferredLanguage} onChange={(e) => onChange('preferredLanguage', e.target.value)}>
              <option value="">{t('patient.languageDefault')}</option>
              {NOTICE_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`noticeLanguage.${l}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </fieldset>
      <fieldset>
        <legend>{t('patient.guardian')}</legend>
        {text('guardianName', 'guardian.name', t('patient.guardianName'), 'text')}
        <FormField name={`${prefix}guardian.relation`} label={t('patient.guardianRelation')} errors={errors}>
          {(props) => (
            <select {...props} value={values.guardianRelation} onChange={(e) => onChange('guardianRelation', e.target.value)}>
              <option value="">{t('patient.none')}</option>
              {GUARDIAN_RELATIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`guardianRelation.${r}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {text('guardianPhone', 'guardian.phone', t('patient.guardianPhone'), 'tel')}
        {text('guardianEmail', 'guardian.email', t('patient.guardianEmail'), 'email')}
      </fieldset>
    </>
  );
}
