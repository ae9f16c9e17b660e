import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  changeDowntime,
  declareDowntime,
  listDowntimes,
  listRooms,
  previewDowntime,
  previewDowntimeChange,
  previewWithdrawal,
  withdrawDowntime,
  type ChangePreview,
  type CreateDowntime,
  type Downtime,
  type ReschedulePreview,
} from '../../api/control-room';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FormField, type FieldErrors } from '../../components/FormField';
import { ApiError } from '../../api/client';
import { localDateTime } from '../../i18n/format';
import { useCenterZone } from '../BoardPage';
import { DowntimePreview } from './DowntimePreview';
import { centerInstant, toLocalInput } from './zone-time';
import './control-room.css';

const WHOLE_LINE = '';

type Pending =
  | { kind: 'declare'; body: CreateDowntime; preview: ReschedulePreview }
  | { kind: 'change'; downtime: Downtime; body: { start: string; end: string }; preview: ChangePreview }
  | { kind: 'withdraw'; downtime: Downtime; preview: ChangePreview };

function fieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (error instanceof ApiError) for (const e of error.problem.errors ?? []) out[e.field] = e.messages;
  return out;
}

/**
 * /admin/downtimes: the list; declaring, changing or withdrawing a downtime always shows first what it would
 * do (the server's dry run, by the same code as the real job), and is done only on confirmation.
 */
