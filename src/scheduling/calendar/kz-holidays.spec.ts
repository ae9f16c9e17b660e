import { kzHolidays } from './kz-holidays';
import { demoCenter } from '../defaults/demo-center';
import { isOpenDay } from './calendar-queries';

const dates = (year: number) => kzHolidays(year).map((h) => h.date);

describe('Kazakhstan public holidays (library dates + official transfer rule)', () => {
  it('2026: Nauryz 21–23 March falls Sat–Mon, so 24 and 25 March are days off (library misses the 25th)', () => {
    expect(dates(2026)).toEqual(expect.arrayContaining(['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25']));
    expect(dates(2026)).not.toContain('2026-03-26');
  });

  it('2027: Nauryz starts on a Sunday, so 24 March is off; 9 May is a Sunday, so 10 May is off', () => {
    expect(dates(2027)).toEqual(expect.arrayContaining(['2027-03-24', '2027-05-10']));
    expect(dates(2027)).not.toContain('2027-03-25');
  });

  it('Constitution Day is 30 August up to 2025 and 15 March from 2026 (with transfer when on a weekend)', () => {
    expect(dates(2025)).toEqual(expect.arrayContaining(['2025-08-30', '2025-09-01']));
    expect(dates(2026)).toEqual(expect.arrayContaining(['2026-03-15', '2026-03-16']));
    expect(dates(2026)).not.toContain('2026-08-30');
    expect(dates(2027)).toContain('2027-03-15');
    expect(dates(2027)).not.toContain('2027-08-30');
  });

  it('7 January and Kurban Ait do not transfer when they fall on a weekend', () => {
    // Kurban Ait 2027 is Sunday 16 May; 7 Jan 2028 is a Friday, 7 Jan 2029 a Sunday.
    expect(dates(2027)).toContain('2027-05-16');
    expect(dates(2027)).not.toContain('2027-05-17');
    expect(dates(2029)).toContain('2029-01-07');
    expect(dates(2029)).not.toContain('2029-01-08');
  });

  it.each([
    [2025, ['2025-01-01', '2025-01-02', '2025-01-07', '2025-03-10', '2025-03-24', '2025-03-25', '2025-06-06', '2025-07-07', '2025-10-27', '2025-12-16']],
    [2026, ['2026-03-09', '2026-05-11', '2026-05-27', '2026-10-26', '2026-12-16']],
    [2027, ['2027-01-04', '2027-05-03', '2027-07-06', '2027-10-25']],
    [2028, ['2028-01-03', '2028-01-04', '2028-05-05', '2028-05-08', '2028-12-18']],
    [2029, ['2029-04-24', '2029-12-17']],
    [2030, ['2030-03-25', '2030-04-13', '2030-07-08']],
  ])('%i transfers and moving dates match the official calendar', (year, expected) => {
    expect(dates(year as number)).toEqual(expect.arrayContaining(expected as string[]));
  });

  it('a transfer never lands on another holiday or a weekend', () => {
    for (let y = 2025; y <= 2030; y++) {
      const all = kzHolidays(y);
      const transfers = all.filter((h) => h.transfer).map((h) => h.date);
      expect(new Set(transfers).size).toBe(transfers.length);
      for (const t of transfers) {
        const wd = new Date(`${t}T00:00:00Z`).getUTCDay();
        expect([0, 6]).not.toContain(wd);
        expect(all.filter((h) => h.date === t && !h.transfer)).toHaveLength(0);
      }
    }
  });

  it('the demo center is closed on holidays, and a decree working day reopens one', () => {
    const c = demoCenter();
    expect(isOpenDay(c, '2026-03-25')).toBe(false);
    expect(isOpenDay(c, '2026-03-26')).toBe(true);
    expect(isOpenDay({ ...c, workingDays: ['2026-03-25'] }, '2026-03-25')).toBe(true);
    expect(isOpenDay({ ...c, closures: ['2026-03-26'] }, '2026-03-26')).toBe(false);
  });
});
