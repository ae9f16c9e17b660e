import { isIanaTimeZone } from './time-zone';

describe('isIanaTimeZone', () => {
  it.each(['Asia/Almaty', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('accepts %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });
  it.each(['Asia/Atlantis', '+05:00', '', 'Asia/Almaty; DROP', 42, null])('rejects %j', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});
