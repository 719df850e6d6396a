import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const secret = generateWebhookSecret();
const body = JSON.stringify({ id: 'd1', event: 'extraction.succeeded', data: { ok: true } });
const now = 1_764_806_400;

describe('webhook signatures', () => {
  it('generates distinct whsec_ secrets of 32 random bytes', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('verifies a signature over the timestamp and the body, as text or bytes', () => {
    const header = signWebhook(secret, body, now);
    expect(header).toMatch(/^t=1764806400,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ body, header, secret, now })).toBe(true);
    expect(verifyWebhookSignature({ body: Buffer.from(body), header, secret, now: now + 299 })).toBe(true);
  });

  it('refuses a tampered body, another secret, a changed timestamp or a malformed header', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhookSignature({ body: body.replace('true', 'false'), header, secret, now })).toBe(false);
    expect(verifyWebhookSignature({ body, header, secret: generateWebhookSecret(), now })).toBe(false);
    expect(verifyWebhookSignature({ body, header: header.replace(`t=${now}`, `t=${now + 1}`), secret, now })).toBe(
      false,
    );
    for (const bad of [undefined, '', 'v1=abc', `t=${now}`, `t=${now},v1=zz`, 'garbage']) {
      expect(verifyWebhookSignature({ body, header: bad, secret, now })).toBe(false);
    }
  });

  it('refuses a signature older (or newer) than the tolerance', () => {
    const header = signWebhook(secret, body, now - 301);
    expect(verifyWebhookSignature({ body, header, secret, now })).toBe(false);
    expect(verifyWebhookSignature({ body, header, secret, now, toleranceSeconds: 600 })).toBe(true);
    expect(verifyWebhookSignature({ body, header: signWebhook(secret, body, now + 400), secret, now })).toBe(false);
  });

  it('accepts any of several v1 signatures', () => {
    const other = signWebhook(generateWebhookSecret(), body, now).split(',')[1];
    const header = `${signWebhook(secret, body, now)},${other}`;
    expect(verifyWebhookSignature({ body, header, secret, now })).toBe(true);
  });
});
