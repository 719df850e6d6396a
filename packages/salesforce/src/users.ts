import type { SalesforceClient } from './salesforce-client.ts';
import { isPartRefusal, type SkippedPart, skippedPart } from './skipped-part.ts';
import { type QueryOutcome, runQueries, type SoqlRecord } from './soql-batch.ts';
import { inListQueries, soqlDateTime } from './soql-in-list.ts';

/** A user that owns, created or last changed metadata. */
export interface SalesforceUser {
  id: string;
  name: string | null;
  email: string | null;
  username: string | null;
  isActive: boolean | null;
  systemModstamp: string | null;
}

/** The users found, or the refusal when this user may not read User. */
export interface UsersResult {
  users: SalesforceUser[];
  skipped: SkippedPart<'users'>[];
}

const userColumns = 'Id, Name, Email, Username, IsActive, SystemModstamp';

/** The users with these ids, in as few calls as the URL length allows (five queries to a composite call). */
export async function fetchUsers(client: SalesforceClient, ids: readonly string[]): Promise<UsersResult> {
  const queries = inListQueries(client, ids, {
    tooling: false,
    soql: (list) => `SELECT ${userColumns} FROM User WHERE Id IN ${list}`,
    rowsPerValue: () => 1,
  });
  return usersOf(await runQueries(client, queries));
}

/**
 * The users changed since `since`. SystemModstamp, not LastModifiedDate: it also moves when Salesforce
 * itself changes a user (deactivation by a process, a license change).
 */
export async function fetchUsersModifiedSince(client: SalesforceClient, since: Date): Promise<UsersResult> {
  const soql = `SELECT ${userColumns} FROM User WHERE SystemModstamp > ${soqlDateTime(since)}`;
  return usersOf(await runQueries(client, [{ soql, tooling: false }]));
}

function usersOf(outcomes: QueryOutcome[]): UsersResult {
  const users: SalesforceUser[] = [];
  for (const outcome of outcomes) {
    if ('error' in outcome) {
      if (isPartRefusal(outcome.error)) return { users: [], skipped: [skippedPart('users', outcome.error)] };
      throw outcome.error;
    }
    users.push(...outcome.records.map(user));
  }
  return { users, skipped: [] };
}

function user(record: SoqlRecord): SalesforceUser {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: String(record.Id),
    name: text(record.Name),
    email: text(record.Email),
    username: text(record.Username),
    isActive: typeof record.IsActive === 'boolean' ? record.IsActive : null,
    systemModstamp: text(record.SystemModstamp),
  };
}
