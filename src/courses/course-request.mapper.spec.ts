import { patientCategory } from './course-request.mapper';

describe('patientCategory (PEDIATRIC when under 18 on the earliest start)', () => {
  it.each([
    ['2009-03-15', '2027-03-14', 'PEDIATRIC'], // the day before the 18th birthday
    ['2009-03-15', '2027-03-15', 'ADULT'], // the birthday itself
    ['2009-12-31', '2027-01-01', 'PEDIATRIC'],
    ['2008-02-29', '2026-02-28', 'PEDIATRIC'], // leap-day birthday: 18 only on 1 March in a common year
    ['2008-02-29', '2026-03-01', 'ADULT'],
    ['1980-06-01', '2027-01-01', 'ADULT'],
  ])('born %s, starting %s: %s', (birth, start, expected) => {
    expect(patientCategory(birth, start)).toBe(expected);
  });
});
