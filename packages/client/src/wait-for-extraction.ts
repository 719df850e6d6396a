import type { Extraction, ExtractionStatus } from './api-types.ts';
import { pollUntil, type PollOptions } from './poll-until.ts';
import type { SfmetaClient } from './sfmeta-client.ts';
import { unwrap } from './unwrap.ts';

/** The statuses an extraction ends in; any other (queued, running, waiting…) may still change. */
export const FINISHED_EXTRACTION_STATUSES: readonly ExtractionStatus[] = ['succeeded', 'failed'];

/** Whether the extraction has ended, successfully or not. */
export function isFinished(run: Pick<Extraction, 'status'>): boolean {
  return FINISHED_EXTRACTION_STATUSES.includes(run.status);
}

/** Polls GET /api/v1/extractions/{id} until the run has succeeded or failed, and answers it as it ended. */
export function waitForExtraction(
  client: SfmetaClient,
  id: string,
  options: PollOptions<Extraction> = {},
): Promise<Extraction> {
  return pollUntil(
    async () => unwrap(await client.GET('/api/v1/extractions/{id}', { params: { path: { id } } })),
    isFinished,
    options,
  );
}
