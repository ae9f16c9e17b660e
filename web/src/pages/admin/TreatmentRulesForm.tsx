import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateCalendar, type CalendarSettings } from '../../api/control-room';
import { FormField, type FieldErrors } from '../../components/FormField';
import { refusalByField } from './admin-errors';

/** Typed as text so the person's input survives a refusal; the server judges numbers and times. */
const asNumber = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : value);

/**
 * The settings beside the hours that decide who may be booked when: daily QA, the children's hours (rule 9),
 * anesthesia teams and the yearly target. Saved against updatedAt like the hours, refusals in place.
 */
export function TreatmentRulesForm({ calendar, onSaved }: { calendar: CalendarSettings; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    qaMinutes: String(calendar.qaMinutes),
    pediatricFrom: calendar.pediatricHours.from,
    pediatricTo: calendar.pediatricHours.to,
    teams: String(calendar.anesthesia.teams),
    annualCapacity: String(calendar.annualCapacity),
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await updateCalendar({
        qaMinutes: asNumber(form.qaMinutes),
        pediatricHours: { from: form.pediatricFrom, to: form.pediatricTo },
        anesthesia: { teams: asNumber(form.teams) },
        annualCapacity: asNumber(form.annualCapacity),
        updatedAt: calendar.updatedAt,
      } as unknown as Parameters<typeof updateCalendar>[0]);
      setErrors({});
      // Told by the page: the refetched calendar remounts this form (its key is updatedAt).
      onSaved(t('calendar.rulesSaved'));
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
    } catch (error) {
      setErrors(refusalByField(error, 'rules'));
    }
  };
  const general = errors.rules ?? errors.updatedAt ?? errors.pediatricHours;
  const field = (name: string, key: keyof typeof form, label: string, hint?: string) => (
    <FormField name={name} label={label} hint={hint} errors={errors}>
      {(props) => <input {...props} value={form[key]} onChange={(e) => set(key)(e.target.value)} inputMode={key.startsWith('pediatric') ? undefined : 'numeric'} />}
    </FormField>
  );
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="form" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('calendar.rulesTitle')}</h2>
      {general && (
        <p role="alert" className="error">
          {general.join(' ')}
        </p>
      )}
      {field('qaMinutes', 'qaMinutes', t('calendar.qaMinutes'))}
      {field('pediatricHours.from', 'pediatricFrom', t('calendar.pediatricFrom'), t('calendar.pediatricHint'))}
      {field('pediatricHours.to', 'pediatricTo', t('calendar.pediatricTo'))}
      {field('anesthesia.teams', 'teams', t('calendar.anesthesiaTeams'))}
      {field('annualCapacity', 'annualCapacity', t('calendar.annualCapacity'))}
      <button type="submit">{t('calendar.saveRules')}</button>
    </form>
  );
}
