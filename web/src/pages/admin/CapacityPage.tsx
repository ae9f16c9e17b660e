import { useQuery } from '@tanstack/react-query';
import { FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { getCapacity, getCapacitySummary, type CapacityGrid, type CapacitySummary } from '../../api/control-room';
import { ErrorMessage } from '../../components/ErrorMessage';
import { addDays, formatDate, todayIn } from '../../i18n/format';
import { useCenterZone } from '../BoardPage';
import './control-room.css';

const WEEKS = 8;

/** The Monday of a date's week (YYYY-MM-DD, calendar arithmetic in UTC). */
function mondayOf(localDate: string): string {
  const day = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  return addDays(localDate, -((day + 6) % 7));
}

/** Light for idle, deep orange for full; dark text stays readable on every shade. */
const heat = (utilization: number) => `hsl(28, 85%, ${Math.round(96 - 36 * Math.min(1, Math.max(0, utilization)))}%)`;

/** /capacity?from=YYYY-MM-DD: open vs booked minutes per room and week, courses started against the target, the waiting list and late starts. */
export function CapacityPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const zone = useCenterZone();
  const fromId = useId();
  const from = params.get('from') ?? (zone.data ? mondayOf(todayIn(zone.data)) : null);
  const to = from ? addDays(from, 7 * WEEKS) : null;
  const grid = useQuery({ queryKey: ['capacity', from, to], queryFn: () => getCapacity(from!, to!), enabled: from !== null });
  const summary = useQuery({ queryKey: ['capacity', 'summary'], queryFn: getCapacitySummary });
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('from') ?? '');
    if (value) setParams({ from: mondayOf(value) });
  };
  return (
    <>
      <h1>{t('capacity.title')}</h1>
      <ErrorMessage error={zone.error ?? summary.error ?? grid.error} />
      {summary.data && <Summary summary={summary.data} />}
      <h2>{t('capacity.heatTitle')}</h2>
      <form className="filters" onSubmit={apply} key={from ?? ''}>
        <label htmlFor={fromId}>{t('capacity.from')}</label>
        <input id={fromId} name="from" type="date" defaultValue={from ?? ''} />
        <button type="submit">{t('capacity.show')}</button>
      </form>
      {grid.isPending && from !== null && <p className="loading">{t('common.loading')}</p>}
      {grid.data && <HeatMap grid={grid.data} />}
      <p className="definitions">{t('capacity.definitions')}</p>
    </>
  );
}

function Summary({ summary }: { summary: CapacitySummary }) {
  const { t, i18n } = useTranslation();
  const c = summary.courses;
  return (
    <>
      <div className="figures" data-testid="capacity-courses">
        <div>
          {t('capacity.started', { year: summary.year })}
          <strong>{t('capacity.ofTarget', { n: c.started, target: c.target })}</strong>
        </div>
        <div>
          {t('capacity.bookedToStart')}
          <strong>{c.bookedToStart}</strong>
        </div>
        <div>
          {t('capacity.projected')}
          <strong>{c.projected}</strong>
        </div>
        <div>
          {t('capacity.onPaceFor')}
          <strong>{c.onPaceFor}</strong>
        </div>
        <div>
          {t('capacity.lateStarts')}
          <strong>{summary.lateStarts.total}</strong>
        </div>
      </div>
      <table className="list">
        <caption>{t('capacity.waitingCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('course.urgency')}</th>
            <th scope="col" className="number">{t('capacity.waiting')}</th>
            <th scope="col">{t('capacity.oldestSubmitted')}</th>
            <th scope="col" className="number">{t('capacity.oldestWait')}</th>
            <th scope="col" className="number">{t('capacity.lateStarts')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.waiting.map((w) => (
            <tr key={w.urgency}>
              <th scope="row">{t(`urgency.${w.urgency}`)}</th>
              <td className="number">{w.count}</td>
              <td>{typeof w.oldestSubmittedAt === 'string' ? formatDate(i18n.language, todayIn(summary.timeZone, new Date(w.oldestSubmittedAt))) : '—'}</td>
              <td className="number">{t('capacity.days', { n: w.oldestWaitDays })}</td>
              <td className="number">{summary.lateStarts.byUrgency[w.urgency] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function HeatMap({ grid }: { grid: CapacityGrid }) {
  const { t, i18n } = useTranslation();
  const hours = (minutes: number) => Math.round(minutes / 60);
  return (
    <table className="list heat">
      <caption>{t('capacity.heatCaption', { from: formatDate(i18n.language, grid.from), to: formatDate(i18n.language, addDays(grid.to, -1)) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('course.room')}</th>
          {grid.weeks.map((w) => (
            <th scope="col" key={w.isoWeek}>
              {t('capacity.week', { week: w.isoWeek.split('W')[1], date: formatDate(i18n.language, w.weekStart) })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.rooms.map((room) => (
          <tr key={room.roomId}>
            <th scope="row">{room.name}</th>
            {room.weeks.map((w) => (
              <td key={w.isoWeek} style={{ background: heat(w.utilization) }} data-testid={`heat-${room.name}-${w.isoWeek}`}>
                {w.openMinutes > 0 ? `${Math.round(100 * w.utilization)} %` : '—'}
                <small>{t('capacity.cell', { booked: hours(w.bookedMinutes), open: hours(w.openMinutes) })}</small>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
