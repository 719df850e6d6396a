import { afterEach, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { expectCatalogEqualsOrg } from './support/catalog-comparison.ts';
import {
  connect,
  connectionBody,
  eventually,
  extract,
  waitForRun,
  type ConnectionView,
  type RunView,
  extractUntilStored,
} from './support/flow.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'globex',
  seed: 23,
  customObjects: 10,
  fieldsPerObject: 25,
  clientId: 'globex-client',
  clientSecret: 'globex-secret-value',
  username: 'admin@globex.test',
  password: 'globex-password-value',
  securityToken: 'GLOBEXTOKENVALUE',
};

describe('failures', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('fails a connection with refused credentials at once, with the reason and no retry', async () => {
    stack = await startStack({ orgs: [org] });
    const connection = await connect(stack, connectionBody(stack, org, { password: 'wrong-password' }));
    expect(connection.status).toBe('failed');
    expect(connection.statusReason?.code).toBe('AUTHENTICATION_FAILED');
    expect(connection.statusReason?.message).toContain('invalid_grant');
    const counters = stack.simulator.org(org.name).counters;
    expect(counters.byKind.oauth_token).toBe(1);
    expect(counters.failedLogins).toBe(1);
    const [job] = await stack.workers[0]!.context.queues.connect.getJobs(['failed']);
    expect(job?.attemptsMade).toBe(1);
  });

  it('repairs a failed password connection with PATCH, which can then extract', async () => {
    stack = await startStack({ orgs: [org] });
    const failed = await connect(stack, connectionBody(stack, org, { password: 'wrong-password' }));
    expect(failed.status).toBe('failed');
    const patched = await stack.call<ConnectionView>('PATCH', `/api/v1/connections/${failed.id}`, {
      password: org.password,
    });
    expect(patched.status).toBe(202);
    expect(patched.body.status).toBe('pending');
    const repaired = await eventually(
      async () => (await stack!.call<ConnectionView>('GET', `/api/v1/connections/${failed.id}`)).body,
      (view) => view.status !== 'pending',
    );
    expect(repaired.status).toBe('connected');
    expect(repaired.statusReason).toBeNull();
    const run = await extract(stack, failed.id);
    expect(run.status).toBe('succeeded');
    await expectCatalogEqualsOrg(stack, failed.id, stack.simulator.org(org.name).org);
  });

  it('names an unknown consumer key as the reason', async () => {
    stack = await startStack({ orgs: [org] });
    const connection = await connect(stack, connectionBody(stack, org, { consumerKey: 'no-such-client' }));
    expect(connection.status).toBe('failed');
    expect(connection.statusReason?.message).toContain('invalid_client_id');
    expect(stack.simulator.org(org.name).counters.byKind.oauth_token ?? 0).toBeLessThanOrEqual(1);
  });

  it('completes with the exact catalog when 30% of requests answer 503', async () => {
    stack = await startStack({ orgs: [org] });
    const connection = await connect(stack, connectionBody(stack, org));
    stack.simulator.org(org.name).setFaults({ error503Rate: 0.3 });
    const run = await extract(stack, connection.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    // Without retries there would be one composite call per 25 objects of each 100-object job.
    const jobs = Math.ceil(run.counts.objects / 100);
    const batches = (jobs - 1) * 4 + Math.ceil((run.counts.objects - (jobs - 1) * 100) / 25);
    expect(stack.simulator.org(org.name).counters.byKind.composite).toBeGreaterThan(batches);
    await expectCatalogEqualsOrg(stack, connection.id, stack.simulator.org(org.name).org);
  });

  it('logs in again when the session expires mid-crawl, and completes', async () => {
    stack = await startStack({ orgs: [org] });
    const connection = await connect(stack, connectionBody(stack, org));
    const simulated = stack.simulator.org(org.name);
    simulated.setFaults({ sessionTtlCalls: 2 });
    simulated.resetCounters();
    const run = await extract(stack, connection.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(simulated.counters.logins).toBeGreaterThanOrEqual(2);
    await expectCatalogEqualsOrg(stack, connection.id, simulated.org);
  });

  it('waits for the daily API budget instead of failing, to check again in 15 minutes within a day', async () => {
    stack = await startStack({ orgs: [{ ...org, dailyApiLimit: 3 }] });
    const connection = await connect(stack, connectionBody(stack, org));
    const started = await stack.call<RunView>('POST', `/api/v1/connections/${connection.id}/extractions`);
    const run = await eventually(
      async () => (await stack!.call<RunView>('GET', `/api/v1/extractions/${started.body.id}`)).body,
      (view) => view.status !== 'queued' && view.status !== 'running',
    );
    expect(run).toMatchObject({ status: 'waiting_for_api_budget', error: null, finishedAt: null });
    const resumeIn = Date.parse(run.resumeAt!) - Date.now();
    expect(resumeIn).toBeGreaterThan(14 * 60_000);
    expect(resumeIn).toBeLessThanOrEqual(15 * 60_000);
    expect(Date.parse(run.deadlineAt!)).toBe(Date.parse(run.startedAt!) + 24 * 3600_000);
    // Its job is put off (or waits for describe jobs that are): alive, not failed.
    expect(['delayed', 'waiting-children']).toContain(
      await stack.workers[0]!.context.queues.extract.getJobState(run.id),
    );
  });

  it('hands jobs back on shutdown: another worker finishes the crawl', async () => {
    stack = await startStack({
      orgs: [{ ...org, customObjects: 120 }],
      env: { SFMETA_DESCRIBE_CONCURRENCY: '1', SFMETA_WORKER_CONCURRENCY: '1' },
    });
    const connection = await connect(stack, connectionBody(stack, org));
    stack.simulator.org(org.name).setFaults({ latencyMs: 40 });
    const runId = await extractUntilStored(stack, connection.id);
    await stack.workers[0]!.close();
    const midway = (await stack.call<RunView>('GET', `/api/v1/extractions/${runId}`)).body;
    expect(midway.status).toBe('running');
    expect(midway.progress.objectsDone).toBeLessThan(midway.progress.objectsTotal ?? 0);
    stack.workers.splice(0, 1);
    await stack.startWorker();
    const run = await waitForRun(stack, runId);
    expect(run.status).toBe('succeeded');
    await expectCatalogEqualsOrg(stack, connection.id, stack.simulator.org(org.name).org);
  });
});