export function DowntimesPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const zone = useCenterZone();
  const rooms = useQuery({ queryKey: ['rooms'], queryFn: listRooms });
  const downtimes = useQuery({ queryKey: ['downtimes'], queryFn: listDowntimes, refetchInterval: 10_000 });
  const [form, setForm] = useState({ roomId: WHOLE_LINE, start: '', end: '', kind: 'PLANNED', reason: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [editing, setEditing] = useState<{ downtime: Downtime; start: string; end: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tz = zone.data ?? 'UTC';
  const roomName = (roomId: unknown) => (typeof roomId === 'string' ? (rooms.data?.find((r) => r.id === roomId)?.name ?? roomId) : t('downtimes.wholeLine'));
  const at = (instant: string) => localDateTime(i18n.language, instant, tz);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setErrors(fieldErrors(e));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const preview = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      roomId: form.roomId === WHOLE_LINE ? null : form.roomId,
      start: centerInstant(tz, form.start),
      end: centerInstant(tz, form.end),
      kind: form.kind,
      ...(form.reason ? { reason: form.reason } : {}),
    } as CreateDowntime;
    void run(async () => {
      setPending({ kind: 'declare', body, preview: await previewDowntime(body) });
      setErrors({});
    });
  };
  const previewChange = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const body = { start: centerInstant(tz, editing.start), end: centerInstant(tz, editing.end) };
    void run(async () => setPending({ kind: 'change', downtime: editing.downtime, body, preview: await previewDowntimeChange(editing.downtime.id, body) }));
  };
  const previewWithdraw = (downtime: Downtime) => void run(async () => setPending({ kind: 'withdraw', downtime, preview: await previewWithdrawal(downtime.id) }));

  const confirm = () =>
    void run(async () => {
      if (!pending) return;
      if (pending.kind === 'declare') await declareDowntime(pending.body);
      if (pending.kind === 'change') await changeDowntime(pending.downtime.id, pending.body);
      if (pending.kind === 'withdraw') await withdrawDowntime(pending.downtime.id);
      setNotice(t(`downtimes.done.${pending.kind}`));
      setPending(null);
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: ['downtimes'] });
    });

  return (
    <>
      <h1>{t('downtimes.title')}</h1>
      <ErrorMessage error={zone.error ?? rooms.error ?? downtimes.error ?? error} />
      {notice && <p role="status">{notice}</p>}
      {pending && (
        <section aria-labelledby="downtime-preview-title" className="preview">
          <h2 id="downtime-preview-title">{t(`downtimes.previewTitle.${pending.kind}`)}</h2>
          <DowntimePreview
            reschedule={pending.kind === 'declare' ? pending.preview : pending.preview.reschedule}
            opened={pending.kind === 'declare' ? null : pending.preview.opened}
            zone={tz}
          />
          <button type="button" onClick={confirm} disabled={busy}>
            {t(`downtimes.confirm.${pending.kind}`)}
          </button>{' '}
          <button type="button" onClick={() => setPending(null)} disabled={busy}>
            {t('downtimes.back')}
          </button>
        </section>
      )}
      <h2>{t('downtimes.listTitle')}</h2>
      {downtimes.data && downtimes.data.length === 0 && <p>{t('downtimes.none')}</p>}
      {downtimes.data && downtimes.data.length > 0 && (
        <table className="list">
          <caption>{t('downtimes.caption', { n: downtimes.data.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('course.room')}</th>
              <th scope="col">{t('downtimes.start')}</th>
              <th scope="col">{t('downtimes.end')}</th>
              <th scope="col">{t('downtimes.kind')}</th>
              <th scope="col">{t('course.reason')}</th>
              <th scope="col">{t('downtimes.reschedule')}</th>
              <th scope="col">{t('course.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {downtimes.data.map((d) => (
              <tr key={d.id} data-testid={`downtime-${d.id}`}>
                <th scope="row">{roomName(d.roomId)}</th>
                <td>{at(d.start)}</td>
                <td>{at(d.end)}</td>
                <td>{t(`downtimes.kind.${d.kind}`)}</td>
                <td>{d.reason}</td>
                <td>{t(`downtimes.status.${d.rescheduleStatus}`)}</td>
                <td>
                  <button type="button" onClick={() => setEditing({ downtime: d, start: toLocalInput(tz, d.start), end: toLocalInput(tz, d.end) })} aria-label={t('downtimes.changeLabel', { room: roomName(d.roomId), start: at(d.start) })}>
                    {t('downtimes.change')}
                  </button>{' '}
                  <button type="button" onClick={() => previewWithdraw(d)} disabled={busy} aria-label={t('downtimes.withdrawLabel', { room: roomName(d.roomId), start: at(d.start) })}>
                    {t('downtimes.withdraw')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <form onSubmit={previewChange} className="form" aria-labelledby="downtime-change-title">
          <h2 id="downtime-change-title">{t('downtimes.changeTitle', { room: roomName(editing.downtime.roomId) })}</h2>
          <FormField name="change.start" label={t('downtimes.start')} errors={{}}>
            {(props) => <input {...props} type="datetime-local" value={editing.start} onChange={(e) => setEditing({ ...editing, start: e.target.value })} />}
          </FormField>
          <FormField name="change.end" label={t('downtimes.end')} errors={{}}>
            {(props) => <input {...props} type="datetime-local" value={editing.end} onChange={(e) => setEditing({ ...editing, end: e.target.value })} />}
          </FormField>
          <button type="submit" disabled={busy}>
            {t('downtimes.preview')}
          </button>{' '}
          <button type="button" onClick={() => setEditing(null)}>
            {t('downtimes.back')}
          </button>
        </form>
      )}
      <form onSubmit={preview} noValidate className="form" aria-labelledby="downtime-declare-title">
        <h2 id="downtime-declare-title">{t('downtimes.declareTitle')}</h2>
        <FormField name="roomId" label={t('course.room')} errors={errors}>
          {(props) => (
            <select {...props} value={form.roomId} onChange={(e) => setForm({ ...form, roomId: e.target.value })}>
              <option value={WHOLE_LINE}>{t('downtimes.wholeLine')}</option>
              {(rooms.data ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="start" label={t('downtimes.start')} hint={t('downtimes.centerTime', { zone: tz })} errors={errors}>
          {(props) => <input {...props} type="datetime-local" value={form.start} onChange={(e) => setForm({ ...form, start: e.target.value })} />}
        </FormField>
        <FormField name="end" label={t('downtimes.end')} errors={errors}>
          {(props) => <input {...props} type="datetime-local" value={form.end} onChange={(e) => setForm({ ...form, end: e.target.value })} />}
        </FormField>
        <FormField name="kind" label={t('downtimes.kind')} errors={errors}>
          {(props) => (
            <select {...props} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              <option value="PLANNED">{t('downtimes.kind.PLANNED')}</option>
              <option value="UNPLANNED">{t('downtimes.kind.UNPLANNED')}</option>
            </select>
          )}
        </FormField>
        <FormField name="reason" label={t('course.reason')} errors={errors}>
          {(props) => <input {...props} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />}
        </FormField>
        <button type="submit" disabled={busy}>
          {t('downtimes.preview')}
        </button>
      </form>
    </>
  );
}
