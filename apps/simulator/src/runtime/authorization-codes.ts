import { createHash, randomBytes } from 'node:crypto';

/** What the authorize endpoint remembers about a code until it is exchanged. */
export interface AuthorizationCode {
  code: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: 'S256' | 'plain';
  expiresAt: number;
  used: boolean;
}

/** One org's authorization codes: single-use and short-lived. */
export class AuthorizationCodes {
  private readonly codes = new Map<string, AuthorizationCode>();

  /** Issues a code shaped like Salesforce's (`aPrx` + base64, padding included, so clients must URL-encode it). */
  issue(fields: Omit<AuthorizationCode, 'code' | 'used' | 'expiresAt'>, ttlMs: number): AuthorizationCode {
    const code = `aPrx${randomBytes(64).toString('base64').replaceAll('+', '.').replaceAll('/', '_')}`;
    const record: AuthorizationCode = { ...fields, code, used: false, expiresAt: Date.now() + ttlMs };
    this.codes.set(code, record);
    return record;
  }

  /**
   * Consumes a code: the first exchange kills it whatever its outcome. Undefined for unknown, used or expired
   * codes.
   */
  take(code: string | undefined): AuthorizationCode | undefined {
    const record = code === undefined ? undefined : this.codes.get(code);
    if (!record || record.used) return undefined;
    record.used = true;
    return record.expiresAt > Date.now() ? record : undefined;
  }

  /** Codes neither used nor expired. */
  pending(): number {
    const now = Date.now();
    return [...this.codes.values()].filter((c) => !c.used && c.expiresAt > now).length;
  }
}

/** RFC 7636: the verifier matches when its transform equals the challenge remembered with the code. */
export function verifierMatches(record: AuthorizationCode, verifier: string | undefined): boolean {
  if (record.codeChallenge === undefined) return true;
  if (!verifier) return false;
  const transformed =
    record.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
  return transformed === record.codeChallenge;
}
