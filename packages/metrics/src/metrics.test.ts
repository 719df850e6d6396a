import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

describe('createMetrics', () => {
  it('exposes labelled counters in the Prometheus text format', async () => {
    const metrics = createMetrics({ process: false });
    metrics.jobs.inc({ queue: 'extract', outcome: 'completed' });
    metrics.salesforceApiUsed.set({ org_id: '00D000000000001AAA' }, 42);
    const text = await metrics.registry.metrics();
    expect(text).toContain('sfmeta_jobs_total{queue="extract",outcome="completed"} 1');
    expect(text).toContain('sfmeta_salesforce_api_requests_used{org_id="00D000000000001AAA"} 42');
  });

  it('keeps registries of two instances apart', async () => {
    const first = createMetrics({ process: false });
    const second = createMetrics({ process: false });
    first.jobs.inc({ queue: 'connect', outcome: 'failed' });
    expect(await second.registry.metrics()).not.toContain('outcome="failed"');
  });
});
