/** Every event a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['extraction.succeeded', 'extraction.failed', 'catalog.changed'] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** How many items of one kind a run added, removed and changed. */
export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
}

/** What a `catalog.changed` event carries: how a run's catalog differs from the previous one, per kind. */
export interface CatalogChangeSummary {
  /** The previous succeeded run of the connection; null for its first catalog. */
  fromRunId: string | null;
  toRunId: string;
  objects: ChangeCounts;
  fields: ChangeCounts;
  reports: ChangeCounts;
  dashboards: ChangeCounts;
  apexClasses: ChangeCounts;
  apexTriggers: ChangeCounts;
}

/** The JSON body of every delivery; `id` is the delivery's id, the same on each retry. */
export interface WebhookBody {
  id: string;
  event: WebhookEvent;
  /** When the event happened (ISO 8601), not when this attempt was sent. */
  createdAt: string;
  connectionId: string;
  /** The extraction as the API shows it, or the change summary for `catalog.changed`. */
  data: unknown;
}

/** The request headers of a delivery, besides `content-type: application/json`. */
export const WEBHOOK_HEADERS = {
  signature: 'sfmeta-signature',
  event: 'sfmeta-event',
  delivery: 'sfmeta-delivery',
} as const;

/** True when a change summary has anything to announce. */
export function hasChanges(summary: CatalogChangeSummary): boolean {
  const { objects, fields, reports, dashboards, apexClasses, apexTriggers } = summary;
  return [objects, fields, reports, dashboards, apexClasses, apexTriggers].some(
    (counts) => counts.added + counts.removed + counts.changed > 0,
  );
}
