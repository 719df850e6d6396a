import type { Org } from '../generate-org.ts';
import { createPrng, deriveSeed } from '../prng.ts';
import { recordId } from '../salesforce-id.ts';
import { soqlDateTime } from './query-table.ts';

const TOPICS = [
  'Pipeline',
  'Bookings',
  'Case Backlog',
  'Win Rate',
  'Lead Conversion',
  'Renewals',
  'Activity',
  'Forecast',
  'Churn',
  'Quota Attainment',
];
const SCOPES = ['by Region', 'by Owner', 'This Quarter', 'Last 90 Days', 'YTD', 'by Product'];
const FOLDERS = ['Sales Reports', 'Service Reports', 'Marketing Reports', 'Executive', 'Private Reports'];
const FORMATS = ['Tabular', 'Summary', 'Matrix', 'MultiBlock'];
const DAY_MS = 86_400_000;

const developerName = (title: string, n: number) => `${title.replace(/[^A-Za-z0-9]+/g, '_')}_${n}`;

/** Report rows: deterministic from the org seed, as many as recordCounts says. */
export function reportRows(org: Org): Record<string, unknown>[] {
  const prng = createPrng(deriveSeed(org.spec.seed, 'reports'));
  return Array.from({ length: org.recordCounts.get('Report') ?? 0 }, (_, i) => {
    const name = `${prng.pick(TOPICS)} ${prng.pick(SCOPES)}`;
    const modified = org.lastModified.getTime() - prng.int(0, 600) * DAY_MS;
    return {
      Id: recordId('00O', i),
      Name: name.slice(0, 40),
      DeveloperName: developerName(name, i + 1),
      FolderName: prng.pick(FOLDERS),
      Format: prng.pick(FORMATS),
      Description: prng.chance(0.6) ? `${name} for the ${prng.pick(FOLDERS).toLowerCase()} audience.` : null,
      LastRunDate: prng.chance(0.7) ? soqlDateTime(new Date(modified + prng.int(0, 30) * DAY_MS)) : null,
      LastModifiedDate: soqlDateTime(new Date(modified)),
      OwnerId: org.userId,
    };
  });
}

/** Dashboard rows, like reportRows. */
export function dashboardRows(org: Org): Record<string, unknown>[] {
  const prng = createPrng(deriveSeed(org.spec.seed, 'dashboards'));
  return Array.from({ length: org.recordCounts.get('Dashboard') ?? 0 }, (_, i) => {
    const title = `${prng.pick(TOPICS)} Dashboard`;
    return {
      Id: recordId('01Z', i),
      Title: title,
      DeveloperName: developerName(title, i + 1),
      FolderName: prng.pick(FOLDERS),
      Description: prng.chance(0.5) ? `Key ${title.toLowerCase()} metrics.` : null,
      RunningUserId: org.userId,
      LastModifiedDate: soqlDateTime(new Date(org.lastModified.getTime() - prng.int(0, 600) * DAY_MS)),
    };
  });
}
