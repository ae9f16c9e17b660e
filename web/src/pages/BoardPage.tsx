import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { getBoard, getCalendarZone } from '../api/endpoints';
import { DayBoard, useBlockNavigation } from '../board/DayBoard';
import { ErrorMessage } from '../components/ErrorMessage';
import { addDays, todayIn } from '../i18n/format';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const useCenterZone = () => useQuery({ queryKey: ['calendar-zone'], queryFn: getCalendarZone, staleTime: Infinity });

/** /board?date=YYYY-MM-DD (a day) or &days=7 (the week from that day); no date: today in the center. */
export function BoardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const zone = useCenterZone();
  const dateId = useId();
  const openBlock = useBlockNavigation();
  const date = params.get('date');
  const days = params.get('days') === '7' ? 7 : 1;
  const board = useQuery({
    queryKey: ['board', date, days],
    queryFn: () => getBoard(date!, days),
    enabled: date !== null && DATE.test(date),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });

  if (!date || !DATE.test(date)) {
    if (zone.error) return <ErrorMessage error={zone.error} />;
    if (!zone.data) return <p className="loading">{t('common.loading')}</p>;
    return <Navigate to={`/board?date=${todayIn(zone.data)}${days === 7 ? '&days=7' : ''}`} replace />;
  }

  const go = (next: string, nextDays = days) => {
    const p = new URLSearchParams(params);
    p.set('date', next);
    if (nextDays === 7) p.set('days', '7');
    else p.delete('days');
    setParams(p);
  };
  const step = days === 7 ? 7 : 1;
  const today = zone.data ? todayIn(zone.data) : null;
  const data = board.data;

  return (
    <>
      <h1>{days === 7 ? t('board.weekTitle') : t('board.title')}</h1>
      <div className="toolbar" role="group" aria-label={t('board.navigation')}>
        <button type="button" onClick={() => go(addDays(date, -step))}>
          {days === 7 ? t('board.previousWeek') : t('board.previous')}
        </button>
        <button type="button" onClick={() => today && go(today)} disabled={!today}>
          {t('board.today')}
        </button>
        <button type="button" onClick={() => go(addDays(date, step))}>
          {days === 7 ? t('board.nextWeek') : t('board.next')}
        </button>
        <label htmlFor={dateId}>{t('board.date')}</label>
        <input id={dateId} type="date" value={date} onChange={(e) => DATE.test(e.target.value) && go(e.target.value)} />
        <Link to={`/board?date=${date}`} aria-current={days === 1 ? 'page' : undefined} className="view-link">
          {t('board.dayView')}
        </Link>
        <Link to={`/board?date=${date}&days=7`} aria-current={days === 7 ? 'page' : undefined} className="view-link">
          {t('board.weekView')}
        </Link>
      </div>
      <div className="legend" aria-hidden="true">
        <span className="swatch fraction">{t('board.legendFraction')}</span>
        <span className="swatch beam-swatch">{t('board.legendBeam')}</span>
        <span className="swatch free">{t('board.legendFree')}</span>
        <span className="swatch qa">{t('board.legendQa')}</span>
        <span className="swatch downtime">{t('board.legendDowntime')}</span>
        <span className="swatch shut">{t('board.legendClosed')}</span>
      </div>
      <ErrorMessage error={board.error} />
      {board.isPending && <p className="loading">{t('common.loading')}</p>}
      {data && (
        <div className="board-days" aria-busy={board.isFetching && board.isPlaceholderData} onClick={openBlock}>
          {data.dayInfo.map((day) => (
            <DayBoard
              key={day.date}
              board={data}
              day={day}
              appointments={data.appointments.filter((a) => a.localDate === day.date)}
              headingLevel="h2"
              compact={days === 7}
            />
          ))}
        </div>
      )}
    </>
  );
}
