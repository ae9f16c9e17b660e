import { Client } from 'pg';
import { BOOKINGS_LOCK_KEY } from '../../src/database/booking-lock';
import { CenterSeedService } from '../../src/center/center-seed.service';
import { clock } from '../../src/common/center-clock';
import { roomIdsByName } from '../support/table-rows';
import { createTestApp, TestApp } from '../support/test-app';
import { advisoryLockWaiters, Api, apiFor, db } from './scheduling-fixtures';

/**
 * A calendar or room change checks the booked fractions it would strand, then commits. An
 * allocation committing in between would leave bookings on a closed day or in a room that no
 * longer takes them, so these changes take the bookings lock that every allocation takes before
 * it reads the calendar. Shown here by holding that lock from outside: each change waits for it.
 */
describe('calendar and room changes take turns with allocations (bookings lock)', () => {
  let t: TestApp;
  let api: Api;
  let holder: Client;
  let rooms: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ role: 'api' });
    await t.app.get(CenterSeedService).ensureDemoCenter();
    api = await apiFor(t);
    rooms = await roomIdsByName(db(t));
    holder = new Client({ connectionString: t.db.url });
    await holder.connect();
  });
  beforeEach(() => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2027-01-15T12:00:00+05:00'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await holder.end();
    await t.close();
  });

  /** Sends the request while the lock is held outside: it must be waiting on it, then finish once it is free. */
  async function waitsForTheBookingsLock(send: () => PromiseLike<{ status: number }>, status: number): Promise<void> {
    await holder.query('SELECT pg_advisory_lock($1)', [BOOKINGS_LOCK_KEY]);
    let settled = false;
    const response = Promise.resolve(send()).then((res) => {
      settled = true;
      return res;
    });
    try {
      for (let i = 0; i < 100 && (await advisoryLockWaiters(holder)) === 0 && !settled; i++) await new Promise((r) => setTimeout(r, 50));
      expect(settled).toBe(false);
      expect(await advisoryLockWaiters(holder)).toBe(1);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [BOOKINGS_LOCK_KEY]);
    }
    expect((await response).status).toBe(status);
  }

  it('closing a day', async () => {
    await waitsForTheBookingsLock(() => api.post('/closures', { date: '2027-03-10', kind: 'CLOSURE', reason: 'Decree' }, 'admin'), 201);
  });

  it('changing the opening hours', async () => {
    const day: Array<[string, string]> = [['07:00', '22:00']];
    const hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: null, sun: null };
    await waitsForTheBookingsLock(() => api.put('/calendar', { hours }, 'admin'), 200);
  });

  it('deactivating a room', async () => {
    await waitsForTheBookingsLock(() => api.patch(`/rooms/${rooms.G3}`, { active: false }, 'admin'), 200);
  });
});
