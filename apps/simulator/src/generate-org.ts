import type { DescribeGlobalResult, SObjectDescribe } from './describe-types.ts';
import type { ObjectBlueprint } from './org/blueprint.ts';
import { fieldOf } from './org/blueprint.ts';
import { type CompanionKind, companionObject } from './org/companion-objects.ts';
import { generateCustomObjects } from './org/custom-objects.ts';
import { entityMetadata, type EntityMetadata } from './org/entity-metadata.ts';
import { createField } from './org/field-factory.ts';
import { childRelationshipsByParent, globalEntry, objectDescribe } from './org/object-describe.ts';
import { recordCounts } from './org/record-counts.ts';
import { RelationshipNames } from './org/relationship-names.ts';
import { standardObject } from './org/standard-object.ts';
import { salesObjects } from './org/standard-objects-sales.ts';
import { ACTIVITY_PARENTS, serviceObjects } from './org/standard-objects-service.ts';
import { setupObjects } from './org/standard-objects-setup.ts';
import type { OrgSpec } from './org-spec.ts';
import { createPrng, deriveSeed } from './prng.ts';
import { randomId } from './salesforce-id.ts';

export type { EntityMetadata, FieldMetadata } from './org/entity-metadata.ts';

/** A generated org: the exact describe bodies the simulator serves, and what SOQL and Tooling report. */
export interface Org {
  spec: OrgSpec;
  /** 18-character org id ('00D...'). */
  id: string;
  /** 18-character id of the API user ('005...'). */
  userId: string;
  /**
   * When metadata last changed anywhere: the latest of `listModified` and every object's time. describeGlobal's
   * If-Modified-Since is compared with it, and the dates SOQL and Tooling report are based on it.
   */
  lastModified: Date;
  /** When objects were last added to or removed from the list (describeGlobal). */
  listModified: Date;
  /** When each sObject's describe last changed; If-Modified-Since on its describe is compared with it. */
  objectsModified: Map<string, Date>;
  describeGlobal: DescribeGlobalResult;
  describes: Map<string, SObjectDescribe>;
  recordCounts: Map<string, number>;
  /** Tooling-only facts (descriptions, durable ids, dates) for EntityDefinition and FieldDefinition. */
  entities: Map<string, EntityMetadata>;
}

const YEAR_2024_MS = Date.UTC(2024, 0, 1);

/**
 * Builds the org for a spec. Pure: the same spec gives identical describes, byte for byte.
 * `baseUrl` prefixes the `urls` inside describes; the default '' gives Salesforce's relative paths.
 */
export function generateOrg(spec: OrgSpec, baseUrl = ''): Org {
  const stream = (salt: string) => createPrng(deriveSeed(spec.seed, salt));
  const ids = stream('ids');
  const id = randomId('00D', ids);
  const userId = randomId('005', ids);
  const lastModified = new Date(YEAR_2024_MS + stream('date').int(0, 364 * 86_400) * 1000);

  const customs = generateCustomObjects(
    spec.customObjects,
    spec.fieldsPerObject,
    stream('custom'),
    new RelationshipNames(),
  );
  const activityParents = [
    ...ACTIVITY_PARENTS,
    ...customs.filter((c) => c.allowsActivities).map((c) => c.blueprint.flags.name),
  ];
  const objects: [ObjectBlueprint, CompanionKind[]][] = [];
  for (const def of [...salesObjects(), ...serviceObjects(), ...setupObjects()]) {
    const bp = standardObject(def);
    for (const f of bp.fields) {
      if (f.describe.name === 'WhatId') f.describe = { ...f.describe, referenceTo: activityParents };
    }
    objects.push([bp, def.companions ?? []]);
  }
  for (const custom of customs) objects.push([custom.blueprint, custom.companions]);
  const blueprints: ObjectBlueprint[] = [];
  for (const [bp, companions] of objects) {
    if (bp.recordTypes.length > 0) {
      bp.fields.splice(
        2,
        0,
        fieldOf(
          createField('RecordTypeId', 'Record Type ID', 'reference', {
            referenceTo: ['RecordType'],
            relationshipName: 'RecordType',
            custom: false,
            defaultedOnCreate: true,
          }),
        ),
      );
    }
    // Companions last: a ChangeEvent copies every field of its object, RecordTypeId included.
    blueprints.push(bp, ...companions.map((kind) => companionObject(bp, kind)));
  }
  blueprints.sort((a, b) => (a.flags.name < b.flags.name ? -1 : a.flags.name > b.flags.name ? 1 : 0));

  const children = childRelationshipsByParent(blueprints);
  const describes = new Map<string, SObjectDescribe>();
  let recordTypeIds = 0;
  for (const bp of blueprints) {
    describes.set(bp.flags.name, objectDescribe(bp, children.get(bp.flags.name) ?? [], baseUrl, recordTypeIds));
    recordTypeIds += bp.recordTypes.length;
  }
  return {
    spec,
    id,
    userId,
    lastModified,
    listModified: lastModified,
    objectsModified: new Map(blueprints.map((bp) => [bp.flags.name, lastModified])),
    describeGlobal: {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: blueprints.map((bp) => globalEntry(bp, baseUrl)),
    },
    describes,
    recordCounts: recordCounts(blueprints, recordTypeIds, stream('counts')),
    entities: entityMetadata(blueprints, lastModified, stream('entities')),
  };
}
