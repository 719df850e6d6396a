import { describe, expect, it } from 'vitest';
import { generateOrg } from './generate-org.ts';
import { orgInconsistencies } from './mutations/org-consistency.ts';
import { FIELD_KINDS } from './org/custom-field-kinds.ts';
import { testOrgSpec } from './test-support.ts';

const STANDARD = [
  'Account',
  'Contact',
  'Opportunity',
  'Lead',
  'Case',
  'User',
  'Campaign',
  'Task',
  'Event',
  'Product2',
  'Pricebook2',
  'Contract',
  'Order',
];
const FIELD_KEYS = [
  'name',
  'label',
  'type',
  'soapType',
  'length',
  'precision',
  'scale',
  'digits',
  'byteLength',
  'nillable',
  'unique',
  'externalId',
  'idLookup',
  'calculated',
  'calculatedFormula',
  'defaultValue',
  'defaultValueFormula',
  'inlineHelpText',
  'referenceTo',
  'relationshipName',
  'relationshipOrder',
  'cascadeDelete',
  'picklistValues',
  'controllerName',
  'dependentPicklist',
  'restrictedPicklist',
  'autoNumber',
  'compoundFieldName',
  'encrypted',
  'custom',
  'deprecatedAndHidden',
  'createable',
  'updateable',
  'filterable',
  'sortable',
  'groupable',
  'nameField',
  'permissionable',
  'polymorphicForeignKey',
  'aggregatable',
  'htmlFormatted',
  'caseSensitive',
  'writeRequiresMasterRead',
  'referenceTargetField',
  'queryByDistance',
];

const serialize = (org: ReturnType<typeof generateOrg>) =>
  JSON.stringify({ g: org.describeGlobal, d: [...org.describes], c: [...org.recordCounts], id: org.id });

