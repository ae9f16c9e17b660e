import { calendarFor } from '../calendar/center-calendar';
import { demoCenter } from '../defaults/demo-center';
import { checkSchedule } from '../rules/check-schedule';
import { booking, course } from '../testing/booking-factory';
import { dayNumOf } from '../time/civil-day';
import { formatInstant } from '../time/zone';
import { AllocationResult, Booking, CourseRequest } from '../types';
import { DayLanes } from './day-lanes';
import { createPlanner, DEFAULT_RESERVATION, NO_RESERVATION } from './planner';

const center = demoCenter();
const cal = calendarFor(center);
const arrival = '2027-02-26T09:00:00+05:00';
const sched = (r: AllocationResult) => {
  if (r.status !== 'SCHEDULED') throw new Error(`expected SCHEDULED, got ${r.reason}`);
  return r;
};

/** "G2 07:40 40" for every place of the demo center's template on a date. */
function templatePlaces(date: string): Set<string> {
  const [y, m, d] = date.split('-').map(Number);
  const lanes = new DayLanes(cal, 10).of(dayNumOf(y, m, d));
  if (!lanes) throw new Error('no template');
  return new Set(lanes.flatMap((room, r) => room.map((l) => `${center.rooms[r].id} ${formatInstant(center.timeZone, l.start).slice(11, 16)} ${l.minutes}`)));
}
const placeOf = (b: Booking, minutes: number) => `${b.roomId} ${b.start.slice(11, 16)} ${minutes}`;

describe('allocation on the lane template', () => {
  it("puts adults' and children's fractions on the template's places of their length", () => {
    const planner = createPlanner(center, [], { reservation: NO_RESERVATION });
    const courses: Array<[CourseRequest, number]> = [
      [course('ADULT', { fractions: 10, arrival, earliestStart: '2027-03-01' }), 30],
      [course('CHILD', { fractions: 10, arrival, earliestStart: '2027-03-01', fractionMinutes: 40, patientCategory: 'PEDIATRIC' }), 40],
      [
        course('ANES', { fractions: 10, arrival, earliestStart: '2027-03-01', fractionMinutes: 50, requiresAnesthesia: true, patientCategory: 'PEDIATRIC' }),
        50,
      ],
    ];
    const booked: Booking[] = [];
    for (const [c, minutes] of courses) {
      const r = sched(planner.allocate(c, { now: arrival }));
      for (const b of r.appointments) expect(templatePlaces(b.start.slice(0, 10)).has(placeOf(b, minutes))).toBe(true);
      booked.push(...r.appointments);
    }
    expect(
      checkSchedule(
        center,
        booked,
        courses.map(([c]) => c),
      ),
    ).toEqual([]);
  });

  it('places a fraction longer than any place freely, and still keeps every rule', () => {
    const c = course('LONG', { fractions: 5, arrival, earliestStart: '2027-03-01', fractionMinutes: 65 });
    const r = sched(createPlanner(center, []).search(c, { now: arrival }));
    expect(r.appointments).toHaveLength(5);
    expect(checkSchedule(center, r.appointments, [c])).toEqual([]);
  });

  // 2027-03-01 with every children's place booked (on the template) and the standard places free.
  const childrenBooked: Booking[] = new DayLanes(cal, 10).of(dayNumOf(2027, 3, 1))!.flatMap((room, r) =>
    room
      .filter((l) => l.minutes > 30)
      .map((l, k) =>
        booking(`KID-${r}-${k}`, 1, center.rooms[r].id, '2027-03-01', formatInstant(center.timeZone, l.start).slice(11, 16), {
          minutes: l.minutes,
          anesthesia: l.anesthesia,
        }),
      ),
  );
  const arrival35 = { arrival, earliestStart: '2027-03-01', dueStart: '2027-03-01', fractions: 1, fractionMinutes: 35 };

  it('falls back to free placement for an urgent course the template would start late', () => {
    // 35 minutes fit only a children's place; two free standard places side by side hold it too.
    const c = course('U', { ...arrival35, urgency: 'URGENT' });
    const r = sched(createPlanner(center, childrenBooked, { reservation: NO_RESERVATION }).search(c, { now: arrival }));
    expect(r.firstDate).toBe('2027-03-01');
    expect(checkSchedule(center, [...childrenBooked, ...r.appointments], [c])).toEqual([]);
  });

  it('keeps a routine course on the template (a later start) unless lanes: false', () => {
    const c = course('R', arrival35);
    expect(sched(createPlanner(center, childrenBooked, { reservation: NO_RESERVATION }).search(c, { now: arrival })).firstDate).toBe('2027-03-02');
    expect(sched(createPlanner(center, childrenBooked, { reservation: NO_RESERVATION, lanes: false }).search(c, { now: arrival })).firstDate).toBe(
      '2027-03-01',
    );
  });

  it('lays a day booked off the template out again around its bookings, and uses the free time', () => {
    // An older schedule: the rooms are full but for G1 14:10-14:40, which the template's 14:00
    // and 14:30 places overlap.
    const old: Booking[] = [
      booking('OLD1', 1, 'G1', '2027-03-01', '07:30', { minutes: 14 * 60 + 10 - (7 * 60 + 30) }),
      booking('OLD2', 1, 'G1', '2027-03-01', '14:40', { minutes: 23 * 60 - (14 * 60 + 40) }),
      booking('OLD3', 1, 'G2', '2027-03-01', '07:40', { minutes: 23 * 60 - (7 * 60 + 40) }),
      booking('OLD4', 1, 'G3', '2027-03-01', '07:50', { minutes: 23 * 60 - (7 * 60 + 50) }),
    ];
    const c = course('R', { fractions: 1, arrival, earliestStart: '2027-03-01' });
    const r = sched(createPlanner(center, old, { reservation: NO_RESERVATION }).search(c, { now: arrival }));
    expect(r.appointments[0]).toMatchObject({ roomId: 'G1', start: '2027-03-01T14:10:00+05:00' });
  });

  it("holds the routine reserve for each kind of place: routine children under anesthesia cannot take the day's last places", () => {
    // Six anesthesia places a day; a routine course far ahead must leave half of them free.
    const policy = { ...DEFAULT_RESERVATION, emergencySlots: undefined, ROUTINE: { share: 0.5, minShare: 0.5, releaseDays: 0, fullDays: 1 } };
    const planner = createPlanner(center, [], { reservation: policy });
    const firstDays = Array.from({ length: 4 }, (_, i) => {
      const c = course(`K${i}`, {
        fractions: 5,
        arrival,
        earliestStart: '2027-04-05',
        fractionMinutes: 50,
        requiresAnesthesia: true,
        patientCategory: 'PEDIATRIC',
      });
      return sched(planner.allocate(c, { now: arrival })).firstDate;
    });
    // Three of six may be booked (each leaves at least three free); the fourth waits.
    expect(firstDays.slice(0, 3)).toEqual(['2027-04-05', '2027-04-05', '2027-04-05']);
    expect(firstDays[3] > '2027-04-05').toBe(true);
  });
});
