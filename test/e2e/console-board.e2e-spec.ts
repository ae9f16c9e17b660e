import type { TestApp } from '../support/test-app';
import { Api, createCourse, createPatient, db, scheduledCourse, schedulingApp, waitForCourses } from './scheduling-fixtures';

interface BoardAppt {
  id: string;
  courseId: string;
  fraction: number;
  fractions: number;
  roomId: string;
  roomName: string;
  start: string;
  end: string;
  localDate: string;
  localTime: string;
  localEndTime: string;
  pediatric: boolean;
  patient: { id: string; fullName: string };
}
type Span = { start: string; end: string };

const almaty = (iso: string) => {
  const local = new Date(Date.parse(iso) + 5 * 3600_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
};

describe('GET /board: the day board in one request, names and local times included', () => {
  let t: TestApp;
  let api: Api;
  let rooms: string[];
  beforeAll(async () => {
    ({ t, api, rooms } = await schedulingApp(['G1', 'G2']));
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows every fraction of the day in its room at its local time, and free places that miss them all', async () => {
    const { courseId, appts } = await scheduledCourse(t, api, 3);
    const child = await createPatient(api, { firstName: 'Alikhan', lastName: 'Boardov', birthDate: '2019-04-02' });
    const kid = await createCourse(api, child, { fractions: 2, requiresAnesthesia: true });
    await api.post(`/courses/${kid.id}/submit`).expect(202);
    await waitForCourses(t, [kid.id], ['SCHEDULED']);
    const day = almaty(appts[0].start).date;

    const res = await api.get(`/board?date=${day}`).expect(200);
    const board = res.body;
    expect(board).toMatchObject({ from: day, days: 1, timezone: 'Asia/Almaty', sharedBeam: expect.any(Boolean) });
    expect(board.rooms.map((r: { name: string }) => r.name).sort()).toEqual(['G1', 'G2']);
    const mine: BoardAppt = board.appointments.find((a: BoardAppt) => a.id === appts[0].id);
    expect(mine).toMatchObject({
      courseId,
      fraction: 1,
      fractions: 3,
      roomId: appts[0].roomId,
      roomName: rooms.indexOf(appts[0].roomId) === 0 ? 'G1' : 'G2',
      localDate: day,
      localTime: almaty(appts[0].start).time,
      localEndTime: almaty(appts[0].end).time,
      pediatric: false,
      patient: { fullName: 'Aigerim Testova' },
    });
    expect(Date.parse(mine.start)).toBe(Date.parse(appts[0].start));
    expect(mine.start).toMatch(/\+05:00$/);
    // Every fraction on the board lies on the asked day, and nothing of that day is missing.
    for (const a of board.appointments as BoardAppt[]) expect(a.localDate).toBe(day);
    const kidsFirst = (await api.get(`/courses/${kid.id}/appointments`).expect(200)).body[0];
    if (almaty(kidsFirst.start).date === day) {
      expect(board.appointments.find((a: BoardAppt) => a.id === kidsFirst.id)).toMatchObject({
        pediatric: true,
        requiresAnesthesia: true,
        patient: { fullName: 'Alikhan Boardov' },
      });
    }

    expect(board.dayInfo).toHaveLength(1);
    const info = board.dayInfo[0];
    expect(info).toMatchObject({ date: day, closed: false, closureReason: null });
    expect(info.anesthesiaWindows.length).toBeGreaterThan(0);
    for (const room of info.rooms) {
      expect(room.open.length).toBeGreaterThan(0);
      expect(room.qa).not.toBeNull();
      // QA sits at the start of the hours; free places are inside the hours, after QA, at least 26 minutes long.
      expect(Date.parse(room.qa.start)).toBe(Date.parse(room.open[0].start));
      for (const f of room.free as Span[]) {
        expect(Date.parse(f.end) - Date.parse(f.start)).toBeGreaterThanOrEqual(26 * 60_000);
        expect(Date.parse(f.start)).toBeGreaterThanOrEqual(Date.parse(room.qa.end));
        for (const a of (board.appointments as BoardAppt[]).filter((x) => x.roomId === room.roomId)) {
          const overlaps = Date.parse(f.start) < Date.parse(a.end) && Date.parse(a.start) < Date.parse(f.end);
          expect({ free: f, booked: a.id, overlaps }).toEqual({ free: f, booked: a.id, overlaps: false });
        }
      }
    }
  });

  it('covers up to seven days; a Sunday is closed, with no hours and no free place', async () => {
    const monday = nextWeekday(1);
    const res = await api.get(`/board?date=${monday}&days=7`).expect(200);
    expect(res.body.dayInfo.map((d: { date: string }) => d.date)).toHaveLength(7);
    const sunday = res.body.dayInfo[6];
    expect(sunday).toMatchObject({ closed: true, closureReason: null });
    expect(sunday.rooms.every((r: { open: Span[]; free: Span[] }) => r.open.length === 0 && r.free.length === 0)).toBe(true);
    expect(res.body.dayInfo.filter((d: { closed: boolean }) => !d.closed).length).toBeGreaterThan(0);
    const wednesday = res.body.dayInfo[2].date;
    await db(t).query(`INSERT INTO closures (date, kind, reason, created_by) VALUES ($1, 'CLOSURE', 'Boiler repair', 'admin')`, [wednesday]);
    const closed = (await api.get(`/board?date=${wednesday}`).expect(200)).body.dayInfo[0];
    expect(closed).toMatchObject({ date: wednesday, closed: true, closureReason: 'Boiler repair' });
    expect(closed.rooms.every((r: { free: Span[] }) => r.free.length === 0)).toBe(true);
  });

  it('validates its query and refuses a ministry', async () => {
    for (const q of ['date=2027-02-30', 'date=2027-03-01&days=8', 'date=2027-03-01&days=0', 'days=1', 'date=2027-03-01&days=1.5']) {
      const res = await api.get(`/board?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await api.get('/board?date=2027-03-01', 'ministry-kg').expect(403);
  });
});

function nextWeekday(isoDay: number): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  while (((d.getUTCDay() + 6) % 7) + 1 !== isoDay) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
