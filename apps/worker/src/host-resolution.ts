import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { JobRefusal } from './job-refusal.ts';

/**
 * Checks that a connection's host resolves before its first login. A host that has never
 * resolved is a typo, not an outage: DNS answering ENOTFOUND for it fails the connection at
 * once instead of retrying for minutes. Other DNS trouble (EAI_AGAIN, timeouts) stays transient.
 */
export async function assertHostResolves(host: string): Promise<void> {
  const hostname = new URL(host).hostname.replace(/^\[|\]$/g, '');
  if (isIP(hostname) !== 0) return;
  try {
    await lookup(hostname);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOTFOUND') throw error;
    throw new JobRefusal(
      'HOST_NOT_FOUND',
      `The host ${hostname} does not exist (DNS answered ENOTFOUND); check the org's My Domain name and update the connection`,
    );
  }
}
