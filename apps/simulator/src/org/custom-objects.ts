import type { FieldDescribe } from '../describe-types.ts';
import type { Prng } from '../prng.ts';
import { base62 } from '../salesforce-id.ts';
import { fieldOf, type FieldBlueprint, type ObjectBlueprint } from './blueprint.ts';
import type { CompanionKind } from './companion-objects.ts';
import { FIELD_KINDS, buildKindField, locationParts, stemFor, type FieldKind } from './custom-field-kinds.ts';
import { createField } from './field-factory.ts';
import { objectFlags } from './object-flags.ts';
import { withOddNote } from './odd-text.ts';
import { type RelationshipNames, uniqueStem } from './relationship-names.ts';
import { auditFields, idField, isDeletedField, ownerField } from './system-fields.ts';
import { OBJECT_NOUNS, OBJECT_PURPOSES } from './word-lists.ts';

/** A generated custom object with the companions and activity setting the org builder needs. */
export interface GeneratedCustomObject {
  blueprint: ObjectBlueprint;
  companions: CompanionKind[];
  allowsActivities: boolean;
}

const LOOKUP_TARGETS = ['Account', 'Contact', 'Opportunity', 'Case', 'User', 'Product2', 'Campaign'];
const MASTER_TARGETS = ['Account', 'Opportunity', 'Case', 'Contact'];
const RECORD_TYPES = ['Standard', 'Enterprise', 'Internal'];

const describeSentence = (label: string) => `Captures the ${label.toLowerCase()}.`;

/** Generates `count` custom objects with `fieldsPerObject` custom fields each; deterministic for a given PRNG state. */
export function generateCustomObjects(
  count: number,
  fieldsPerObject: number,
  prng: Prng,
  names: RelationshipNames,
): GeneratedCustomObject[] {
  const nouns = [...OBJECT_NOUNS];
  for (let i = nouns.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [nouns[i], nouns[j]] = [nouns[j]!, nouns[i]!];
  }
  const created: GeneratedCustomObject[] = [];
  for (let i = 0; i < count; i++) {
    const [singular, plural] = nouns[i % nouns.length]!;
    const round = Math.floor(i / nouns.length);
    const label = round === 0 ? singular : `${singular} ${round + 1}`;
    const labelPlural = round === 0 ? plural : `${plural} ${round + 1}`;
    const apiName = `${label.replace(/ /g, '_')}__c`;
    const earlier = created.map((c) => c.blueprint.flags.name);
    const kinds = Array.from(
      { length: fieldsPerObject },
      (_, k) => FIELD_KINDS[(i * fieldsPerObject + k) % FIELD_KINDS.length]!,
    );
    const fields = customFields(apiName, labelPlural, kinds, earlier, prng, names);
    const isDetail = fields.some((f) => f.describe.relationshipOrder !== null);
    const autoName = prng.chance(0.25);
    const nameField = createField(
      'Name',
      autoName ? `${label} Number` : `${label} Name`,
      'string',
      autoName
        ? {
            length: 30,
            autoNumber: true,
            createable: false,
            updateable: false,
            nameField: true,
            nillable: false,
            idLookup: true,
            permissionable: false,
            defaultedOnCreate: true,
          }
        : { length: 80, nameField: true, nillable: true, permissionable: false },
    );
    const companions: CompanionKind[] = [];
    if (prng.chance(0.5)) companions.push('History');
    if (!isDetail && prng.chance(0.5)) companions.push('Share');
    if (prng.chance(0.3)) companions.push('Feed');
    if (prng.chance(0.2)) companions.push('ChangeEvent');
    const recordTypes = prng.chance(0.3)
      ? RECORD_TYPES.slice(0, prng.int(1, 3)).map((n) => ({ name: n, developerName: n }))
      : [];
    created.push({
      allowsActivities: prng.chance(0.3),
      companions,
      blueprint: {
        flags: objectFlags(apiName, label, labelPlural, `a${base62(i, 2)}`, {
          custom: true,
          feedEnabled: companions.includes('Feed'),
        }),
        fields: [
          idField('Record ID'),
          ...(isDetail ? [] : [ownerField(true)]),
          isDeletedField(),
          fieldOf(nameField),
          ...auditFields({ activity: true }),
          ...fields,
        ],
        recordTypes,
        description: withOddNote(`Tracks ${labelPlural.toLowerCase()} ${prng.pick(OBJECT_PURPOSES)}.`, i, 4),
        isCustomizable: true,
        exposesChildRelationships: true,
      },
    });
  }
  return created;
}

function customFields(
  objectName: string,
  objectPlural: string,
  kinds: FieldKind[],
  earlierObjects: string[],
  prng: Prng,
  names: RelationshipNames,
): FieldBlueprint[] {
  const used = new Set<string>(['name']);
  const out: FieldBlueprint[] = [];
  const describes: FieldDescribe[] = [];
  let masters = 0;
  for (const kind of kinds) {
    const wantsMaster = kind === 'masterDetail' && masters < 2;
    if (kind === 'lookup' || kind === 'masterDetail') {
      const pool = wantsMaster ? [...MASTER_TARGETS, ...earlierObjects] : [...LOOKUP_TARGETS, ...earlierObjects];
      const target = prng.pick(pool);
      const stem = uniqueStem(target.replace(/__c$/, ''), used);
      const childPlural = objectPlural.replace(/[^A-Za-z0-9]+/g, '_');
      const childRel = `${names.claim(target, childPlural, `${stem}_${childPlural}`)}__r`;
      const restrictedDelete = !wantsMaster && prng.chance(0.2);
      const describe = createField(`${stem}__c`, stem.replace(/_/g, ' '), 'reference', {
        custom: true,
        referenceTo: [target],
        relationshipName: `${stem}__r`,
        ...(wantsMaster
          ? {
              nillable: false,
              cascadeDelete: true,
              relationshipOrder: masters++,
              updateable: false,
              permissionable: false,
            }
          : { restrictedDelete }),
      });
      out.push(
        fieldOf(describe, {
          childRelationshipName: childRel,
          description: prng.chance(0.4) ? `The ${target.replace(/__c$/, '')} this record belongs to.` : null,
        }),
      );
      describes.push(describe);
      continue;
    }
    const stem = uniqueStem(stemFor(kind, prng), used);
    const label = stem.replace(/_/g, ' ');
    let describe = buildKindField(kind, `${stem}__c`, label, { prng, earlier: describes });
    // A dependent picklist needs an earlier controller; without one it is generated as a restricted picklist.
    describe ??= buildKindField('restrictedPicklist', `${stem}__c`, label, { prng, earlier: describes })!;
    if (prng.chance(0.3)) describe.inlineHelpText = `Enter the ${label.toLowerCase()} for this record.`;
    out.push(
      fieldOf(describe, {
        description: prng.chance(0.5)
          ? withOddNote(
              describeSentence(`${label} of the ${objectName.replace(/__c$/, '').replace(/_/g, ' ')}`),
              out.length,
              7,
            )
          : null,
      }),
    );
    describes.push(describe);
    if (describe.type === 'location') out.push(...locationParts(describe).map((part) => fieldOf(part)));
  }
  return out;
}
