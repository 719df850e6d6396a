import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric sfmeta exports, on one registry per process. Names use base units. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpRequestDuration: Histogram<'method' | 'route'>;
  jobs: Counter<'queue' | 'outcome'>;
  jobDuration: Histogram<'queue' | 'outcome'>;
  queueJobs: Gauge<'queue' | 'state'>;
  salesforceRequests: Counter<'kind' | 'status'>;
  salesforceRequestDuration: Histogram<'kind'>;
  salesforceApiUsed: Gauge<'org_id'>;
  salesforceApiMax: Gauge<'org_id'>;
  budgetDelays: Counter<'queue' | 'reason'>;
  orgRequestSlotWait: Histogram;
  describeSlots: Gauge;
  describeGiveWays: Counter;
}

/** Creates the registry and its metrics; `process` adds Node's default process metrics. */
export function createMetrics(options: { process?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.process ?? true) collectDefaultMetrics({ register: registry, prefix: 'sfmeta_' });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'sfmeta_http_requests_total',
      help: 'API requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpRequestDuration: new Histogram({
      name: 'sfmeta_http_request_duration_seconds',
      help: 'API response time, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    jobs: new Counter({
      name: 'sfmeta_jobs_total',
      help: 'Jobs processed, by queue and outcome (completed, failed, retried).',
      labelNames: ['queue', 'outcome'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'sfmeta_job_duration_seconds',
      help: 'Time spent processing one job attempt.',
      labelNames: ['queue', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
    queueJobs: new Gauge({
      name: 'sfmeta_queue_jobs',
      help: 'Jobs in each queue by state, read when scraped.',
      labelNames: ['queue', 'state'],
      registers,
    }),
    salesforceRequests: new Counter({
      name: 'sfmeta_salesforce_requests_total',
      help: 'Requests sent to Salesforce, by kind and HTTP status (or error code when no status).',
      labelNames: ['kind', 'status'],
      registers,
    }),
    salesforceRequestDuration: new Histogram({
      name: 'sfmeta_salesforce_request_duration_seconds',
      help: 'Salesforce request latency, retries included.',
      labelNames: ['kind'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    salesforceApiUsed: new Gauge({
      name: 'sfmeta_salesforce_api_requests_used',
      help: "The org's daily API requests used, from the last Sforce-Limit-Info header seen.",
      labelNames: ['org_id'],
      registers,
    }),
    salesforceApiMax: new Gauge({
      name: 'sfmeta_salesforce_api_requests_max',
      help: "The org's daily API request limit, from the last Sforce-Limit-Info header seen.",
      labelNames: ['org_id'],
      registers,
    }),
    budgetDelays: new Counter({
      name: 'sfmeta_budget_delays_total',
      help:
        "Jobs put off until the org's daily API budget allows, by queue and reason (spent: the job met it; " +
        'paused: the org was already waiting; checking: another job was checking the budget).',
      labelNames: ['queue', 'reason'],
      registers,
    }),
    orgRequestSlotWait: new Histogram({
      name: 'sfmeta_org_request_slot_wait_seconds',
      help: "Time a Salesforce request waited for one of its org's concurrent request slots, fleet-wide.",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    describeGiveWays: new Counter({
      name: 'sfmeta_describe_give_ways_total',
      help: 'Describe jobs put off for a second because a smaller run was under way (fairness across runs).',
      registers,
    }),
    describeSlots: new Gauge({
      name: 'sfmeta_worker_describe_slots',
      help: 'Describe jobs this worker process takes at once now: fewer while its event loop is saturated.',
      registers,
    }),
  };
}
