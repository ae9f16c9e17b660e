import { moveReasonKind } from './move-reason';

describe('moveReasonKind', () => {
  it.each([
    [
      'Downtime of G1 2027-03-03T09:00:00+05:00–2027-03-03T11:00:00+05:00 (magnet fault) hits this fraction; moved the same day to G2 at 09:30',
      'system',
      'DOWNTIME',
    ],
    [
      'Downtime of the beam line 2027-03-03T09:00:00+05:00–2027-03-03T11:00:00+05:00 left course X no other place on 2027-03-03; this course, not started yet, starts a day later',
      'admin',
      'DOWNTIME',
    ],
    ['Started earlier: a place at the same time and in the same room came free on 2027-03-02.', 'system', 'EARLY_START'],
    [
      'Center opened 2027-03-06 (decree working day): fraction 5 moved from 2027-03-08 to 2027-03-06 10:00 in G1 so the course is not interrupted.',
      'system',
      'OPENED_DAY',
    ],
    ['Moved so that EMERGENCY course C1 can start by 2027-03-02; this course had not started yet.', 'system', 'EMERGENCY'],
    ['Fraction 3 (2027-03-03 10:00) was missed; it is given again after the last one, on 2027-03-09 at 10:00 in G1.', 'coordinator', 'MISSED'],
    ['fraction 2 booked again by coordinator', 'coordinator', 'REBOOKED'],
    ['moved by coordinator', 'coordinator', 'MANUAL'],
    ['patient request', 'coordinator', 'MANUAL'],
    ['something unknown', 'system', 'OTHER'],
  ])('%s → %s', (reason, by, kind) => {
    expect(moveReasonKind(reason, by)).toBe(kind);
  });
});
