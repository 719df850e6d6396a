import { createHmac } from 'node:crypto';
import type { OrgRuntime } from '../../runtime/org-runtime.ts';
import type { SessionStore } from '../../runtime/sessions.ts';

/** Issues an access token and builds the success body every grant shares; signature is HMAC-SHA256(id + issued_at) keyed by the client secret. */
export function tokenResponse(org: OrgRuntime, sessions: SessionStore, baseUrl: string): Record<string, string> {
  const session = sessions.issue(org.org.spec.name, org.org.id);
  const id = `${baseUrl}/id/${org.org.id}/${org.org.userId}`;
  const issuedAt = String(Date.now());
  const signature = createHmac('sha256', org.org.spec.clientSecret).update(id + issuedAt).digest('base64');
  return { access_token: session.token, instance_url: baseUrl, id, token_type: 'Bearer', issued_at: issuedAt, signature };
}
