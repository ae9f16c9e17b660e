import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { createForecast, listForecasts, listRooms, type CreateForecast, type ForecastSummary } from '../../api/control-room';
import { useErrorText } from '../../components/ErrorMessage';
import { FormField, type FieldErrors } from '../../components/FormField';
import { localDateTime } from '../../i18n/format';
import { useCenterZone } from '../BoardPage';
import { centerInstant } from './zone-time';
import './control-room.css';

const asNumber = (value: string) => (/^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value);

function fieldErrors(error: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (error instanceof ApiError) for (const e of error.problem.errors ?? []) out[e.field] = e.messages;
  return out;
}

/** The stored request in words: horizon, runs, seed and each what-if, rooms by name. */
export function useForecastInputText(): (input: Record<string, unknown>, roomNames: Map<string, string>) => string {
  const { t } = useTranslation();
  return (input, roomNames) => {
    const parts = [t('forecasts.inputBase', { weeks: input.horizonWeeks, runs: input.runs, seed: input.seed })];
    const changes = (input.changes ?? {}) as Record<string, unknown>;
    if (changes.extraRooms) parts.push(t('forecasts.inputExtraRooms', { n: changes.extraRooms }));
    if (changes.demandScale) parts.push(t('forecasts.inputDemand', { scale: changes.demandScale }));
    if (changes.saturdayShift) parts.push(t('forecasts.inputSaturday'));
    if (changes.anesthesiaTeams) parts.push(t('forecasts.inputTeams', { n: changes.anesthesiaTeams }));
    for (const d of (changes.downtimes ?? []) as Array<{ roomId?: string | null; start: string; end: string }>)
      parts.push(t('forecasts.inputDowntime', { room: d.roomId ? (roomNames.get(d.roomId) ?? d.roomId) : t('downtimes.wholeLine'), from: d.start.slice(0, 10), to: d.end.slice(0, 10) }));
    return parts.join('; ');
  };
}

