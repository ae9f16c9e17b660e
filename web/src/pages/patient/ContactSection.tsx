import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updatePatientContact, type PatientContact } from '../../api/notifications';
import type { Patient } from '../../api/types';
import { ContactFields, contactBody, type ContactDraft, type ContactKey } from '../../components/ContactFields';
import type { FieldErrors } from '../../components/FormField';
import { refusalByField } from '../admin/admin-errors';

const draftOf = (p: Patient): ContactDraft => ({
  phone: p.phone ?? '',
  email: p.email ?? '',
  preferredLanguage: p.preferredLanguage ?? '',
  guardianName: p.guardian?.name ?? '',
  guardianRelation: p.guardian?.relation ?? '',
  guardianPhone: p.guardian?.phone ?? '',
  guardianEmail: p.guardian?.email ?? '',
});

/** Where the patient's notices go, and (staff) the form to change it: a blank field clears it, refusals stand by their fields. */
export function ContactSection({ patient, canEdit }: { patient: Patient; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const none = t('patient.none');
  const g = patient.guardian;
  return (
    <section aria-labelledby="patient-contact">
      <h2 id="patient-contact">{t('patient.contact')}</h2>
      <dl className="facts" data-testid="patient-contact">
        <dt>{t('patient.phone')}</dt>
        <dd>{patient.phone ?? none}</dd>
        <dt>{t('patient.email')}</dt>
        <dd>{patient.email ?? none}</dd>
        <dt>{t('patient.preferredLanguage')}</dt>
        <dd>{patient.preferredLanguage ? t(`noticeLanguage.${patient.preferredLanguage}`) : t('patient.languageDefault')}</dd>
        <dt>{t('patient.guardian')}</dt>
        <dd>{g ? [`${g.name} (${t(`guardianRelation.${g.relation}`)})`, g.phone, g.email].filter(Boolean).join(', ') : none}</dd>
      </dl>
      {saved && !editing && (
        <p role="status">
          {t('patient.contactSaved')}
        </p>
      )}
      {canEdit && !editing && (
        <button
          type="button"
          onClick={() => {
            setSaved(false);
            setEditing(true);
          }}
        >
          {t('patient.changeContact')}
        </button>
      )}
      {editing && (
        <ContactForm
          patient={patient}
          onDone={(done) => {
            setSaved(done);
            setEditing(false);
          }}
        />
      )}
    </section>
  );
}

function ContactForm({ patient, onDone }: { patient: Patient; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ContactDraft>(() => draftOf(patient));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (key: ContactKey, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const updated = await updatePatientContact(patient.id, contactBody(draft, null) as PatientContact);
      queryClient.setQueryData(['patient', patient.id], updated);
      onDone(true);
    } catch (error) {
      setErrors(refusalByField(error, 'contact'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="form" aria-label={t('patient.changeContact')}>
      {errors.contact && (
        <p role="alert" className="error">
          {errors.contact.join(' ')}
        </p>
      )}
      {Object.keys(errors).length > 0 && !errors.contact && (
        <p role="alert" className="error">
          {t('newCourse.fixErrors')}
        </p>
      )}
      <ContactFields values={draft} onChange={set} errors={errors} prefix="" />
      <p className="hint">{t('patient.clearHint')}</p>
      <button type="submit" disabled={busy}>
        {t('patient.saveContact')}
      </button>{' '}
      <button type="button" onClick={() => onDone(false)}>
        {t('patient.cancelEdit')}
      </button>
    </form>
  );
}
