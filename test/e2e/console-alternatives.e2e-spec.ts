import type { TestApp } from '../support/test-app';
import { Api, db, scheduledCourse, schedulingApp, violations } from './scheduling-fixtures';

interface Alt {
  roomId: string;
  roomName: string;
  start: string;
  end: string;
  localDate: string;
  localTime: string;
  sameDay: boolean;
  minutesFromCurrent: number;
  rank: number;
}

describe('GET /appointments/:id/alternatives: every suggestion is a move /move accepts', () => {
  let t: TestApp;
  let api: Api;
  beforeAll(async () => {
    ({ t, api } = await schedulingApp(['G1', 'G2']));
  });
  afterAll(async () => {
    await t.close();
  });

  it('ranks same-day places first and /move accepts each one in turn (undone after each)', async () => {
    await scheduledCourse(t, api, 4);
    const { courseId, appts } = await scheduledCourse(t, api, 4);
    await scheduledCourse(t, api, 4);
    const target = appts[1];
    const res = await api.get(`/appointments/${target.id}/alternatives?limit=10`).expect(200);
    const alts: Alt[] = res.body;
    expect(alts.length).toBeGreaterThan(0);
    expect(alts.length).toBeLessThanOrEqual(10);
    expect(alts.map((a) => a.rank)).toEqual(alts.map((_, i) => i + 1));
    expect(alts[0].sameDay).toBe(true);
    for (const a of alts) {
      expect(a.roomName).toMatch(/^G[12]$/);
      expect(a.start).toMatch(/\+05:00$/);
      const local = new Date(Date.parse(a.start) + 5 * 3600_000).toISOString();
      expect([a.localDate, a.localTime]).toEqual([local.slice(0, 10), local.slice(11, 16)]);
      expect(a.minutesFromCurrent).toBe((Date.parse(a.start) - Date.parse(target.start)) / 60_000);
    }
    for (const a of alts) {
      const moved = await api.post(`/appointments/${target.id}/move`, { roomId: a.roomId, start: a.start, reason: 'suggestion' });
      expect({ rank: a.rank, status: moved.status, body: moved.status === 200 ? null : moved.body }).toEqual({ rank: a.rank, status: 200, body: null });
      expect(await violations(t, [courseId])).toEqual([]);
      await api.post(`/appointments/${target.id}/move`, { roomId: target.roomId, start: target.start, reason: 'undo' }).expect(200);
    }
    const history = (await api.get(`/appointments/${target.id}/moves`).expect(200)).body;
    expect(history).toHaveLength(alts.length * 2);
  });

  it('validates, refuses what cannot move, and answers only staff', async () => {
    const { appts } = await scheduledCourse(t, api, 2);
    await api.get(`/appointments/${appts[0].id}/alternatives?limit=0`).expect(400);
    await api.get(`/appointments/${appts[0].id}/alternatives?limit=51`).expect(400);
    await api.get(`/appointments/00000000-0000-4000-8000-000000000000/alternatives`).expect(404);
    await api.get(`/appointments/${appts[0].id}/alternatives`, 'ministry-kg').expect(403);
    await db(t).query(`UPDATE appointments SET status = 'CANCELLED' WHERE id = $1`, [appts[1].id]);
    const refused = await api.get(`/appointments/${appts[1].id}/alternatives`).expect(409);
    expect(refused.body.type).toMatch(/invalid-appointment-state$/);
    expect((await api.get(`/appointments/${appts[0].id}/alternatives?limit=3`).expect(200)).body.length).toBeLessThanOrEqual(3);
  });
});
