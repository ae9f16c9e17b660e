import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createClosure, getCalendar, listClosures, removeClosure, type CreateClosure } from '../../api/control-room';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormField, type FieldErrors } from '../../components/FormField';
import { formatDate, todayIn } from '../../i18n/format';
import { refusalByField } from './admin-errors';
import { HoursForm } from './HoursForm';
import { TreatmentRulesForm } from './TreatmentRulesForm';
import './control-room.css';

/** /admin/calendar: opening hours, treatment rules (QA, children's hours, anesthesia teams), holidays and closures of the year; a closure added or removed, refusals in place. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const calendar = useQuery({ queryKey: ['calendar'], queryFn: getCalendar });
  const year = Number(todayIn(calendar.data?.timeZone ?? 'UTC').slice(0, 4));
  const closures = useQuery({ queryKey: ['closures', year], queryFn: () => listClosures(year), enabled: calendar.data !== undefined });
  const [form, setForm] = useState({ date: '', kind: 'CLOSURE', reason: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    try {
      await createClosure({ date: form.date, kind: form.kind, ...(form.reason ? { reason: form.reason } : {}) } as CreateClosure);
      setErrors({});
      setForm({ date: '', kind: 'CLOSURE', reason: '' });
      setNotice(t('calendar.added'));
      await queryClient.invalidateQueries({ queryKey: ['closures'] });
    } catch (error) {
      setErrors(refusalByField(error, 'date'));
    }
  };
  const remove = async (closureId: string) => {
    setNotice(null);
    setRemoveError(null);
    try {
      await removeClosure(closureId);
      setNotice(t('calendar.removed'));
      await queryClient.invalidateQueries({ queryKey: ['closures'] });
    } catch (error) {
      setRemoveError(error);
    }
  };

  return (
    <>
      <h1>{t('calendar.title')}</h1>
      <ErrorMessage error={calendar.error ?? closures.error ?? removeError} />
      {notice && <p role="status">{notice}</p>}
      {calendar.data && <HoursForm key={calendar.data.updatedAt} calendar={calendar.data} onSaved={setNotice} />}
      {calendar.data && <TreatmentRulesForm key={`rules-${calendar.data.updatedAt}`} calendar={calendar.data} onSaved={setNotice} />}
      {closures.data && (
        <table className="list">
          <caption>{t('calendar.closuresCaption', { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('calendar.date')}</th>
              <th scope="col">{t('calendar.kind')}</th>
              <th scope="col">{t('course.reason')}</th>
              <th scope="col">{t('course.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {closures.data.map((c) => (
              <tr key={c.id}>
                <th scope="row">{formatDate(i18n.language, c.date)}</th>
                <td>{t(`calendar.kind.${c.kind}`)}</td>
                <td>{c.reason}</td>
                <td>
                  <button type="button" onClick={() => void remove(c.id)} aria-label={t('calendar.removeLabel', { date: formatDate(i18n.language, c.date) })}>
                    {t('calendar.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={(e) => void add(e)} noValidate className="form" aria-labelledby="closure-add-title">
        <h2 id="closure-add-title">{t('calendar.addTitle')}</h2>
        <FormField name="date" label={t('calendar.date')} errors={errors}>
          {(props) => <input {...props} type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />}
        </FormField>
        <FormField name="kind" label={t('calendar.kind')} errors={errors}>
          {(props) => (
            <select {...props} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              <option value="CLOSURE">{t('calendar.kind.CLOSURE')}</option>
              <option value="WORKING_DAY">{t('calendar.kind.WORKING_DAY')}</option>
            </select>
          )}
        </FormField>
        <FormField name="reason" label={t('course.reason')} errors={errors}>
          {(props) => <input {...props} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />}
        </FormField>
        <button type="submit">{t('calendar.add')}</button>
      </form>
    </>
  );
}
