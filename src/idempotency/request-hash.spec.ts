import { requestHash } from './request-hash';

describe('requestHash', () => {
  it('ignores key order and undefined members, at every depth', () => {
    const a = requestHash('POST', '/api/v1/referrals', { patient: { lastName: 'A', firstName: 'B' }, count: 2, note: undefined });
    const b = requestHash('post', '/api/v1/referrals', { count: 2, patient: { firstName: 'B', lastName: 'A' } });
    expect(a).toBe(b);
  });

  it('tells apart bodies, array orders, paths and types', () => {
    const base = requestHash('POST', '/api/v1/x', { ids: [1, 2], n: 1 });
    expect(requestHash('POST', '/api/v1/x', { ids: [2, 1], n: 1 })).not.toBe(base);
    expect(requestHash('POST', '/api/v1/y', { ids: [1, 2], n: 1 })).not.toBe(base);
    expect(requestHash('POST', '/api/v1/x', { ids: [1, 2], n: '1' })).not.toBe(base);
    expect(requestHash('POST', '/api/v1/x', { ids: [1, 2], n: 1, extra: null })).not.toBe(base);
  });

  it('treats a missing body like null', () => {
    expect(requestHash('POST', '/a', undefined)).toBe(requestHash('POST', '/a', null));
  });

  it('keeps the fingerprints keys were stored under (same canonical text as the recursive version)', () => {
    const body = {
      patient: { lastName: 'A', firstName: 'B', tags: [1, null, 'x', { z: 1, a: [[]] }] },
      count: 2,
      note: undefined,
      '10': 1,
      '9': 2,
      é: true,
      '"q': {},
    };
    expect(requestHash('POST', '/x', body)).toBe('fae42e36fbb78ad895d64818b022519478da092120c19c6ea31f8e3cc3f9aae6');
  });

  it('hashes any nesting without overflowing the call stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { a: deep };
    expect(requestHash('POST', '/a', deep)).toMatch(/^[0-9a-f]{64}$/);
  });
});
