import { UnrecoverableError } from 'bullmq';
import { Value } from 'typebox/value';
import { jobCatalogue, type JobKind, type JobPayload } from './job-catalogue.ts';

/** Checks a job's data against its schema; malformed data fails the job without retries. */
export function parsePayload<K extends JobKind>(kind: K, data: unknown): JobPayload<K> {
  const schema = jobCatalogue[kind].payload;
  if (Value.Check(schema, data)) return data as JobPayload<K>;
  const problems = [...Value.Errors(schema, data)].map((error) => `${error.instancePath || '/'} ${error.message}`);
  throw new UnrecoverableError(`Malformed ${kind} job payload: ${problems.join('; ')}`);
}
