import { isCalendarDate, isInstantWithOffset } from './instant';

describe('wire dates and instants', () => {
  it.each(['2027-03-01', '2028-02-29', '9999-12-31', '1900-01-01'])('takes the real date %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['2027-02-29', '2027-02-30', '2027-13-01', '2027-00-10', '2027-3-1', '20270301', '2027-W10', '2027-069', '0000-01-01', '', 20270301])(
    'refuses %p as a calendar date',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );

  it.each(['2027-03-01T09:00:00+05:00', '2027-03-01T09:00Z', '2027-03-01T23:59:59.999-03:30', '2027-03-01T09:00:00+14:00'])('takes the instant %s', (value) => {
    expect(isInstantWithOffset(value)).toBe(true);
  });

  it.each([
    '2027-03-01T09:00:00', // no offset: it would be read in the server's zone
    '2027-03-01',
    '2027-02-30T10:00:00+05:00',
    '2027-03-01T24:00:00+05:00',
    '2027-03-01T09:60:00+05:00',
    '2027-03-01T09:00:60+05:00',
    '2027-03-01T09:00:00+14:30',
    '2027-03-01T09:00:00+05:60',
    '2027-W10',
    '20270310T0900Z',
    '0999-12-31T09:00:00Z',
    '9999-12-31T09:00:00Z',
  ])('refuses %s as an instant', (value) => {
    expect(isInstantWithOffset(value)).toBe(false);
  });
});
