import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateCalendar, type CalendarSettings } from '../../api/control-room';
import { FormField, type FieldErrors } from '../../components/FormField';
import { refusalByField } from './admin-errors';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof WEEKDAYS)[number];
type Intervals = string[][] | null;

/** [["07:00","22:00"]] → "07:00-22:00"; closed → "". */
const asText = (intervals: Intervals | undefined) => (intervals ?? []).map(([a, b]) => `${a}-${b}`).join(', ');
/** "07:00-12:00, 13:00-22:00" → intervals; "" → closed; anything unreadable is sent as typed for the server to refuse. */
function parse(text: string): Intervals {
  const value = text.trim();
  if (!value) return null;
  return value.split(',').map((part) => part.split(/[-–]/).map((x) => x.trim()));
}

/** Opening hours per weekday as a form; saved against the calendar's updatedAt, so a concurrent change is a 409 in place. */
export function HoursForm({ calendar, onSaved }: { calendar: CalendarSettings; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const hours = calendar.hours as unknown as Record<Weekday, Intervals>;
  const [text, setText] = useState<Record<Weekday, string>>(() => Object.fromEntries(WEEKDAYS.map((d) => [d, asText(hours[d])])) as Record<Weekday, string>);
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const next = Object.fromEntries(WEEKDAYS.map((d) => [d, parse(text[d])]));
      await updateCalendar({ hours: next, updatedAt: calendar.updatedAt } as unknown as Parameters<typeof updateCalendar>[0]);
      setErrors({});
      // Told by the page: the refetched calendar remounts this form (its key is updatedAt).
      onSaved(t('calendar.hoursSaved'));
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
    } catch (error) {
      setErrors(refusalByField(error, 'hours'));
    }
  };
  const general = errors.hours ?? errors.updatedAt;
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="form" aria-labelledby="hours-title">
      <h2 id="hours-title">{t('calendar.hoursCaption', { zone: calendar.timeZone })}</h2>
      {general && (
        <p role="alert" className="error">
          {general.join(' ')}
        </p>
      )}
      {WEEKDAYS.map((d) => (
        <FormField key={d} name={`hours.${d}`} label={t(`calendar.day.${d}`)} hint={d === 'mon' ? t('calendar.hoursHint') : undefined} errors={errors}>
          {(props) => <input {...props} value={text[d]} onChange={(e) => setText({ ...text, [d]: e.target.value })} />}
        </FormField>
      ))}
      <button type="submit">{t('calendar.saveHours')}</button>
    </form>
  );
}
