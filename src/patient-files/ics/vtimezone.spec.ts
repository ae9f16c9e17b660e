import { offsetText, vtimezone } from './vtimezone';

const at = (iso: string) => Date.parse(iso);

describe('vtimezone: written from the runtime zone data for the range the events cover', () => {
  it('gives a zone without changes one observance at its offset (Almaty today is +05)', () => {
    const text = vtimezone('Asia/Almaty', at('2027-03-01T04:00:00Z'), at('2027-04-10T04:00:00Z'));
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Almaty',
      'BEGIN:STANDARD',
      'DTSTART:20270228T050000',
      'TZOFFSETFROM:+0500',
      'TZOFFSETTO:+0500',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it("finds Almaty's move from +06 to +05 on 2024-03-01 to the minute", () => {
    const text = vtimezone('Asia/Almaty', at('2024-02-20T04:00:00Z'), at('2024-03-10T04:00:00Z'));
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20240301T000000\r\nTZOFFSETFROM:+0600\r\nTZOFFSETTO:+0500\r\nEND:STANDARD');
  });

  it('writes summer time as DAYLIGHT and its end as STANDARD (Berlin 2027)', () => {
    const text = vtimezone('Europe/Berlin', at('2027-03-01T00:00:00Z'), at('2027-11-30T00:00:00Z'));
    expect(text).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT');
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20271031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD');
  });

  it('formats offsets as RFC 5545 utc-offsets', () => {
    expect([offsetText(300), offsetText(-210), offsetText(0), offsetText(345)]).toEqual(['+0500', '-0330', '+0000', '+0545']);
  });
});
