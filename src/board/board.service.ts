import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppointmentStatus } from '../appointments/appointment.entity';
import { CenterConfigService } from '../center/center-config.service';
import { preparedQuery } from '../database/prepared-query';
import { ReadModelCache } from '../read-model/read-model-cache';
import { rememberJson } from '../read-model/remembered-json';
import { localForms, localInstant } from '../common/local-time';
import { calendarFor, formatDate, formatInstant, Interval, kzHolidays, localMidnight, parseDate, parseInstant, subtract } from '../scheduling';
import type { CenterConfig, Urgency } from '../scheduling';
import { BoardAppointmentView, BoardView, DayInfoView, IntervalView, RoomDayView } from './views/board.view';
import { BoardQueryDto } from './dto/board-query.dto';

/** The shortest fraction a course may have: a shorter gap is no free place to show. */
export const MIN_FREE_MINUTES = 26;

interface BoardRow {
  id: string;
  course_id: string;
  fraction: number;
  fractions: number;
  room_id: string;
  room_name: string;
  start: Date;
  end: Date;
  beam_start: Date;
  beam_end: Date;
  status: AppointmentStatus;
  requires_anesthesia: boolean;
  pediatric: boolean;
  urgency: Urgency;
  patient_id: string;
  full_name: string;
}

// One round trip for every fraction of the range: a booked week has over 2,000 of them. No fraction is
// longer than a day (a CHECK), so `start > from - 1 day` bounds the scan of appointments_start_idx.
export const BOARD_SQL = `
  SELECT a.id, a.course_id, a.fraction, c.fractions, a.room_id, r.name AS room_name, a.start, a."end", a.beam_start, a.beam_end,
         a.status, c.requires_anesthesia, (p.birth_date + interval '18 years' > c.earliest_start) AS pediatric, c.urgency,
         p.id AS patient_id, p.first_name || ' ' || p.last_name AS full_name
    FROM appointments a
    JOIN courses c ON c.id = a.course_id
    JOIN patients p ON p.id = c.patient_id
    JOIN rooms r ON r.id = a.room_id
   WHERE a.start < $2 AND a.start > $1::timestamptz - interval '1 day' AND a."end" > $1 AND a.status <> 'CANCELLED'
   ORDER BY a.start, r.name, a.id`;

@Injectable()
export class BoardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centerConfig: CenterConfigService,
    private readonly cache: ReadModelCache,
  ) {}

  /** The same for every admin and coordinator (no country scope): kept per committed state. */
  board(query: BoardQueryDto): Promise<BoardView> {
    return this.cache.get(`board|${query.date}|${query.days ?? 1}`, async () => rememberJson(await this.uncached(query)));
  }

  /** Computed now, past the cache: what a miss costs (bench/board.ts). */
  async uncached(query: BoardQueryDto): Promise<BoardView> {
    const days = query.days ?? 1;
    const first = parseDate(query.date);
    const lastDate = formatDate(first + days - 1);
    const center = await this.centerConfig.load(undefined, { from: query.date, to: lastDate });
    const tz = center.timeZone;
    const from = new Date(localMidnight(tz, first) * 60_000);
    const to = new Date(localMidnight(tz, first + days) * 60_000);
    const [rows, closures] = await Promise.all([
      preparedQuery<BoardRow>(this.dataSource.manager, 'board-appointments', BOARD_SQL, [from, to]),
      this.dataSource.query(`SELECT date::text AS date, reason FROM closures WHERE kind = 'CLOSURE' AND date BETWEEN $1 AND $2`, [
        query.date,
        lastDate,
      ]) as Promise<Array<{ date: string; reason: string }>>,
    ]);
    const appointments = rows.map((r) => toView(tz, r));
    const occupied = occupiedByRoom(rows);
    const dayInfo: DayInfoView[] = [];
    for (let d = first; d < first + days; d++) dayInfo.push(dayOf(center, d, occupied, closures));
    return {
      from: query.date,
      days,
      timezone: tz,
      sharedBeam: center.sharedBeam,
      rooms: center.rooms.map((r) => ({ id: r.id, name: r.name ?? r.id, kind: r.kind, active: r.active })),
      dayInfo,
      appointments,
    };
  }
}

