import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CenterConfigService } from '../center/center-config.service';
import { isCalendarDate } from '../common/instant';
import { localForms, localInstant } from '../common/local-time';
import { DEFAULT_PAGE_LIMIT } from '../common/page-query.dto';
import { badRequest, notFound } from '../common/problem';
import { localMidnight, parseDate } from '../scheduling';
import { ListMovesDto } from './dto/list-moves.dto';
import { moveReasonKind } from './move-reason';
import { MovePlaceView, MoveView } from './views/move.view';

interface MoveRow {
  id: string;
  appointment_id: string;
  course_id: string;
  fraction: number;
  fractions: number;
  patient_id: string;
  full_name: string;
  from_room_id: string | null;
  from_room_name: string | null;
  from_start: Date | null;
  to_room_id: string | null;
  to_room_name: string | null;
  to_start: Date | null;
  reason: string;
  moved_by: string;
  at: Date;
  total: number;
}

// One query for a page, names joined in: the worklist after a downtime can run to hundreds of rows.
const MOVES_SQL = `
  SELECT m.id, m.appointment_id, a.course_id, a.fraction, c.fractions, p.id AS patient_id, p.first_name || ' ' || p.last_name AS full_name,
         m.from_room_id, fr.name AS from_room_name, m.from_start, m.to_room_id, tr.name AS to_room_name, m.to_start,
         m.reason, m.moved_by, m.at, count(*) OVER ()::int AS total
    FROM appointment_moves m
    JOIN appointments a ON a.id = m.appointment_id
    JOIN courses c ON c.id = a.course_id
    JOIN patients p ON p.id = c.patient_id
    LEFT JOIN rooms fr ON fr.id = m.from_room_id
    LEFT JOIN rooms tr ON tr.id = m.to_room_id`;

/** Appointment move history: per course, and the worklist of everything moved since a moment. */
@Injectable()
export class MovesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly centerConfig: CenterConfigService,
  ) {}

  async ofCourse(courseId: string): Promise<MoveView[]> {
    const rows: MoveRow[] = await this.dataSource.query(`${MOVES_SQL} WHERE a.course_id = $1 ORDER BY m.at, a.fraction, m.id`, [courseId]);
    return this.views(rows);
  }

  /** One appointment's history, oldest first (404 when the appointment does not exist). */
  async ofAppointment(appointmentId: string): Promise<MoveView[]> {
    const [found] = await this.dataSource.query(`SELECT 1 FROM appointments WHERE id = $1`, [appointmentId]);
    if (!found) throw notFound('Appointment', appointmentId);
    const rows: MoveRow[] = await this.dataSource.query(`${MOVES_SQL} WHERE m.appointment_id = $1 ORDER BY m.at, m.id`, [appointmentId]);
    return this.views(rows);
  }

  async since(query: ListMovesDto): Promise<{ items: MoveView[]; total: number }> {
    const { timeZone } = await this.centerConfig.load();
    const since = bound(timeZone, query.since, 0);
    const until = query.until ? bound(timeZone, query.until, 1) : null;
    if (until && !(until > since)) throw badRequest('invalid-range', '`until` must be after `since`', { field: 'until' });
    const rows: MoveRow[] = await this.dataSource.query(
      `${MOVES_SQL} WHERE m.at >= $1 AND ($2::timestamptz IS NULL OR m.at < $2) ORDER BY m.at DESC, m.id LIMIT $3 OFFSET $4`,
      [since, until, query.limit ?? DEFAULT_PAGE_LIMIT, query.offset ?? 0],
    );
    const total = rows[0]?.total ?? (query.offset ? await this.count(since, until) : 0);
    return { items: await this.views(rows), total };
  }

  private async count(since: Date, until: Date | null): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM appointment_moves m WHERE m.at >= $1 AND ($2::timestamptz IS NULL OR m.at < $2)`,
      [since, until],
    );
    return n;
  }

  private async views(rows: MoveRow[]): Promise<MoveView[]> {
    if (rows.length === 0) return [];
    const { timeZone } = await this.centerConfig.load();
    const place = (roomId: string | null, roomName: string | null, start: Date | null): MovePlaceView | null =>
      roomId && start ? { roomId, roomName: roomName ?? roomId, start: localInstant(timeZone, start), ...localForms(timeZone, start) } : null;
    return rows.map((r) => ({
      id: r.id,
      appointmentId: r.appointment_id,
      courseId: r.course_id,
      fraction: r.fraction,
      fractions: r.fractions,
      patient: { id: r.patient_id, fullName: r.full_name },
      from: place(r.from_room_id, r.from_room_name, r.from_start),
      to: place(r.to_room_id, r.to_room_name, r.to_start),
      cancelled: r.to_start === null,
      reasonKind: moveReasonKind(r.reason, r.moved_by),
      reason: r.reason,
      at: r.at,
      by: r.moved_by,
      movedBy: r.moved_by,
      fromRoomId: r.from_room_id,
      fromStart: r.from_start,
      toRoomId: r.to_room_id,
      toStart: r.to_start,
    }));
  }
}

/** An instant, or a local date: its midnight (`days` 0) or the next one (1, an inclusive end). */
function bound(timeZone: string, value: string, days: 0 | 1): Date {
  if (isCalendarDate(value)) return new Date(localMidnight(timeZone, parseDate(value) + days) * 60_000);
  return new Date(value);
}
