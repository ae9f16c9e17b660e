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
});
