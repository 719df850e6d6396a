import type { SalesforceClient } from './salesforce-client.ts';
import type { SalesforceError } from './salesforce-error.ts';
import { isPartRefusal, type SkippedPart, skippedPart } from './skipped-part.ts';
import { type QueryOutcome, SoqlBatch, type SoqlRecord } from './soql-batch.ts';
import { type InListQuery, inListQueries } from './soql-in-list.ts';

/** Where an object or field comes from and who touched it last; null where Salesforce did not say. */
export interface MetadataOrigin {
  durableId: string | null;
  description: string | null;
  namespacePrefix: string | null;
  manageableState: string | null;
  createdDate: string | null;
  createdById: string | null;
  lastModifiedDate: string | null;
  lastModifiedById: string | null;
}

/** An object's origin, and its fields' by API name (the fields FieldDefinition listed). */
export interface ObjectMetadata extends MetadataOrigin {
  fields: Map<string, MetadataOrigin>;
}

/** The parts of object metadata that can be refused: Tooling's definitions, and the setup objects with owners. */
export type ObjectMetadataPart = 'descriptions' | 'owners';

/** What fetchObjectMetadata found, per object name, and the parts Salesforce refused. */
export interface ObjectMetadataBatch {
  objects: Map<string, ObjectMetadata>;
  skipped: SkippedPart<ObjectMetadataPart>[];
}

/** What fetchObjectMetadata reads besides the definitions, and how it sizes its queries. */
export interface ObjectMetadataOptions {
  /** Also read CustomObject and CustomField: manageable state, creation date and creator. */
  owners: boolean;
  /**
   * Fields an object has (from its describe), so that FieldDefinition queries fit in one page each, and
   * CustomField queries too while FieldDefinition's own count is not complete.
   */
  fieldCount?: (name: string) => number | undefined;
}

/** Objects per FieldDefinition query: 25 objects of a usual size fill about one page. */
export const objectsPerFieldQuery = 25;

const entityColumns = 'DurableId, QualifiedApiName, Description, NamespacePrefix, LastModifiedDate, LastModifiedById';
const fieldColumns =
  'DurableId, QualifiedApiName, EntityDefinition.QualifiedApiName, Description, NamespacePrefix, ' +
  'LastModifiedDate, LastModifiedById';
const ownerColumns = 'NamespacePrefix, ManageableState, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById';

/**
 * Descriptions, namespaces, dates and owners of a batch of objects (up to ~100) and their fields, from
 * Tooling: EntityDefinition and FieldDefinition in one composite call, then (with `owners`)
 * CustomObject and CustomField in a second, next to FieldDefinition's further pages; queries are cut to
 * fit a page of rows where counts are known. A part Salesforce refuses (missing "View Setup and
 * Configuration", Tooling disabled) is listed in `skipped` and its keys stay null; other failures throw.
 */
export async function fetchObjectMetadata(
  client: SalesforceClient,
  names: readonly string[],
  options: ObjectMetadataOptions,
): Promise<ObjectMetadataBatch> {
  const batch = new SoqlBatch(client);
  const entityQueries = inListQueries(client, names, {
    tooling: true,
    soql: (list) => `SELECT ${entityColumns} FROM EntityDefinition WHERE QualifiedApiName IN ${list}`,
    rowsPerValue: () => 1,
  }).map((query) => batch.add(query));
  const fieldChunks = inListQueries(client, names, {
    tooling: true,
    soql: (list) => `SELECT ${fieldColumns} FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName IN ${list}`,
    maxValues: objectsPerFieldQuery,
    ...(options.fieldCount ? { rowsPerValue: (name: string) => options.fieldCount?.(name) ?? 0 } : {}),
  });
  const fieldQueries = fieldChunks.map((query) => batch.add(query));
  await batch.run(entityQueries);

  const refusals = new Refusals();
  const entities = refusals.take('descriptions', await Promise.all(entityQueries));
  const ownerQueries: Promise<QueryOutcome>[] = [];
  if (options.owners && !entities.refused) {
    const customFields = customFieldEstimate(
      fieldChunks.map((chunk, index) => ({ names: chunk.values, outcome: batch.settled(fieldQueries[index]!) })),
      options.fieldCount,
    );
    for (const query of ownerQueryList(client, entities.records, customFields)) ownerQueries.push(batch.add(query));
  }
  await batch.run();
  const fields = refusals.take('descriptions', await Promise.all(fieldQueries));
  const owners = refusals.take('owners', await Promise.all(ownerQueries));
  if (options.owners && entities.refused) refusals.skip('owners', entities.refused);

  return {
    objects: joinMetadata(names, entities.records, fields.records, owners.records),
    skipped: refusals.skipped,
  };
}

/**
 * CustomObject for the custom objects (by their '01I' durable id), CustomField for every object (custom
 * ones by durable id, standard ones by name: both are their DurableId), each CustomField query sized to
 * one page where the number of custom fields is known or estimated.
 */
