import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionBody, eventually, type ConnectionView } from '../support/flow.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { faultOrg } from './fault-org.ts';

// A host admitted by the host policy that no DNS server knows (RFC 6761 reserves .invalid).
const unresolvable = 'https://no-such-org.invalid';

describe('registrations to hosts that do not resolve', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ orgs: [faultOrg], env: { SFMETA_ALLOWED_HOSTS: unresolvable } });
  });
  afterAll(() => stack?.stop());

  it('fail at once as HOST_NOT_FOUND and do not hold up a valid registration', async () => {
    const bad = await Promise.all(
      Array.from({ length: 150 }, () =>
        stack.call<ConnectionView>(
          'POST',
          '/api/v1/connections',
          connectionBody(stack, faultOrg, { host: unresolvable }),
        ),
      ),
    );
    expect(bad.every((response) => response.status === 202)).toBe(true);
    const valid = await stack.call<ConnectionView>('POST', '/api/v1/connections', connectionBody(stack, faultOrg));
    expect(valid.status).toBe(202);
    const connected = await eventually(
      async () => (await stack.call<ConnectionView>('GET', `/api/v1/connections/${valid.body.id}`)).body,
      (view) => view.status !== 'pending',
      20_000,
    );
    expect(connected.status).toBe('connected');

    const failed = await eventually(
      async () => (await stack.call<{ items: ConnectionView[] }>('GET', '/api/v1/connections')).body.items,
      (items) => items.filter((item) => item.status === 'failed').length === 150,
      30_000,
    );
    for (const connection of failed.filter((item) => item.id !== valid.body.id)) {
      expect(connection.statusReason?.code).toBe('HOST_NOT_FOUND');
      expect(connection.statusReason?.message).toContain('no-such-org.invalid');
    }
    // DNS said the host does not exist: one attempt each, no retries.
    const jobs = await stack.workers[0]!.context.queues.connect.getJobs(['failed']);
    expect(jobs).toHaveLength(150);
    expect(jobs.every((job) => job.attemptsMade === 1)).toBe(true);
  });
});
