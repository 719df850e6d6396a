import { createHmac } from 'node:crypto';
import type { OrgRuntime } from '../../runtime/org-runtime.ts';

/** What a grant issues besides the access token. */
export interface IssueOptions {
  /** The refresh token family the access token belongs to, so revoking it kills the access token too. */
  grantId?: string;
  scope?: string;
  /** Sent back only when newly issued (code exchange, rotation). */
  refreshToken?: string;
}

/**
 * Issues an access token and builds the success body. The password grant keeps Salesforce's short
 * body; grants with a scope answer in the web-server flow's order. signature is HMAC-SHA256(id + issued_at)
 * keyed by the client secret.
 */
export function tokenResponse(org: OrgRuntime, baseUrl: string, options: IssueOptions = {}): Record<string, string> {
  const session = org.oauth.issueAccessToken(options.grantId);
  const id = `${baseUrl}/id/${org.org.id}/${org.org.userId}`;
  const issuedAt = String(session.issuedAt);
  const signature = createHmac('sha256', org.org.spec.clientSecret)
    .update(id + issuedAt)
    .digest('base64');
  const tail = { instance_url: baseUrl, id, token_type: 'Bearer', issued_at: issuedAt };
  if (options.scope === undefined) return { access_token: session.token, ...tail, signature };
  return {
    access_token: session.token,
    ...(options.refreshToken !== undefined ? { refresh_token: options.refreshToken } : {}),
    signature,
    scope: options.scope,
    ...tail,
  };
}
