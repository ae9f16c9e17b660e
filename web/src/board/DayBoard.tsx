import { memo, type MouseEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { BoardAppointment, BoardView, DayInfo, Interval } from '../api/types';
import { formatLongDate, wallMinutes, wallTime } from '../i18n/format';

/** The center's usual hours, for a closed day that has none of its own. */
const DEFAULT_SPAN = { from: 7 * 60, to: 23 * 60 };

interface Span {
  from: number;
  to: number;
}

function daySpan(day: DayInfo): Span {
  const open = day.rooms.flatMap((room) => room.open);
  if (open.length === 0) return DEFAULT_SPAN;
  const from = Math.min(...open.map((o) => wallMinutes(o.start)));
  const to = Math.max(...open.map((o) => (o.end.slice(0, 10) > o.start.slice(0, 10) ? 24 * 60 : wallMinutes(o.end))));
  return { from: Math.floor(from / 60) * 60, to: Math.ceil(to / 60) * 60 };
}

/** Position of [start, end) on the day's axis, in percent, for CSSOM styles (no inline style attribute). */
function place(span: Span, start: string, end: string): { left: string; width: string } {
  const total = span.to - span.from;
  const a = Math.max(span.from, wallMinutes(start));
  const endMinutes = end.slice(0, 10) > start.slice(0, 10) ? 24 * 60 : wallMinutes(end);
  const b = Math.min(span.to, endMinutes);
  return { left: `${((a - span.from) / total) * 100}%`, width: `${(Math.max(0, b - a) / total) * 100}%` };
}

function hours(span: Span): number[] {
  const out: number[] = [];
  for (let m = span.from; m < span.to; m += 60) out.push(m);
  return out;
}

const range = (interval: Interval) => `${wallTime(interval.start)}–${wallTime(interval.end)}`;

interface DayBoardProps {
  board: BoardView;
  day: DayInfo;
  appointments: BoardAppointment[];
  headingLevel: 'h2' | 'h3';
  /** The week view: blocks show their start time only (the accessible name keeps everything), a third of the DOM. */
  compact?: boolean;
}

/** One day: a table whose rows are the rooms, each a lane on the day's time axis in the center's zone. */
export const DayBoard = memo(function DayBoard({ board, day, appointments, headingLevel, compact = false }: DayBoardProps) {
  const { t, i18n } = useTranslation();
  const span = daySpan(day);
  const Heading = headingLevel;
  const title = formatLongDate(i18n.language, day.date);
  const byRoom = new Map<string, BoardAppointment[]>();
  for (const a of appointments) {
    const list = byRoom.get(a.roomId) ?? [];
    list.push(a);
    byRoom.set(a.roomId, list);
  }
  const headingId = `board-day-${day.date}`;
  return (
    <section className="day" aria-labelledby={headingId}>
      <Heading id={headingId}>{title}</Heading>
      {day.closed && <p className="closed-note">{day.closureReason ? t('board.closed', { reason: day.closureReason }) : t('board.closedNoReason')}</p>}
      <table className="board">
        <caption className="sr-only">{t('board.caption', { date: title, n: appointments.length })}</caption>
        <thead>
          <tr>
            <th scope="col" className="room-col">
              {t('board.room')}
            </th>
            <th scope="col">
              <span className="sr-only">{t('board.timeAxis')}</span>
              <div className="axis" aria-hidden="true">
                {hours(span).map((m) => (
                  <span key={m} className="tick" style={place(span, hhmm(day.date, m), hhmm(day.date, m + 60))}>
                    {String(m / 60).padStart(2, '0')}:00
                  </span>
                ))}
              </div>
            </th>
          </tr>
        </thead>
        <tbody>
          {day.anesthesiaWindows.length > 0 && (
            <tr className="anesthesia-row">
              <th scope="row">{t('board.anesthesiaTeam')}</th>
              <td>
                <div className="lane thin">
                  {day.anesthesiaWindows.map((w) => (
                    <span key={w.start} className="anesthesia-window" style={place(span, w.start, w.end)}>
                      {range(w)}
                    </span>
                  ))}
                </div>
              </td>
            </tr>
          )}
          {board.rooms.map((room) => {
            const roomDay = day.rooms.find((r) => r.roomId === room.id);
            const roomAppointments = byRoom.get(room.id) ?? [];
            return (
              <tr key={room.id}>
                <th scope="row">{room.name}</th>
                <td>
                  <div className={`lane${day.closed || !roomDay?.open.length ? ' shut' : ''}`}>
                    {roomDay?.open.map((o) => <span key={o.start} className="open" style={place(span, o.start, o.end)} aria-hidden="true" />)}
                    {roomDay?.qa && (
                      <span className="qa" style={place(span, roomDay.qa.start, roomDay.qa.end)} title={t('board.qa', { range: range(roomDay.qa) })}>
                        <span className="sr-only">{t('board.qa', { range: range(roomDay.qa) })}</span>
                        <span aria-hidden="true">QA</span>
                      </span>
                    )}
                    {roomDay?.downtimes.map((d) => (
                      <span key={d.id} className="downtime" style={place(span, d.start, d.end)} title={t('board.downtime', { range: range(d), reason: d.reason })}>
                        <span className="sr-only">{t('board.downtime', { range: range(d), reason: d.reason })}</span>
                      </span>
                    ))}
                    {roomDay?.free.map((f) => (
                      <span key={f.start} className="free" style={place(span, f.start, f.end)} title={t('board.free', { range: range(f) })}>
                        <span className="sr-only">{t('board.free', { range: range(f) })}</span>
                      </span>
                    ))}
                    {roomAppointments.map((a) => (
                      <FractionBlock key={a.id} appointment={a} span={span} t={t} compact={compact} />
                    ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
});

/** A wall-clock instant string of the day for axis placement (only its HH:mm is read). */
function hhmm(date: string, minutes: number): string {
  const m = Math.min(minutes, 24 * 60 - 1);
  return `${date}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
}

/**
 * A plain anchor, not a router Link: a booked week has thousands of blocks and each Link runs several
 * router hooks. One click handler on the board (useBlockNavigation) routes them inside the app instead.
 */
function FractionBlock({ appointment: a, span, t, compact }: { appointment: BoardAppointment; span: Span; t: TFunction; compact: boolean }) {
  const markers = [a.requiresAnesthesia ? t('board.anesthesia') : null, a.pediatric ? t('board.child') : null].filter(Boolean);
  const label = [
    t('board.fraction', { name: a.patient.fullName, n: a.fraction, total: a.fractions, start: a.localTime, end: a.localEndTime }),
    t('board.beam', { range: `${wallTime(a.beamStart)}–${wallTime(a.beamEnd)}` }),
    ...markers,
    t(`appointmentStatus.${a.status}`),
  ].join(', ');
  const duration = wallMinutes(a.end) - wallMinutes(a.start) || 1;
  const beam = { left: `${((wallMinutes(a.beamStart) - wallMinutes(a.start)) / duration) * 100}%`, width: `${((wallMinutes(a.beamEnd) - wallMinutes(a.beamStart)) / duration) * 100}%` };
  return (
    <a href={`/courses/${a.courseId}`} className={`fraction status-${a.status.toLowerCase()} urgency-${a.urgency.toLowerCase()}`} style={place(span, a.start, a.end)} aria-label={label} title={label}>
      <span className="beam" style={beam} aria-hidden="true" />
      {compact ? (
        <span className="fraction-text" aria-hidden="true">
          {a.localTime}
        </span>
      ) : (
      <span className="fraction-text" aria-hidden="true">
        <span className="time">{a.localTime}</span> <span className="name">{a.patient.fullName}</span> <span className="count">{`${a.fraction}/${a.fractions}`}</span>
        {a.requiresAnesthesia && <span className="marker anesthesia">{t('board.anesthesiaShort')}</span>}
        {a.pediatric && <span className="marker child">{t('board.childShort')}</span>}
      </span>
      )}
    </a>
  );
}

/** Client-side navigation for the board's plain anchors (a modified click still opens a new tab). */
export function useBlockNavigation(): (event: MouseEvent<HTMLElement>) => void {
  const navigate = useNavigate();
  return (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as HTMLElement).closest('a.fraction');
    if (!anchor) return;
    event.preventDefault();
    navigate(anchor.getAttribute('href')!);
  };
}
