import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress, WebhookUrlPolicy } from '@sfmeta/webhooks/webhook-url-policy';

/** A receiver that did not answer in time. */
export class WebhookTimeoutError extends Error {
  override readonly name = 'WebhookTimeoutError';
}

// A receiver's answer is not read, only drained a little so that the connection closes cleanly.
const MAX_DRAINED_BYTES = 64 * 1024;

/**
 * POSTs `body` to a webhook URL and answers the HTTP status. The URL is checked by `policy` first,
 * and the connection goes only to the addresses that check found public, so a DNS answer that
 * changes in between (rebinding) cannot reach an internal address. Redirects are not followed
 * (a 3xx is just a status), and the whole attempt, DNS included, ends after `timeoutMs`.
 */
export async function postWebhook(
  policy: WebhookUrlPolicy,
  url: string,
  request: { body: string; headers: Record<string, string>; timeoutMs: number },
): Promise<number> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new WebhookTimeoutError(`no answer within ${request.timeoutMs} ms`));
    }, request.timeoutMs);
  });
  try {
    const target = await Promise.race([policy.resolve(url), deadline]);
    return await Promise.race([send(target.url, target.addresses, request, controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function send(
  url: URL,
  addresses: ResolvedAddress[] | null,
  request: { body: string; headers: Record<string, string> },
  signal: AbortSignal,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const outgoing = client.request(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      // A connection of its own each time: nothing pooled outlives the check of its address.
      agent: false,
      signal,
      ...(addresses ? { lookup: pinnedLookup(addresses) } : {}),
    });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const status = response.statusCode ?? 0;
      let drained = 0;
      response.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > MAX_DRAINED_BYTES) response.destroy();
      });
      response.on('error', () => {});
      response.on('close', () => resolve(status));
    });
    outgoing.end(request.body);
  });
}

/** A DNS lookup that answers only the addresses already checked. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family ? addresses.filter((entry) => entry.family === family) : addresses;
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error('no checked address of the requested family'), { code: 'ENOTFOUND' }), '');
      return;
    }
    if (options.all) callback(null, usable);
    else callback(null, first.address, first.family);
  };
}
