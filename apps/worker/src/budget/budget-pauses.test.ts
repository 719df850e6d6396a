import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerRedis } from '@sfmeta/queue/redis';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { createTestPrefix, deletePrefix } from '@sfmeta/testing/test-redis';
import { BudgetPauses } from './budget-pauses.ts';

describe('BudgetPauses', () => {
  const prefix = createTestPrefix();
  const redis = createWorkerRedis(serviceUrls().redisUrl);
  const pauses = new BudgetPauses(redis, prefix);
  afterAll(async () => {
    redis.disconnect();
    await deletePrefix(serviceUrls().redisUrl, prefix);
  });

  it('holds a pause until its resume time, keeping the latest of pauses set at once', async () => {
    expect(await pauses.current('org-a')).toBeUndefined();
    const later = Date.now() + 800;
    const usage = { used: 95, max: 100 };
    expect(await pauses.pause('org-a', later, usage)).toEqual({ resumeAt: later, usage });
    expect(await pauses.pause('org-a', later - 500, { used: 99, max: 100 })).toEqual({ resumeAt: later, usage });
    expect(await pauses.current('org-a')).toEqual({ resumeAt: later, usage });
    expect(await pauses.current('org-b')).toBeUndefined();
    const latest = later + 200;
    expect(await pauses.pause('org-a', latest, undefined)).toEqual({ resumeAt: latest, usage: undefined });
    await new Promise((resolve) => setTimeout(resolve, latest - Date.now() + 50));
    expect(await pauses.current('org-a')).toBeUndefined();
  });

  it('gives the budget check to one caller at a time, released only by its holder or its time', async () => {
    const first = await pauses.claimCheck('org-c', 60_000);
    expect(first).toBeDefined();
    expect(await pauses.claimCheck('org-c', 60_000)).toBeUndefined();
    await pauses.releaseCheck('org-c', 'not-the-token');
    expect(await pauses.claimCheck('org-c', 60_000)).toBeUndefined();
    await pauses.releaseCheck('org-c', first!);
    const second = await pauses.claimCheck('org-c', 300);
    expect(second).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await pauses.claimCheck('org-c', 60_000)).toBeDefined();
  });
});