describe('generateOrg', () => {
  it('is deterministic for a spec and differs with the seed', () => {
    const a = serialize(generateOrg(testOrgSpec()));
    expect(serialize(generateOrg(testOrgSpec()))).toBe(a);
    expect(serialize(generateOrg(testOrgSpec({ seed: 8 })))).not.toBe(a);
  });

  it('derives ids and lastModified from the seed', () => {
    const org = generateOrg(testOrgSpec());
    expect(org.id).toMatch(/^00D[0-9A-Za-z]{15}$/);
    expect(org.userId).toMatch(/^005[0-9A-Za-z]{15}$/);
    expect(org.lastModified.getTime() % 1000).toBe(0);
  });

  it('respects customObjects and fieldsPerObject', () => {
    const org = generateOrg(testOrgSpec({ customObjects: 12, fieldsPerObject: 17 }));
    // The org's hierarchy custom setting (Org_Settings__c) is not one of the generated custom objects.
    const customs = org.describeGlobal.sobjects.filter((s) => s.name.endsWith('__c') && !s.customSetting);
    expect(customs).toHaveLength(12);
    for (const s of customs) {
      const d = org.describes.get(s.name)!;
      expect(s.custom && d.custom).toBe(true);
      // Location parts (compoundFieldName set) come with their location field and are not counted, nor are the
      // roll-up summaries (calculated without a formula) planted on masters.
      const rollup = (f: { calculated: boolean; calculatedFormula: string | null }) =>
        f.calculated && f.calculatedFormula === null;
      expect(d.fields.filter((f) => f.custom && f.compoundFieldName === null && !rollup(f))).toHaveLength(17);
      expect(d.keyPrefix).toMatch(/^a[0-9A-Za-z]{2}$/);
    }
  });

  it('has a describe for every describeGlobal entry, with the real keys', () => {
    const org = generateOrg(testOrgSpec());
    for (const name of [...STANDARD, 'AccountHistory', 'AccountShare', 'AccountFeed', 'AccountChangeEvent']) {
      expect(org.describes.has(name), name).toBe(true);
    }
    expect(org.describeGlobal).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    for (const s of org.describeGlobal.sobjects) {
      const d = org.describes.get(s.name)!;
      expect(d.name).toBe(s.name);
      expect(d.recordTypeInfos.filter((r) => r.master && r.recordTypeId === '012000000000000AAA')).toHaveLength(1);
      for (const f of d.fields) expect(Object.keys(f)).toEqual(expect.arrayContaining(FIELD_KEYS));
    }
  });

  it('gives standard objects realistic fields', () => {
    const account = generateOrg(testOrgSpec()).describes.get('Account')!;
    const field = (n: string) => account.fields.find((f) => f.name === n);
    expect(field('Id')).toMatchObject({ type: 'id', soapType: 'tns:ID' });
    expect(field('Industry')?.picklistValues.length).toBeGreaterThan(10);
    expect(field('BillingCity')).toMatchObject({ compoundFieldName: 'BillingAddress' });
    expect(field('BillingAddress')).toMatchObject({ type: 'address', soapType: 'urn:address' });
    expect(field('ParentId')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Parent' });
    expect(field('CreatedById')).toMatchObject({ referenceTo: ['User'] });
    expect(account.recordTypeInfos.length).toBeGreaterThan(1);
  });

  it('covers the whole field type mix', () => {
    const org = generateOrg(testOrgSpec({ customObjects: 3, fieldsPerObject: FIELD_KINDS.length }));
    const fields = [...org.describes.values()]
      .filter((d) => d.name.endsWith('__c'))
      .flatMap((d) => d.fields.filter((f) => f.custom));
    const types = new Set(fields.map((f) => f.type));
    for (const t of [
      'string',
      'textarea',
      'boolean',
      'int',
      'double',
      'currency',
      'percent',
      'date',
      'datetime',
      'time',
      'email',
      'phone',
      'url',
      'picklist',
      'multipicklist',
      'combobox',
      'reference',
      'encryptedstring',
      'location',
    ]) {
      expect(types.has(t as never), t).toBe(true);
    }
    expect(fields.some((f) => f.relationshipOrder === 0 && f.cascadeDelete && !f.nillable)).toBe(true);
    expect(fields.some((f) => f.externalId && f.unique && f.idLookup)).toBe(true);
    expect(fields.some((f) => f.calculated && f.calculatedFormula)).toBe(true);
    expect(fields.some((f) => f.autoNumber)).toBe(true);
    expect(
      fields.some((f) => f.dependentPicklist && f.controllerName && f.picklistValues.every((v) => v.validFor)),
    ).toBe(true);
    expect(fields.some((f) => f.restrictedPicklist)).toBe(true);
    expect(fields.some((f) => f.type === 'boolean' && typeof f.defaultValue === 'boolean')).toBe(true);
    expect(
      fields.some((f) => f.type === 'picklist' && f.picklistValues.filter((v) => v.defaultValue).length === 1),
    ).toBe(true);
  });

  it('lists every reference as a child relationship of its target', () => {
    const org = generateOrg(testOrgSpec({ customObjects: 10 }));
    for (const d of org.describes.values()) {
      if (d.name.endsWith('ChangeEvent')) continue;
      for (const f of d.fields.filter((x) => x.type === 'reference')) {
        for (const target of f.referenceTo) {
          const parent = org.describes.get(target);
          expect(parent, `${d.name}.${f.name} -> ${target}`).toBeDefined();
          const rel = parent!.childRelationships.find((r) => r.childSObject === d.name && r.field === f.name);
          expect(rel, `${target} lists ${d.name}.${f.name}`).toMatchObject({
            cascadeDelete: f.cascadeDelete,
            junctionIdListNames: [],
            junctionReferenceTo: [],
          });
        }
      }
      const names = d.childRelationships.map((r) => r.relationshipName).filter((n) => n !== null);
      expect(new Set(names).size, `${d.name} relationship names unique`).toBe(names.length);
    }
  });

  it('has parts that agree: lists, times, Tooling metadata, references, ChangeEvent copies', () => {
    expect(orgInconsistencies(generateOrg(testOrgSpec({ customObjects: 20, fieldsPerObject: 40 })))).toEqual([]);
  });

  it('generates a 500 x 100 org quickly', () => {
    const started = performance.now();
    const org = generateOrg(testOrgSpec({ customObjects: 500, fieldsPerObject: 100 }));
    expect(org.describeGlobal.sobjects.filter((s) => s.name.endsWith('__c') && !s.customSetting)).toHaveLength(500);
    expect(performance.now() - started).toBeLessThan(8000);
  });
});
