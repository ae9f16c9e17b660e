import { redactQuery, redactRequestLog, redactUrl } from './log-redaction';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

describe('log redaction', () => {
  it.each([
    [`/admin/queues?token=${JWT}`, '/admin/queues?token=[Redacted]'],
    ['/x?access_token=abc&page=2', '/x?access_token=[Redacted]&page=2'],
    ['/x?code=123456&password=hunter2&apiKey=k', '/x?code=[Redacted]&password=[Redacted]&apiKey=[Redacted]'],
    [`/x?q=${JWT}`, '/x?q=[Redacted]'],
    [`/x?q=${encodeURIComponent(JWT)}`, '/x?q=[Redacted]'],
    [`/x?${JWT}`, '/x?[Redacted]'],
    ['/api/v1/courses?status=QUEUED&limit=50', '/api/v1/courses?status=QUEUED&limit=50'],
    ['/api/v1/health', '/api/v1/health'],
    ['/x?bad=%E0%A4%A&token=%', '/x?bad=%E0%A4%A&token=[Redacted]'],
    ['/api/v1/calendar-feeds/AbC_-123/calendar.ics?lang=kk', '/api/v1/calendar-feeds/[Redacted]/calendar.ics?lang=kk'],
    ['/api/v1/calendar-feeds/AbC_-123', '/api/v1/calendar-feeds/[Redacted]'],
  ])('%s -> %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('redacts the parsed query at any depth, by name or by shape', () => {
    expect(redactQuery({ token: JWT, page: '2', a: { session: 'x', q: [JWT, 'ok'] } })).toEqual({
      token: '[Redacted]',
      page: '2',
      a: { session: '[Redacted]', q: ['[Redacted]', 'ok'] },
    });
  });

  it("rewrites pino's serialized request in place", () => {
    expect(redactRequestLog({ url: `/a?token=${JWT}`, query: { token: JWT }, method: 'GET' })).toEqual({
      url: '/a?token=[Redacted]',
      query: { token: '[Redacted]' },
      method: 'GET',
    });
    expect(redactRequestLog({ url: '/api/v1/calendar-feeds/AbC/calendar.ics', params: { path: ['calendar-feeds', 'AbC', 'calendar.ics'] } })).toEqual({
      url: '/api/v1/calendar-feeds/[Redacted]/calendar.ics',
      params: '[Redacted]',
    });
    expect(redactRequestLog({ url: '/api/v1/courses', params: { path: ['courses'] } })).toEqual({ url: '/api/v1/courses', params: { path: ['courses'] } });
  });
});
