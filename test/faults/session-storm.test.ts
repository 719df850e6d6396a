import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCatalogEqualsOrg } from '../support/catalog-comparison.ts';
import { connect, connectionBody, extract, type ConnectionView } from '../support/flow.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { faultOrg } from './fault-org.ts';

describe('a storm of session expiries', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Many requests in flight share each session, so most sessions die under requests that just renewed.
    stack = await startStack({
      orgs: [faultOrg],
      workers: 2,
      env: { SFMETA_WORKER_CONCURRENCY: '4', SFMETA_DESCRIBE_CONCURRENCY: '4' },
    });
  });
  afterAll(() => stack?.stop());

  it('renews as often as needed, completes the exact catalog, and keeps the credentials trusted', async () => {
    const connection = await connect(stack, connectionBody(stack, faultOrg));
    const simulated = stack.simulator.org(faultOrg.name);
    simulated.setFaults({ sessionTtlCalls: 5, latencyMs: 10 });
    simulated.resetCounters();
    const run = await extract(stack, connection.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    // Every login succeeded: no renewal was a refusal.
    expect(simulated.counters.failedLogins).toBe(0);
    expect(simulated.counters.logins).toBeGreaterThan(3);
    const after = (await stack.call<ConnectionView>('GET', `/api/v1/connections/${connection.id}`)).body;
    expect(after.status).toBe('connected');
    expect(after.statusReason).toBeNull();
    simulated.setFaults({});
    await expectCatalogEqualsOrg(stack, connection.id, simulated.org);
  });
});
