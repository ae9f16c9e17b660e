/** "+05:00": the offset a zone has at about that wall time (the center's zones keep one offset all year). */
export function zoneOffset(timeZone: string, localDateTime: string): string {
  const at = new Date(`${localDateTime.slice(0, 16)}:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(Number.isNaN(at.getTime()) ? new Date() : at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name);
  return match ? match[1] : '+00:00';
}

/** A datetime-local value (center wall time) → ISO instant with the center's offset; empty stays empty for the server to refuse. */
export const centerInstant = (timeZone: string, localDateTime: string) => (localDateTime ? `${localDateTime.slice(0, 16)}:00${zoneOffset(timeZone, localDateTime)}` : '');

/** An instant → the datetime-local value of its wall time in a zone (for editing). */
export function toLocalInput(timeZone: string, instant: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}
