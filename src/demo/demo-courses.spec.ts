import { addDays } from '../common/center-clock';
import { demoCases } from './demo-courses';

const TZ = 'Asia/Almaty';
const base = { anchorDate: '2026-11-27', today: '2026-11-27', timeZone: TZ };

/** Whole years between two YYYY-MM-DD dates. */
function age(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

describe('demoCases', () => {
  it('is deterministic for an anchor date, with unique keys used as MRNs', () => {
    const a = demoCases(base);
    const b = demoCases(base);
    expect(b).toEqual(a);
    expect(new Set(a.map((c) => c.key)).size).toBe(a.length);
    expect(a.every((c) => c.patient.mrn === c.key)).toBe(true);
  });

  it('takes the arrivals of the window only, oldest first, at the generator rate (~800 a year)', () => {
    const cases = demoCases({ ...base, windowDays: 70 });
    // 70 calendar days hold ~48 working days of a ~247-working-day year: ~155 courses.
    expect(cases.length).toBeGreaterThan(120);
    expect(cases.length).toBeLessThan(200);
    const first = addDays(base.anchorDate, -69);
    for (const c of cases) {
      const local = new Date(c.arrival).toLocaleDateString('en-CA', { timeZone: TZ });
      expect(local >= first && local <= base.anchorDate).toBe(true);
    }
    const arrivals = cases.map((c) => c.arrival);
    expect([...arrivals].sort()).toEqual(arrivals);
  });

  it('never asks for a start before today, and keeps children under 18 through the start', () => {
    const cases = demoCases({ ...base, windowDays: 120 });
    for (const c of cases) {
      expect(c.course.earliestStart >= base.today).toBe(true);
      const years = age(c.patient.birthDate, c.course.earliestStart);
      if (c.course.fractionMinutes >= 40) expect(years).toBeLessThan(18);
      else expect(years).toBeGreaterThanOrEqual(18);
      if (c.course.requiresAnesthesia) expect(c.course.fractionMinutes).toBe(50);
    }
  });

  it('turns the generated Kyrgyz stream into KG pediatric oncohematology referrals', () => {
    const cases = demoCases({ ...base, windowDays: 365 });
    const kg = cases.filter((c) => c.referralCountry === 'KG');
    expect(kg.length).toBeGreaterThan(5);
    for (const c of kg) {
      expect(c.course.diagnosisGroup).toBe('ONCOHEMATOLOGY');
      expect(age(c.patient.birthDate, c.course.earliestStart)).toBeLessThan(18);
    }
  });

  it('spans New Year with one seeded scenario per year', () => {
    const cases = demoCases({ anchorDate: '2027-01-20', today: '2027-01-20', timeZone: TZ, windowDays: 60 });
    const years = new Set(cases.map((c) => c.key.slice(5, 9)));
    expect([...years].sort()).toEqual(['2026', '2027']);
    const again = demoCases({ anchorDate: '2027-01-20', today: '2027-01-20', timeZone: TZ, windowDays: 60 });
    expect(again.map((c) => c.key)).toEqual(cases.map((c) => c.key));
  });
});
