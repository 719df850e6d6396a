import { randomBytes } from 'node:crypto';

/** A refresh token; `grantId` ties it to the access tokens issued under the same authorization, across rotations. */
export interface RefreshToken {
  token: string;
  grantId: string;
  scope: string;
  status: 'active' | 'rotated' | 'revoked';
}

/** One org's refresh tokens; dead ones stay known so their reuse can be told apart from garbage. */
export class RefreshTokens {
  private readonly tokens = new Map<string, RefreshToken>();

  /** Issues a token shaped like Salesforce's (`5Aep86...`, 87 characters). */
  issue(scope: string, grantId: string = randomBytes(9).toString('hex')): RefreshToken {
    const token = `5Aep86${randomBytes(61).toString('base64url').replace(/[-_]/g, '.')}`;
    const record: RefreshToken = { token, grantId, scope, status: 'active' };
    this.tokens.set(token, record);
    return record;
  }

  find(token: string | undefined): RefreshToken | undefined {
    return token === undefined ? undefined : this.tokens.get(token);
  }

  /** Replaces an active token by a new one of the same grant. */
  rotate(old: RefreshToken): RefreshToken {
    old.status = 'rotated';
    return this.issue(old.scope, old.grantId);
  }

  /** Revokes every active token (of one grant, or all); returns the grant ids revoked. */
  revoke(grantId?: string): Set<string> {
    const revoked = new Set<string>();
    for (const t of this.tokens.values()) {
      if (t.status === 'active' && (grantId === undefined || t.grantId === grantId)) {
        t.status = 'revoked';
        revoked.add(t.grantId);
      }
    }
    return revoked;
  }

  active(): string[] {
    return [...this.tokens.values()].filter((t) => t.status === 'active').map((t) => t.token);
  }
}
