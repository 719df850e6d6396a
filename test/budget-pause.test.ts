import { afterEach, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import type { RequestCounters, SimulatedOrg } from '@sfmeta/simulator/simulator';
import { expectCatalogEqualsOrg } from './support/catalog-comparison.ts';
import { connect, connectionBody, eventually, waitForRun, type RunView } from './support/flow.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'initech',
  seed: 31,
  customObjects: 150,
  fieldsPerObject: 4,
  reports: 4,
  dashboards: 2,
  apexClasses: 5,
  apexTriggers: 2,
  clientId: 'initech-client',
  clientSecret: 'initech-secret-value',
  username: 'admin@initech.test',
  password: 'initech-password-value',
  securityToken: 'INITECHTOKENVALUE',
};

/** Objects alone, without Tooling facts: each composite answer is stored as it comes, so calls can be counted. */
const objectsOnly = {
  descriptions: false,
  owners: false,
  recordCounts: false,
  reports: false,
  dashboards: false,
  apexClasses: false,
  apexTriggers: false,
  dependencies: false,
};

const recheckMs = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startRun(stack: Stack, connectionId: string): Promise<RunView> {
  const started = await stack.call<RunView>('POST', `/api/v1/connections/${connectionId}/extractions`);
  if (started.status !== 202) throw new Error(`POST /extractions answered ${started.status}: ${started.text}`);
  return started.body;
}

const viewOf = async (stack: Stack, runId: string) =>
  (await stack.call<RunView>('GET', `/api/v1/extractions/${runId}`)).body;

/** The run's queues, as the workers see them. */
const runQueues = (stack: Stack) => {
  const { queues } = stack.workers[0]!.context;
  return [queues.extract, queues.describe, queues.collect];
};

/** Waits until the run waits for API budget and none of its jobs is at work any more: all are put off. */
async function waitUntilPutOff(stack: Stack, runId: string): Promise<RunView> {
  await eventually(
    async () => {
      const view = await viewOf(stack, runId);
      const active = await Promise.all(runQueues(stack).map((queue) => queue.getActiveCount()));
      return { status: view.status, active: active.reduce((sum, count) => sum + count, 0) };
    },
    ({ status, active }) => status === 'waiting_for_api_budget' && active === 0,
  );
  return viewOf(stack, runId);
}

/** Jobs that ended in failure, in every queue of a run. */
async function failedJobs(stack: Stack): Promise<number> {
  const counts = await Promise.all(runQueues(stack).map((queue) => queue.getJobCountByTypes('failed')));
  return counts.reduce((sum, count) => sum + count, 0);
}

/** Every kind's count but the budget checks (`/limits`), which a waiting run makes once per recheck. */
function callsBesidesChecks(counters: RequestCounters): Record<string, number> {
  const { limits: _checks, ...others } = counters.byKind;
  return others;
}

/** Frees the org's budget (usage back to zero) whenever the run waits for it, until the run ends; how often. */
async function freeBudgetUntilDone(stack: Stack, simulated: SimulatedOrg, runId: string): Promise<number> {
  let freed = 0;
  await eventually(
    async () => {
      const view = await viewOf(stack, runId);
      if (view.status === 'waiting_for_api_budget') {
        simulated.resetCounters();
        freed++;
      }
      return view.status;
    },
    (status) => status === 'succeeded' || status === 'failed',
  );
  return freed;
}

