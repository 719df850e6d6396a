import type { DescribeGlobalResult, SObjectDescribe } from './describe-types.ts';
import type { ObjectBlueprint } from './org/blueprint.ts';
import { fieldOf } from './org/blueprint.ts';
import { companionObject } from './org/companion-objects.ts';
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
  /** When metadata last changed; If-Modified-Since is compared with it. */
  lastModified: Date;
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

  const blueprints: ObjectBlueprint[] = [];
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
  for (const def of [...salesObjects(), ...serviceObjects(), ...setupObjects()]) {
    const bp = standardObject(def);
    for (const f of bp.fields) {
      if (f.describe.name === 'WhatId') f.describe = { ...f.describe, referenceTo: activityParents };
    }
    blueprints.push(bp, ...(def.companions ?? []).map((kind) => companionObject(bp, kind)));
  }
  for (const custom of customs) {
    blueprints.push(custom.blueprint, ...custom.companions.map((kind) => companionObject(custom.blueprint, kind)));
  }
  for (const bp of blueprints) {
    if (bp.recordTypes.length === 0) continue;
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
