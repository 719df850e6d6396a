import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How old a signature may be, by default, before verifyWebhookSignature refuses it (replays). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The hex HMAC-SHA256 of `${timestamp}.${body}` under the webhook's secret. */
function hmac(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The Sfmeta-Signature header, `t=<unix seconds>,v1=<hex HMAC-SHA256>`, for `body` sent at `timestamp`. */
export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/**
 * True when `header` (Sfmeta-Signature) signs `body` (the raw request body, exactly as received)
 * with `secret`, and its timestamp is within `toleranceSeconds` of `now` (so that a captured
 * request cannot be replayed later). Compares in constant time; several v1 entries are allowed.
 */
export function verifyWebhookSignature(input: {
  body: string | Buffer;
  header: string | undefined | null;
  secret: string;
  toleranceSeconds?: number;
  /** Unix seconds; defaults to the current time. */
  now?: number;
}): boolean {
  if (!input.header) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of input.header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmac(input.secret, timestamp, input.body), 'hex');
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected));
}