describe('API budget pause', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('waits when the daily limit runs out, calls nothing meanwhile, resumes after what it stored', async () => {
    stack = await startStack({
      orgs: [{ ...org, dailyApiLimit: 12 }],
      env: { SFMETA_BUDGET_RECHECK_MS: String(recheckMs), SFMETA_API_BUDGET_PERCENT: '100' },
    });
    const connection = await connect(stack, { ...connectionBody(stack, org), scope: objectsOnly });
    const simulated = stack.simulator.org(org.name);
    simulated.resetCounters();
    const requested = Date.now();
    const { id: runId } = await startRun(stack, connection.id);

    const paused = await waitUntilPutOff(stack, runId);
    expect(paused).toMatchObject({ status: 'waiting_for_api_budget', error: null });
    expect(Date.parse(paused.resumeAt!)).toBeGreaterThan(requested);
    expect(Date.parse(paused.resumeAt!)).toBeLessThanOrEqual(Date.now() + recheckMs);
    expect(Date.parse(paused.deadlineAt!)).toBe(Date.parse(paused.startedAt!) + 86_400_000);
    expect(paused.progress.objectsDone).toBeGreaterThan(0);
    expect(paused.progress.objectsDone).toBeLessThan(paused.progress.objectsTotal!);
    expect(simulated.counters.apiUsage).toBe(12);

    // Asked again meanwhile, the API answers the waiting run.
    const again = await startRun(stack, connection.id);
    expect(again).toMatchObject({ id: runId, status: 'waiting_for_api_budget' });

    // While it waits, no job calls Salesforce: one budget check per recheck, whatever the number of jobs.
    const before = structuredClone(simulated.counters);
    const waitStarted = Date.now();
    await sleep(3 * recheckMs);
    const after = structuredClone(simulated.counters);
    const rechecks = (Date.now() - waitStarted) / recheckMs;
    expect((await viewOf(stack, runId)).status).toBe('waiting_for_api_budget');
    expect(callsBesidesChecks(after)).toEqual(callsBesidesChecks(before));
    const checks = after.byKind.limits - before.byKind.limits;
    expect(checks).toBeGreaterThanOrEqual(1);
    expect(checks).toBeLessThanOrEqual(Math.ceil(rechecks) + 1);
    const { queues, runs } = stack.workers[0]!.context;
    const putOff = (await queues.describe.getJobs(['delayed', 'waiting', 'prioritized'])).filter(
      (job) => job.data.runId === runId,
    );
    expect(putOff.length).toBeGreaterThanOrEqual(2);

    // What resuming must describe: the objects each describe job has not stored yet, 25 to a composite call.
    const missing = new Set(await runs.missingObjects(runId));
    const pendingPerJob = putOff.map((job) => job.data.names.filter((name) => missing.has(name)).length);
    expect(pendingPerJob.reduce((sum, count) => sum + count, 0)).toBe(missing.size);
    const compositesLeft = pendingPerJob.reduce((sum, count) => sum + Math.ceil(count / 25), 0);

    simulated.resetCounters();
    const run = await waitForRun(stack, runId);
    expect(run).toMatchObject({ status: 'succeeded', error: null, resumeAt: null });
    expect(simulated.counters.byKind.composite).toBe(compositesLeft);
    expect(simulated.counters.byKind.describe).toBe(0);
    expect(simulated.counters.byKind.describe_global).toBe(0);
    expect(await failedJobs(stack)).toBe(0);
    const delays =
      await stack.workers[0]!.context.metrics.registry.getSingleMetricAsString('sfmeta_budget_delays_total');
    expect(delays).toMatch(/sfmeta_budget_delays_total\{queue="describe",reason="spent"\} [1-9]/);
    await expectCatalogEqualsOrg(stack, connection.id, simulated.org);
  });

  it('waits once the usage Salesforce reports reaches SFMETA_API_BUDGET_PERCENT, before any refusal', async () => {
    stack = await startStack({
      orgs: [{ ...org, customObjects: 80, dailyApiLimit: 50 }],
      env: { SFMETA_BUDGET_RECHECK_MS: String(recheckMs), SFMETA_API_BUDGET_PERCENT: '40' },
    });
    const connection = await connect(stack, connectionBody(stack, org));
    const simulated = stack.simulator.org(org.name);
    simulated.resetCounters();
    const { id: runId } = await startRun(stack, connection.id);

    const paused = await waitUntilPutOff(stack, runId);
    expect(paused).toMatchObject({ status: 'waiting_for_api_budget', error: null });
    // Each job stops at its first call past the share (40 % of 50): Salesforce's own limit is never reached, so
    // it never refused.
    expect(simulated.counters.apiUsage).toBeGreaterThanOrEqual(20);
    expect(simulated.counters.apiUsage).toBeLessThan(50);

    expect(await freeBudgetUntilDone(stack, simulated, runId)).toBeGreaterThanOrEqual(1);
    const run = await viewOf(stack, runId);
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    expect(run.counts).toMatchObject({ reports: 4, dashboards: 2, apexClasses: 5, apexTriggers: 2 });
    expect(await failedJobs(stack)).toBe(0);
    await expectCatalogEqualsOrg(stack, connection.id, simulated.org);
  });

  it('fails API_BUDGET_DEADLINE when the budget could only be checked again past the deadline', async () => {
    stack = await startStack({
      orgs: [{ ...org, dailyApiLimit: 12 }],
      env: {
        SFMETA_BUDGET_RECHECK_MS: '600000',
        SFMETA_RUN_DEADLINE_MS: '300000',
        SFMETA_API_BUDGET_PERCENT: '100',
      },
    });
    const connection = await connect(stack, { ...connectionBody(stack, org), scope: objectsOnly });
    const simulated = stack.simulator.org(org.name);
    simulated.resetCounters();
    const { id: runId } = await startRun(stack, connection.id);
    const run = await waitForRun(stack, runId);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('API_BUDGET_DEADLINE');
    expect(run.error?.message).toContain('the org has used 12 of its 12 daily API requests and sfmeta stops at 12');
    expect(run.error?.message).toContain('past its deadline');
    expect(run.error?.message).toContain('SFMETA_RUN_DEADLINE_MS 300000 ms');

    // Nothing goes on calling Salesforce for the failed run.
    const calls = simulated.counters.total;
    await sleep(1000);
    expect(simulated.counters.total).toBe(calls);
  });
});
