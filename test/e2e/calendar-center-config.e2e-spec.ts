import request from 'supertest';
import { DataSource } from 'typeorm';
import { CenterConfigService } from '../../src/center/center-config.service';
import { CenterSeedService } from '../../src/center/center-seed.service';
import { clock } from '../../src/common/center-clock';
import { isOpenDay, openIntervals } from '../../src/scheduling';
import { HttpServer, startApiApp } from '../support/api-app';
import { TestApp } from '../support/test-app';

describe('CenterConfigService and the demo center seed', () => {
  let t: TestApp;
  let server: HttpServer;
  let db: DataSource;
  let centers: CenterConfigService;
  let admin: string;
  let rooms: Record<string, string>;

  beforeAll(async () => {
    // Closures must fall within a window around "today"; pinned to 2026 so these 2026 closures fit whenever the suite runs.
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-06-01T12:00:00+05:00'));
    ({
      t,
      server,
      db,
      auth: { admin },
    } = await startApiApp({ role: 'api', users: ['admin'] }));
    centers = t.app.get(CenterConfigService);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('seeds G1–G3 once, however often it runs, auditing what it created', async () => {
    const seed = t.app.get(CenterSeedService);
    expect((await seed.ensureDemoCenter()).roomsCreated).toEqual(['G1', 'G2', 'G3']);
    expect((await seed.ensureDemoCenter()).roomsCreated).toEqual([]);
    const rows: Array<{ id: string; name: string; kind: string; active: boolean }> = await db.query('SELECT id, name, kind, active FROM rooms ORDER BY name');
    expect(rows.map((r) => `${r.name} ${r.kind} ${r.active}`)).toEqual(['G1 GANTRY true', 'G2 GANTRY true', 'G3 GANTRY true']);
    rooms = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    expect(Number((await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'room.create' AND role = 'SYSTEM'`))[0].n)).toBe(3);
  });

  it('builds the SPEC demo center that the core accepts', async () => {
    const center = await centers.load();
    expect(center).toMatchObject({
      timeZone: 'Asia/Almaty',
      qaMinutes: 30,
      sharedBeam: true,
      holidays: 'KZ',
      anesthesia: { teams: 1 },
      closures: [],
      workingDays: [],
      downtimes: [],
    });
    expect(center.rooms).toEqual([
      { id: rooms.G1, kind: 'GANTRY', active: true, name: 'G1' },
      { id: rooms.G2, kind: 'GANTRY', active: true, name: 'G2' },
      { id: rooms.G3, kind: 'GANTRY', active: true, name: 'G3' },
    ]);
    // Monday 2 March 2026: open 07:00–23:00 less 30 minutes of QA.
    expect(openIntervals(center, rooms.G1, '2026-03-02')).toEqual([{ start: '2026-03-02T07:30:00+05:00', end: '2026-03-02T23:00:00+05:00' }]);
    expect(openIntervals(center, rooms.G1, '2026-03-07')).toEqual([]); // Saturday
    expect(isOpenDay(center, '2026-03-25')).toBe(false); // Nauryz transfer
  });

  it('serves a cached, frozen config until something changes, then a fresh one', async () => {
    const a = await centers.load();
    expect(await centers.load()).toBe(a);
    expect(Object.isFrozen(a.rooms[0])).toBe(true);

    await request(server).post('/api/v1/closures').set('Authorization', admin).send({ date: '2026-04-06' }).expect(201);
    await request(server)
      .post('/api/v1/downtimes')
      .set('Authorization', admin)
      .send({ roomId: rooms.G2, start: '2026-03-03T10:00:00+05:00', end: '2026-03-03T12:00:00+05:00', kind: 'PLANNED', reason: 'QA of the couch' })
      .expect(201);
    const b = await centers.load();
    expect(b).not.toBe(a);
    expect(b.closures).toEqual(['2026-04-06']);
    expect(openIntervals(b, rooms.G1, '2026-04-06')).toEqual([]);
    expect(openIntervals(b, rooms.G2, '2026-03-03')).toEqual([
      { start: '2026-03-03T07:30:00+05:00', end: '2026-03-03T10:00:00+05:00' },
      { start: '2026-03-03T12:00:00+05:00', end: '2026-03-03T23:00:00+05:00' },
    ]);
    expect(openIntervals(b, rooms.G1, '2026-03-03')).toHaveLength(1);
  });

  it('restricts closures and downtimes to a range when asked', async () => {
    const may = await centers.load(undefined, { from: '2026-05-01', to: '2026-05-31' });
    expect(may.closures).toEqual([]);
    expect(may.downtimes).toEqual([]);
    expect(may.rooms).toHaveLength(3);
    const march = await centers.load(undefined, { from: '2026-03-03T23:00:00+05:00', to: '2026-03-10' });
    expect(march.downtimes).toEqual([
      { id: expect.any(String), roomId: rooms.G2, start: '2026-03-03T05:00:00.000Z', end: '2026-03-03T07:00:00.000Z', reason: 'QA of the couch' },
    ]);
    expect(march.closures).toEqual([]);
  });

  it("sees the caller's uncommitted changes through its manager, and nothing of them after a rollback", async () => {
    await expect(
      db.transaction(async (m) => {
        await m.query(`UPDATE rooms SET active = false WHERE name = 'G3'`);
        const inside = await centers.load(m);
        expect(inside.rooms.find((r) => r.id === rooms.G3)?.active).toBe(false);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const after = await centers.load();
    expect(after.rooms.find((r) => r.id === rooms.G3)?.active).toBe(true);
  });

  it('exposes capacity settings for quotas and forecasts', async () => {
    await expect(centers.getSettings()).resolves.toMatchObject({ annualCapacity: 800, crossBorderShare: 0.15, horizonWeeks: 26, timeZone: 'Asia/Almaty' });
  });
});
