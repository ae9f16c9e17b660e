import { DataSource, EntityManager } from 'typeorm';
import { LivePlanner } from '../../src/bookings/allocation/live-planner';
import { insertBookings } from '../../src/appointments/appointment-writer';
import { lockBookings } from '../../src/database/booking-lock';
import { BookingCacheService } from '../../src/appointments/booking-cache.service';
import { CenterConfigService } from '../../src/center/center-config.service';
import type { Booking } from '../../src/scheduling';
import { createTestApp, TestApp } from '../support/test-app';

const key = (b: Booking) => `${b.courseId}|${b.fraction}|${b.roomId}|${Date.parse(b.start)}|${Date.parse(b.end)}`;

describe('LivePlanner and BookingCache follow the database incrementally (PostgreSQL)', () => {
  let t: TestApp;
  let ds: DataSource;
  let rooms: string[];
  let courseId: string;
  const now = new Date();

  beforeAll(async () => {
    t = await createTestApp({ role: 'api' });
    ds = t.app.get(DataSource);
    rooms = (await ds.query(`INSERT INTO rooms (name, kind) VALUES ('R1','GANTRY'), ('R2','GANTRY') RETURNING id`)).map((r: { id: string }) => r.id);
    const [p] = await ds.query(
      `INSERT INTO patients (first_name,last_name,birth_date,sex,country_code) VALUES ('I','T','1980-01-01','male','KZ') RETURNING id`,
    );
    const [c] = await ds.query(
      `INSERT INTO courses (patient_id,diagnosis_group,urgency,fractions,fractions_per_week,fraction_minutes,beam_minutes,beam_offset_minutes,earliest_start,due_start)
       VALUES ($1,'CNS','ROUTINE',45,5,30,8,10,current_date,current_date + 20) RETURNING id`,
      [p.id],
    );
    courseId = c.id;
  });
  afterAll(async () => {
    await t.close();
  });

  function booking(fraction: number, room: string, dayOffset: number, hour: number): Booking {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + dayOffset, hour));
    const at = (min: number) => new Date(start.getTime() + min * 60_000).toISOString();
    return { courseId, fraction, roomId: room, start: at(0), end: at(30), beamStart: at(10), beamEnd: at(18), anesthesia: false };
  }

  const inTx = <T>(fn: (m: EntityManager) => Promise<T>) =>
    ds.transaction(async (m) => {
      await lockBookings(m);
      return fn(m);
    });

  it('after own commits, foreign inserts, moves and cancels it equals a planner rebuilt from scratch', async () => {
    const center = await t.app.get(CenterConfigService).load();
    const live = new LivePlanner();
    const cache = new BookingCacheService();
    await inTx(async (m) => {
      await insertBookings(m, [booking(1, rooms[0], 3, 4), booking(2, rooms[1], 4, 5)], true);
      await live.sync(m, center, now);
      await cache.current(m, now);
    });
    // This process's own allocation: written, then recorded without waiting for the next sync.
    const own = await inTx((m) => insertBookings(m, [booking(3, rooms[0], 5, 6), booking(4, rooms[0], 6, 6)], true));
    live.commit(own);
    // Another process books, a coordinator moves one, a course is cancelled.
    const [foreign] = await inTx((m) => insertBookings(m, [booking(5, rooms[1], 7, 7)], true));
    await inTx((m) =>
      m.query(
        `UPDATE appointments SET start = start + interval '1 hour', "end" = "end" + interval '1 hour', beam_start = beam_start + interval '1 hour', beam_end = beam_end + interval '1 hour' WHERE id = $1`,
        [own[0].id],
      ),
    );
    await inTx((m) => m.query(`UPDATE appointments SET status = 'CANCELLED' WHERE id = $1`, [foreign.id]));

    const fresh = new LivePlanner();
    await inTx(async (m) => {
      await live.sync(m, center, now);
      await fresh.sync(m, center, now);
    });
    const liveKeys = live.bookings().map(key).sort();
    expect(liveKeys).toEqual(fresh.bookings().map(key).sort());
    expect(liveKeys).toHaveLength(4);
    const cached = await inTx((m) => cache.current(m, now));
    expect(cached.map(key).sort()).toEqual(liveKeys);
  });
});