function ownerQueryList(
  client: SalesforceClient,
  entities: SoqlRecord[],
  customFields: (name: string) => number,
): InListQuery[] {
  const nameOf = new Map<string, string>();
  for (const entity of entities) {
    const durableId = text(entity.DurableId);
    if (durableId) nameOf.set(durableId, String(entity.QualifiedApiName));
  }
  const durableIds = [...nameOf.keys()];
  return [
    ...inListQueries(client, durableIds.filter(isCustomObjectId), {
      tooling: true,
      soql: (list) => `SELECT Id, DeveloperName, ${ownerColumns} FROM CustomObject WHERE Id IN ${list}`,
    }),
    ...inListQueries(client, durableIds, {
      tooling: true,
      soql: (list) =>
        `SELECT Id, DeveloperName, TableEnumOrId, ${ownerColumns} FROM CustomField WHERE TableEnumOrId IN ${list}`,
      rowsPerValue: (durableId) => customFields(nameOf.get(durableId) ?? durableId),
    }),
  ];
}

/**
 * How many custom fields each object has: counted in FieldDefinition's answer where its query is complete
 * (custom fields have '00N' durable ids), else at most its field count, else unknown (0).
 */
function customFieldEstimate(
  fieldQueries: { names: readonly string[]; outcome: QueryOutcome | undefined }[],
  fieldCount: ((name: string) => number | undefined) | undefined,
): (name: string) => number {
  const counted = new Map<string, number>();
  for (const { names, outcome } of fieldQueries) {
    if (!outcome || !('records' in outcome)) continue;
    for (const name of names) counted.set(name, 0);
    for (const field of outcome.records) {
      const entity = String((field.EntityDefinition as SoqlRecord | null)?.QualifiedApiName);
      if (customFieldId(text(field.DurableId))) counted.set(entity, (counted.get(entity) ?? 0) + 1);
    }
  }
  return (name) => counted.get(name) ?? fieldCount?.(name) ?? 0;
}

/** Collects outcomes per part: refusals become skipped parts, other errors throw. */
class Refusals {
  readonly skipped: SkippedPart<ObjectMetadataPart>[] = [];

  take(part: ObjectMetadataPart, outcomes: QueryOutcome[]): { records: SoqlRecord[]; refused?: SalesforceError } {
    const records: SoqlRecord[] = [];
    let refused: SalesforceError | undefined;
    for (const outcome of outcomes) {
      if ('records' in outcome) records.push(...outcome.records);
      else if (isPartRefusal(outcome.error)) refused ??= outcome.error;
      else throw outcome.error;
    }
    if (refused) this.skip(part, refused);
    return refused ? { records, refused } : { records };
  }

  skip(part: ObjectMetadataPart, error: SalesforceError): void {
    if (!this.skipped.some((entry) => entry.part === part)) this.skipped.push(skippedPart(part, error));
  }
}

function joinMetadata(
  names: readonly string[],
  entities: SoqlRecord[],
  fields: SoqlRecord[],
  owners: SoqlRecord[],
): Map<string, ObjectMetadata> {
  // Tooling answers 18-character ids where FieldDefinition's DurableId holds 15: join on the first 15.
  const ownerById = new Map(owners.map((record) => [shortId(text(record.Id)), record]));
  const objects = new Map<string, ObjectMetadata>(names.map((name) => [name, { ...unknownOrigin, fields: new Map() }]));
  for (const entity of entities) {
    const object = objects.get(String(entity.QualifiedApiName));
    if (!object) continue;
    const durableId = text(entity.DurableId);
    const owner = durableId && isCustomObjectId(durableId) ? ownerById.get(shortId(durableId)) : undefined;
    Object.assign(object, origin(entity, owner));
  }
  for (const field of fields) {
    const object = objects.get(String((field.EntityDefinition as SoqlRecord | null)?.QualifiedApiName));
    const fieldId = customFieldId(text(field.DurableId));
    const owner = fieldId ? ownerById.get(shortId(fieldId)) : undefined;
    object?.fields.set(String(field.QualifiedApiName), origin(field, owner));
  }
  return objects;
}

/** An origin Salesforce said nothing about. */
export const unknownOrigin: MetadataOrigin = {
  durableId: null,
  description: null,
  namespacePrefix: null,
  manageableState: null,
  createdDate: null,
  createdById: null,
  lastModifiedDate: null,
  lastModifiedById: null,
};

/** A definition's origin; the CustomObject or CustomField row adds state and creation, and fills gaps. */
function origin(definition: SoqlRecord, owner: SoqlRecord | undefined): MetadataOrigin {
  return {
    durableId: text(definition.DurableId),
    description: text(definition.Description),
    namespacePrefix: text(definition.NamespacePrefix) ?? text(owner?.NamespacePrefix),
    manageableState: text(owner?.ManageableState),
    createdDate: text(owner?.CreatedDate),
    createdById: text(owner?.CreatedById),
    lastModifiedDate: text(definition.LastModifiedDate) ?? text(owner?.LastModifiedDate),
    lastModifiedById: text(definition.LastModifiedById) ?? text(owner?.LastModifiedById),
  };
}

/** Custom objects' durable ids are their CustomObject ids ('01I'); standard objects' are their names. */
function isCustomObjectId(durableId: string): boolean {
  return durableId.startsWith('01I');
}

/** The CustomField id ('00N') a custom field's durable id ends with (`Object.00N...`); undefined for standard ones. */
function customFieldId(durableId: string | null): string | undefined {
  const last = durableId?.slice(durableId.lastIndexOf('.') + 1);
  return last?.startsWith('00N') ? last : undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function shortId(id: string | null): string | undefined {
  return id?.slice(0, 15);
}