function toView(tz: string, r: BoardRow): BoardAppointmentView {
  const { localDate, localTime } = localForms(tz, r.start);
  return {
    id: r.id,
    courseId: r.course_id,
    fraction: r.fraction,
    fractions: r.fractions,
    roomId: r.room_id,
    roomName: r.room_name,
    start: localInstant(tz, r.start),
    end: localInstant(tz, r.end),
    beamStart: localInstant(tz, r.beam_start),
    beamEnd: localInstant(tz, r.beam_end),
    localDate,
    localTime,
    localEndTime: localForms(tz, r.end).localTime,
    status: r.status,
    requiresAnesthesia: r.requires_anesthesia,
    pediatric: r.pediatric,
    urgency: r.urgency,
    patient: { id: r.patient_id, fullName: r.full_name },
  };
}

/** Per room, the minutes its fractions hold (a missed one held nothing), in start order. */
function occupiedByRoom(rows: BoardRow[]): Map<string, Interval[]> {
  const out = new Map<string, Interval[]>();
  for (const r of rows) {
    if (r.status === 'MISSED') continue;
    const list = out.get(r.room_id) ?? [];
    list.push([Math.floor(r.start.getTime() / 60_000), Math.ceil(r.end.getTime() / 60_000)]);
    out.set(r.room_id, list);
  }
  return out;
}

function dayOf(center: CenterConfig, day: number, occupied: Map<string, Interval[]>, closures: Array<{ date: string; reason: string }>): DayInfoView {
  const cal = calendarFor(center);
  const tz = center.timeZone;
  const date = formatDate(day);
  const asView = ([s, e]: Interval): IntervalView => ({ start: formatInstant(tz, s), end: formatInstant(tz, e) });
  const dayStart = localMidnight(tz, day);
  const dayEnd = localMidnight(tz, day + 1);
  const roomDays = cal.roomDaysOf(day);
  const rooms: RoomDayView[] = center.rooms.map((room, i) => {
    const rd = roomDays[i];
    // The QA block is what the calendar cut from the start of the hours; put it back to show the hours whole.
    const qa: Interval | null = rd.scheduled.length > 0 && center.qaMinutes > 0 ? [rd.scheduled[0][0] - center.qaMinutes, rd.scheduled[0][0]] : null;
    const open = qa ? mergeFirst(qa, rd.scheduled) : rd.scheduled;
    let free = rd.open;
    for (const span of occupied.get(room.id) ?? []) {
      if (span[1] > dayStart && span[0] < dayEnd) free = subtract(free, span);
    }
    const downtimes = center.downtimes
      .filter((d) => (d.roomId === null || d.roomId === room.id) && parseInstant(d.end) > dayStart && parseInstant(d.start) < dayEnd)
      .map((d) => ({ id: d.id ?? '', start: localInstant(tz, d.start), end: localInstant(tz, d.end), reason: d.reason ?? '' }));
    return {
      roomId: room.id,
      open: open.map(asView),
      qa: qa ? asView(qa) : null,
      downtimes,
      free: free.filter(([s, e]) => e - s >= MIN_FREE_MINUTES).map(asView),
    };
  });
  // A holiday or closure has a reason; a day without hours (a Sunday) is closed without one.
  const closedByCalendar = cal.isClosedDay(day);
  return {
    date,
    closed: closedByCalendar || !cal.isOpenDay(day),
    closureReason: closedByCalendar ? closureReason(center, date, closures) : null,
    anesthesiaWindows: cal.anesthesiaWindow(day).map(asView),
    rooms,
  };
}

function mergeFirst(qa: Interval, scheduled: Interval[]): Interval[] {
  const [head, ...rest] = scheduled;
  return head[0] === qa[1] ? [[qa[0], head[1]], ...rest] : [qa, ...scheduled];
}

function closureReason(center: CenterConfig, date: string, closures: Array<{ date: string; reason: string }>): string | null {
  const closure = closures.find((c) => c.date === date);
  if (closure) return closure.reason;
  if (center.holidays === 'KZ') return kzHolidays(Number(date.slice(0, 4))).find((h) => h.date === date)?.name ?? null;
  return null;
}