/** /forecasts: a new forecast (horizon, runs, seed, what-ifs with rooms by name) and the past ones with their inputs; two can be compared. */
export function ForecastsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const zone = useCenterZone();
  const rooms = useQuery({ queryKey: ['rooms'], queryFn: listRooms });
  const forecasts = useQuery({ queryKey: ['forecasts'], queryFn: listForecasts, refetchInterval: 5_000 });
  const inputText = useForecastInputText();
  const [form, setForm] = useState({ horizonWeeks: '26', runs: '20', seed: '1', extraRooms: '0', demandScale: '1', saturday: false, anesthesiaTeams: '', downtimeRoom: '', downtimeFrom: '', downtimeTo: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const tz = zone.data ?? 'UTC';
  const roomNames = new Map((rooms.data ?? []).map((r) => [r.id, r.name]));
  const set = (key: string, value: string | boolean) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes: Record<string, unknown> = {};
    if (form.extraRooms.trim() && form.extraRooms.trim() !== '0') changes.extraRooms = asNumber(form.extraRooms);
    if (form.demandScale.trim() && form.demandScale.trim() !== '1') changes.demandScale = asNumber(form.demandScale);
    if (form.saturday) changes.saturdayShift = ['08:00', '16:00'];
    if (form.anesthesiaTeams.trim()) changes.anesthesiaTeams = asNumber(form.anesthesiaTeams);
    if (form.downtimeRoom || form.downtimeFrom || form.downtimeTo)
      changes.downtimes = [
        { ...(form.downtimeRoom === 'LINE' ? { roomId: null } : form.downtimeRoom ? { room: form.downtimeRoom } : {}), start: centerInstant(tz, form.downtimeFrom && `${form.downtimeFrom}T00:00`), end: centerInstant(tz, form.downtimeTo && `${form.downtimeTo}T00:00`) },
      ];
    const body = { horizonWeeks: asNumber(form.horizonWeeks), runs: asNumber(form.runs), seed: asNumber(form.seed), ...(Object.keys(changes).length ? { changes } : {}) } as unknown as CreateForecast;
    setBusy(true);
    setMessage(null);
    try {
      const created = await createForecast(body);
      await queryClient.invalidateQueries({ queryKey: ['forecasts'] });
      navigate(`/forecasts/${created.id}`);
    } catch (error) {
      const found = fieldErrors(error);
      setErrors(found);
      setMessage(Object.keys(found).length ? t('forecasts.fixErrors') : errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (forecast: ForecastSummary, on: boolean) => setChosen((c) => (on ? [...c.filter((x) => x !== forecast.id), forecast.id].slice(-2) : c.filter((x) => x !== forecast.id)));

  return (
    <>
      <h1>{t('forecasts.title')}</h1>
      <p>{t('forecasts.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="form" aria-labelledby="forecast-new-title">
        <h2 id="forecast-new-title">{t('forecasts.newTitle')}</h2>
        {message && (
          <p role="alert" className="error">
            {message}
          </p>
        )}
        <FormField name="horizonWeeks" label={t('forecasts.horizon')} errors={errors}>
          {(props) => <input {...props} inputMode="numeric" value={form.horizonWeeks} onChange={(e) => set('horizonWeeks', e.target.value)} />}
        </FormField>
        <FormField name="runs" label={t('forecasts.runs')} hint={t('forecasts.runsHint')} errors={errors}>
          {(props) => <input {...props} inputMode="numeric" value={form.runs} onChange={(e) => set('runs', e.target.value)} />}
        </FormField>
        <FormField name="seed" label={t('forecasts.seed')} hint={t('forecasts.seedHint')} errors={errors}>
          {(props) => <input {...props} inputMode="numeric" value={form.seed} onChange={(e) => set('seed', e.target.value)} />}
        </FormField>
        <fieldset>
          <legend>{t('forecasts.whatIf')}</legend>
          <FormField name="changes.extraRooms" label={t('forecasts.extraRooms')} errors={errors}>
            {(props) => <input {...props} inputMode="numeric" value={form.extraRooms} onChange={(e) => set('extraRooms', e.target.value)} />}
          </FormField>
          <FormField name="changes.demandScale" label={t('forecasts.demandScale')} hint={t('forecasts.demandScaleHint')} errors={errors}>
            {(props) => <input {...props} inputMode="decimal" value={form.demandScale} onChange={(e) => set('demandScale', e.target.value)} />}
          </FormField>
          <div className="field inline">
            <input id="forecast-saturday" type="checkbox" checked={form.saturday} onChange={(e) => set('saturday', e.target.checked)} />
            <label htmlFor="forecast-saturday">{t('forecasts.saturday')}</label>
          </div>
          <FormField name="changes.anesthesiaTeams" label={t('forecasts.anesthesiaTeams')} hint={t('forecasts.anesthesiaTeamsHint')} errors={errors}>
            {(props) => <input {...props} inputMode="numeric" value={form.anesthesiaTeams} onChange={(e) => set('anesthesiaTeams', e.target.value)} />}
          </FormField>
          <FormField name="changes.downtimes.0.room" label={t('forecasts.downtimeRoom')} errors={errors}>
            {(props) => (
              <select {...props} value={form.downtimeRoom} onChange={(e) => set('downtimeRoom', e.target.value)}>
                <option value="">{t('forecasts.noDowntime')}</option>
                <option value="LINE">{t('downtimes.wholeLine')}</option>
                {(rooms.data ?? []).map((r) => (
                  <option key={r.id} value={r.name}>
                    {r.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField name="changes.downtimes.0.start" label={t('forecasts.downtimeFrom')} errors={errors}>
            {(props) => <input {...props} type="date" value={form.downtimeFrom} onChange={(e) => set('downtimeFrom', e.target.value)} />}
          </FormField>
          <FormField name="changes.downtimes.0.end" label={t('forecasts.downtimeTo')} errors={errors}>
            {(props) => <input {...props} type="date" value={form.downtimeTo} onChange={(e) => set('downtimeTo', e.target.value)} />}
          </FormField>
        </fieldset>
        <button type="submit" disabled={busy}>
          {t('forecasts.start')}
        </button>
      </form>

      <h2>{t('forecasts.pastTitle')}</h2>
      {forecasts.data && forecasts.data.items.length === 0 && <p>{t('forecasts.none')}</p>}
      {forecasts.data && forecasts.data.items.length > 0 && (
        <>
          <table className="list">
            <caption>{t('forecasts.caption', { n: forecasts.data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('forecasts.compareColumn')}</th>
                <th scope="col">{t('forecasts.created')}</th>
                <th scope="col">{t('forecasts.status')}</th>
                <th scope="col">{t('forecasts.inputs')}</th>
                <th scope="col">{t('forecasts.headlineColumn')}</th>
                <th scope="col">{t('forecasts.author')}</th>
              </tr>
            </thead>
            <tbody>
              {forecasts.data.items.map((f) => {
                const created = localDateTime(i18n.language, f.createdAt, tz);
                return (
                  <tr key={f.id}>
                    <td>
                      <input type="checkbox" checked={chosen.includes(f.id)} onChange={(e) => toggle(f, e.target.checked)} aria-label={t('forecasts.choose', { created })} />
                    </td>
                    <th scope="row">
                      <Link to={`/forecasts/${f.id}`}>{created}</Link>
                    </th>
                    <td>{t(`forecasts.state.${f.status}`, { percent: Math.round(100 * f.progress) })}</td>
                    <td>{inputText(f.input as Record<string, unknown>, roomNames)}</td>
                    <td>
                      {f.headline
                        ? t('forecasts.band', {
                            p50: Math.round(f.headline.coursesStartedPerYear.p50),
                            p10: Math.round(f.headline.coursesStartedPerYear.p10),
                            p90: Math.round(f.headline.coursesStartedPerYear.p90),
                          })
                        : '—'}
                    </td>
                    <td>{f.createdBy}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button type="button" disabled={chosen.length !== 2} onClick={() => navigate(`/forecasts/${chosen[0]}?with=${chosen[1]}`)}>
            {t('forecasts.compare')}
          </button>
        </>
      )}
    </>
  );
}
