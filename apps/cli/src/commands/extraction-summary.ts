import type { Extraction } from '@sfmeta/client/api-types';
import { formatDuration } from '../format/duration.ts';
import { formatCount } from '../format/table.ts';

/** The kinds of metadata counted on a run, in the order shown. */
const ITEM_COUNTS = [
  ['reports', 'reports'],
  ['dashboards', 'dashboards'],
  ['apexClasses', 'Apex classes'],
  ['apexTriggers', 'Apex triggers'],
] as const;

/** Seconds between two timestamps of the run, when both are set. */
function seconds(from: string | null, to: string | null): number | undefined {
  return from && to ? (Date.parse(to) - Date.parse(from)) / 1000 : undefined;
}

/** What a run that ended did, in a few lines: counts, API calls, time, and any part it skipped. */
export function extractionSummary(run: Extraction): string[] {
  const took = seconds(run.startedAt ?? run.createdAt, run.finishedAt);
  const head = `extraction ${run.id} ${run.status}${took === undefined ? '' : ` in ${formatDuration(took)}`}`;
  if (run.status !== 'succeeded') return [head];
  const { counts } = run;
  const items = ITEM_COUNTS.flatMap(([key, label]) => {
    const count = counts[key];
    return count === null ? [] : [`${formatCount(count)} ${label}`];
  });
  const lines = [
    head,
    `  ${run.mode}: ${formatCount(counts.objects)} objects (${formatCount(counts.objectsUnchanged)} unchanged), ` +
      `${formatCount(counts.fields)} fields, ${formatCount(counts.versionsWritten)} new versions`,
    ...(items.length > 0 ? [`  ${items.join(', ')}`] : []),
    `  ${formatCount(run.apiCalls)} API calls` +
      (counts.lineageEdges === null ? '' : `, ${formatCount(counts.lineageEdges)} lineage edges`),
  ];
  if (counts.warnings > 0) lines.push(`  ${formatCount(counts.warnings)} odd attributes (see --json: warnings)`);
  for (const part of run.skipped ?? []) lines.push(`  skipped ${part.part}: ${part.code}: ${part.message}`);
  return lines;
}
