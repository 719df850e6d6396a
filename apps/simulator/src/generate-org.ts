import type { DescribeGlobalResult, SObjectDescribe } from './describe-types.ts';
import type { ObjectBlueprint } from './org/blueprint.ts';
import { fieldOf } from './org/blueprint.ts';
import { type CompanionKind, companionObject } from './org/companion-objects.ts';
import { generateCustomObjects } from './org/custom-objects.ts';
import type { OrgApexClass } from './org/apex-classes.ts';
import type { OrgApexTrigger } from './org/apex-triggers.ts';
import { AuditStamper } from './org/audit-stamps.ts';
import type { OrgDashboard } from './org/dashboards.ts';
import { entityMetadata, type EntityMetadata } from './org/entity-metadata.ts';
import { createField } from './org/field-factory.ts';
import { ORG_SETTINGS, customSettingObject } from './org/custom-setting.ts';
import { plantFormulas } from './org/formula-fields.ts';
import type { OrgFlow, PlantedFormula, PlantedRollup } from './org/lineage-plan.ts';
import { plantRollups } from './org/rollup-fields.ts';
import { childRelationshipsByParent, globalEntry, objectDescribe } from './org/object-describe.ts';
import { recordCounts } from './org/record-counts.ts';
import { RelationshipNames } from './org/relationship-names.ts';
import type { OrgReport } from './org/reports.ts';
import { generateSetupItems } from './org/setup-items.ts';
import { standardObject } from './org/standard-object.ts';
import { salesObjects } from './org/standard-objects-sales.ts';
import { ACTIVITY_PARENTS, serviceObjects } from './org/standard-objects-service.ts';
import { setupObjects } from './org/standard-objects-setup.ts';
import { generateUsers, type OrgUser } from './org/users.ts';
import type { OrgSpec } from './org-spec.ts';
import { createPrng, deriveSeed } from './prng.ts';
import { base62, randomId } from './salesforce-id.ts';

export type { OrgApexClass } from './org/apex-classes.ts';
export type { TriggerEvent } from './org/apex-source.ts';
export type { OrgApexTrigger } from './org/apex-triggers.ts';
export type { AuditStamp } from './org/audit-stamps.ts';
export type { DashboardComponent, OrgDashboard } from './org/dashboards.ts';
export type { ComponentFacts, EntityMetadata, FieldMetadata, ManageableState } from './org/entity-metadata.ts';
export type { ComponentReference, OrgFlow, PlantedFormula, PlantedRollup } from './org/lineage-plan.ts';
export type { OrgReport } from './org/reports.ts';
export type { OrgUser } from './org/users.ts';

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
  /**
   * Tooling-only facts (descriptions, durable ids, dates, authors, packages) for EntityDefinition, FieldDefinition,
   * CustomObject and CustomField.
   */
  entities: Map<string, EntityMetadata>;
  /** The users SOQL's User table lists, the API user (`userId`) first; every audit column names one of them. */
  users: OrgUser[];
  /** SOQL's Report rows and their analytics describes. */
  reports: OrgReport[];
  /** SOQL's Dashboard rows and their analytics describes; components chart `reports`. */
  dashboards: OrgDashboard[];
  /** Tooling's ApexClass rows. */
  apexClasses: OrgApexClass[];
  /** Tooling's ApexTrigger rows, on objects of `describes`. */
  apexTriggers: OrgApexTrigger[];
  /** Flows; only MetadataComponentDependency shows them. */
  flows: OrgFlow[];
  /** The formulas the generator wrote and what each reads, as written (planted-lineage.ts). */
  formulas: PlantedFormula[];
  /** The roll-up summary fields on masters, and what each summarizes. */
  rollups: PlantedRollup[];
}

/** Ids an org keeps when it is generated again (OrgRuntime.setShape): the org's and its API user's. */
export interface OrgIdentity {
  id: string;
  userId: string;
}

const YEAR_2024_MS = Date.UTC(2024, 0, 1);

/**
 * Builds the org for a spec. Pure: the same spec gives identical describes, byte for byte. `identity` keeps the ids
 * of an org generated before (the API user's id then replaces the one the seed gives, everywhere).
 * `baseUrl` prefixes the `urls` inside describes; the default '' gives Salesforce's relative paths.
 */
export function generateOrg(spec: OrgSpec, baseUrl = '', identity?: OrgIdentity): Org {
  const stream = (salt: string) => createPrng(deriveSeed(spec.seed, salt));
  const ids = stream('ids');
  const generatedId = randomId('00D', ids);
  const generatedUserId = randomId('005', ids);
  const id = identity?.id ?? generatedId;
  const userId = identity?.userId ?? generatedUserId;
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
  objects.push([customSettingObject(spec.customObjects < 62 * 62 ? `a${base62(spec.customObjects, 2)}` : null), []]);
  for (const [bp] of objects) {
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
  }
  // Roll-ups and formulas once every object exists: formulas reach across objects, roll-ups sit on masters.
  const bases = objects.map(([bp]) => bp);
  const rollups = plantRollups(bases, stream('rollups'));
  const formulas = plantFormulas(bases, stream('formulas'), ORG_SETTINGS);
  const blueprints: ObjectBlueprint[] = [];
  // Companions last: a ChangeEvent copies every field of its object, RecordTypeId and formulas included.
  for (const [bp, companions] of objects) blueprints.push(bp, ...companions.map((kind) => companionObject(bp, kind)));
  blueprints.sort((a, b) => (a.flags.name < b.flags.name ? -1 : a.flags.name > b.flags.name ? 1 : 0));

  const children = childRelationshipsByParent(blueprints);
  const describes = new Map<string, SObjectDescribe>();
  let recordTypeIds = 0;
  for (const bp of blueprints) {
    describes.set(bp.flags.name, objectDescribe(bp, children.get(bp.flags.name) ?? [], baseUrl, recordTypeIds));
    recordTypeIds += bp.recordTypes.length;
  }
  const users = generateUsers(spec, userId, stream('users'), lastModified);
  const authors = new AuditStamper(stream('entity-authors'), users);
  const entities = entityMetadata(blueprints, lastModified, stream('entities'), authors);
  const setup = generateSetupItems(spec, describes, entities, users, lastModified);
  const counted = recordCounts(blueprints, recordTypeIds, stream('counts'));
  // These tables list the generated items themselves.
  counted.set('User', users.length);
  counted.set('Report', setup.reports.length);
  counted.set('Dashboard', setup.dashboards.length);
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
    recordCounts: counted,
    entities,
    users,
    ...setup,
    formulas,
    rollups,
  };
}
