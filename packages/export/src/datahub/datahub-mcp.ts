import type { UserRef } from '@sfmeta/catalog/catalog-types';
import {
  DATAHUB_PLATFORM_URN,
  dataPlatformInstanceUrn,
  UNKNOWN_USER_URN,
  type UrnScope,
  userUrn,
} from './datahub-urns.ts';

// The metadata change proposals of the DataHub export, as DataHub's `file` source reads them (its golden files).

/** One MCP in the JSON form DataHub's file source ingests: the aspect as JSON under `aspect.json`. */
export interface MetadataChangeProposal {
  entityType: string;
  entityUrn: string;
  changeType: 'UPSERT';
  aspectName: string;
  aspect: { json: Record<string, unknown> };
}

/** An UPSERT of one aspect of one entity. */
export function mcp(entityType: string, entityUrn: string, aspectName: string, json: Record<string, unknown>) {
  return { entityType, entityUrn, changeType: 'UPSERT', aspectName, aspect: { json } } satisfies MetadataChangeProposal;
}

/** Milliseconds since the epoch of a Salesforce date (`2024-05-01T10:00:00.000+0000`), or null. */
export function millisOf(date: string | null): number | null {
  if (!date) return null;
  const millis = Date.parse(date.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(millis) ? null : millis;
}

/** An AuditStamp: when and by whom, DataHub's unknown user when the catalog does not know who. */
export function auditStamp(time: number, user: UserRef | null): { time: number; actor: string } {
  return { time, actor: user ? userUrn(user) : UNKNOWN_USER_URN };
}

/** Who owns an entity, and as what (DataHub's OwnershipType). */
export interface OwnerOf {
  user: UserRef | null;
  type: 'TECHNICAL_OWNER' | 'BUSINESS_OWNER';
}

/** The ownership aspect of an entity, or null when no owner is known; one entry per user and type. */
export function ownershipAspect(owners: readonly OwnerOf[]): Record<string, unknown> | null {
  const entries = new Map<string, { owner: string; type: string }>();
  for (const { user, type } of owners) {
    if (!user) continue;
    const owner = userUrn(user);
    entries.set(`${owner}|${type}`, { owner, type });
  }
  return entries.size === 0 ? null : { owners: [...entries.values()] };
}

/** The dataPlatformInstance aspect DataHub's source emits when the recipe names a platform instance. */
export function platformInstanceMcps(entityType: string, urn: string, scope: UrnScope): MetadataChangeProposal[] {
  if (!scope.platformInstance) return [];
  const instance = dataPlatformInstanceUrn(scope.platformInstance);
  return [mcp(entityType, urn, 'dataPlatformInstance', { platform: DATAHUB_PLATFORM_URN, instance })];
}

/** The ownership MCP of an entity, when it has owners. */
export function ownershipMcps(entityType: string, urn: string, owners: readonly OwnerOf[]): MetadataChangeProposal[] {
  const ownership = ownershipAspect(owners);
  return ownership ? [mcp(entityType, urn, 'ownership', ownership)] : [];
}

/** A map of custom properties without the empty ones (DataHub's customProperties are strings). */
export function properties(entries: Record<string, string | number | boolean | null | undefined>) {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value !== null && value !== undefined && value !== '') result[key] = String(value);
  }
  return result;
}
