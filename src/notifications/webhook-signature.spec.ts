import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'kg-ministry-secret-0123456789';
  const body = JSON.stringify({ id: 'n1', events: [{ id: 'e1', type: 'fraction.moved' }] });

  it('is the documented HMAC-SHA256 over "<timestamp>.<body>"', () => {
    const expected = createHmac('sha256', secret).update(`1800000000.${body}`).digest('hex');
    expect(signWebhook(secret, 1800000000, body)).toBe(`v1=${expected}`);
  });

  it('verifies its own signature and refuses a changed body, another secret or a stale timestamp', () => {
    const sig = signWebhook(secret, 1800000000, body);
    expect(verifyWebhook(secret, '1800000000', body, sig, 1800000010)).toBe(true);
    expect(verifyWebhook(secret, '1800000000', body.replace('e1', 'e2'), sig, 1800000010)).toBe(false);
    expect(verifyWebhook('another-secret-0123456789', '1800000000', body, sig, 1800000010)).toBe(false);
    expect(verifyWebhook(secret, '1800000000', body, sig, 1800000000 + 3600)).toBe(false);
  });
});
