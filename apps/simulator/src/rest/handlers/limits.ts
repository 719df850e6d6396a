import { sortKeys } from '../../org/sort-keys.ts';
import type { RestRoute } from '../rest-types.ts';

const OTHER_LIMITS = {
  ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
  ConcurrentSyncReportRuns: { Max: 20, Remaining: 20 },
  DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
  DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
  DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
  DailyStreamingApiEvents: { Max: 10000, Remaining: 10000 },
  DailyWorkflowEmails: { Max: 2000, Remaining: 2000 },
  DataStorageMB: { Max: 5, Remaining: 5 },
  FileStorageMB: { Max: 20, Remaining: 20 },
  HourlyTimeBasedWorkflow: { Max: 50, Remaining: 50 },
  MassEmail: { Max: 10, Remaining: 10 },
  SingleEmail: { Max: 15, Remaining: 15 },
};

/** GET /limits and GET /limits/recordCount. */
export const limitRoutes: RestRoute[] = [
  {
    kind: 'limits',
    pattern: /^\/limits$/,
    methods: ['GET'],
    handle: (_req, { org }) => ({
      status: 200,
      body: sortKeys({
        ...OTHER_LIMITS,
        DailyApiRequests: { Max: org.dailyLimit, Remaining: org.dailyLimit - org.counters.apiUsage },
      }),
    }),
  },
  {
    kind: 'record_count',
    pattern: /^\/limits\/recordCount$/,
    methods: ['GET'],
    handle: (req, { org }) => {
      const param = req.query.get('sObjects');
      const counts = org.org.recordCounts;
      const names = param
        ? param
            .split(',')
            .map((n) => org.names.get(n.trim().toLowerCase()))
            .filter((n): n is string => n !== undefined && counts.has(n))
        : [...counts.keys()];
      return { status: 200, body: { sObjects: names.map((name) => ({ count: counts.get(name)!, name })) } };
    },
  },
];
