import { referralState, toFractionTime } from './referral-progress';

describe('referralState: a referral in words', () => {
  const state = (referralStatus: 'ACTIVE' | 'RETURNED', courseStatus: string, fractionsDone = 0, withdrawnByMinistry = false) =>
    referralState({ referralStatus, courseStatus: courseStatus as never, fractionsDone, withdrawnByMinistry });

  it('follows the course while the place is in use', () => {
    expect(['DRAFT', 'QUEUED', 'UNSCHEDULABLE'].map((s) => state('ACTIVE', s))).toEqual(['WAITING_FOR_PLACE', 'WAITING_FOR_PLACE', 'WAITING_FOR_PLACE']);
    expect(state('ACTIVE', 'SCHEDULED')).toBe('SCHEDULED');
    expect(state('ACTIVE', 'SCHEDULED', 2)).toBe('IN_TREATMENT');
    expect(state('ACTIVE', 'IN_TREATMENT', 5)).toBe('IN_TREATMENT');
    expect(state('ACTIVE', 'COMPLETED', 25)).toBe('COMPLETED');
    expect(state('ACTIVE', 'CANCELLED', 3)).toBe('WITHDRAWN');
  });

  it('tells a withdrawal by the ministry from a place the center returned', () => {
    expect(state('RETURNED', 'CANCELLED', 0, true)).toBe('WITHDRAWN');
    expect(state('RETURNED', 'CANCELLED', 0, false)).toBe('RETURNED');
  });
});

describe('toFractionTime', () => {
  it('gives the start in the center zone and in Bishkek, an hour apart', () => {
    const f = toFractionTime(
      { start: '2026-12-14T04:30:00.000Z', end: '2026-12-14T05:00:00.000Z', roomName: 'G2', status: 'BOOKED' },
      'Asia/Almaty',
      'Asia/Bishkek',
    );
    expect(f.centerLocalStart).toMatch(/^2026-12-14T09:30(:00)?\+05:00$/);
    expect(f.ministryLocalStart).toMatch(/^2026-12-14T10:30(:00)?\+06:00$/);
  });
});
