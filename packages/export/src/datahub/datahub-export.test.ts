import { describe, expect, it } from 'vitest';
import { exportLines } from '../export-lines.ts';
import { CONTEXT, collect, exportRecords, streamOf } from '../fixtures/export-records.ts';
import { createDatahubValidator } from '../fixtures/schema-validators.ts';
import type { MetadataChangeProposal } from './datahub-mcp.ts';

const ACCOUNT = 'urn:li:dataset:(urn:li:dataPlatform:salesforce,Account,PROD)';
const INVOICE = 'urn:li:dataset:(urn:li:dataPlatform:salesforce,Invoice__c,PROD)';
const field = (dataset: string, path: string) => `urn:li:schemaField:(${dataset},${path})`;

async function mcps(context = CONTEXT): Promise<MetadataChangeProposal[]> {
  return JSON.parse(await collect(exportLines(streamOf(exportRecords()), 'datahub', context)));
}

function aspect(all: MetadataChangeProposal[], urn: string, name: string): Record<string, unknown> {
  const found = all.find((m) => m.entityUrn === urn && m.aspectName === name);
  if (!found) throw new Error(`no ${name} for ${urn}`);
  return found.aspect.json;
}

describe('the DataHub export', () => {
  it('is a JSON array of MCPs that DataHub’s Avro schemas accept', async () => {
    const validate = createDatahubValidator();
    const all = await mcps({ ...CONTEXT, platformInstance: 'acme' });
    expect(all.length).toBeGreaterThan(20);
    for (const mcp of all) {
      expect(Object.keys(mcp)).toEqual(['entityType', 'entityUrn', 'changeType', 'aspectName', 'aspect']);
      expect(validate(mcp), `${mcp.aspectName} of ${mcp.entityUrn}`).toEqual([]);
    }
    const aspects = new Set(all.map((m) => m.aspectName));
    expect([...aspects].sort()).toEqual(
      [
        'chartInfo',
        'dashboardInfo',
        'dataFlowInfo',
        'dataJobInfo',
        'dataJobInputOutput',
        'dataPlatformInstance',
        'datasetProperties',
        'ownership',
        'schemaMetadata',
        'subTypes',
        'upstreamLineage',
      ].sort(),
    );
  });

  it('catches an aspect that does not match its schema', () => {
    const validate = createDatahubValidator();
    const bad = { entityType: 'dataset', entityUrn: ACCOUNT, changeType: 'UPSERT', aspectName: 'subTypes' };
    expect(validate({ ...bad, aspect: { json: { typeNames: 'Object' } } })).not.toEqual([]);
    expect(validate({ ...bad, aspect: { json: { typeNames: ['Object'], extra: 1 } } })).not.toEqual([]);
    expect(validate({ ...bad, changeType: 'MERGE', aspect: { json: { typeNames: ['Object'] } } })).not.toEqual([]);
    const field = { fieldPath: 'Id', nativeDataType: 'id', type: { type: { 'com.linkedin.schema.TextType': {} } } };
    const schema = { schemaName: '', platform: 'p', version: 0, hash: '', fields: [field] };
    const platformSchema = { 'com.linkedin.schema.OtherSchema': { rawSchema: '' } };
    const schemaMcp = { ...bad, aspectName: 'schemaMetadata' };
    expect(validate({ ...schemaMcp, aspect: { json: { ...schema, platformSchema } } })).not.toEqual([]);
    const good = { ...field, type: { type: { 'com.linkedin.schema.StringType': {} } } };
    expect(validate({ ...schemaMcp, aspect: { json: { ...schema, platformSchema, fields: [good] } } })).toEqual([]);
  });

  it('describes objects as DataHub’s Salesforce source does: fields, types, keys, sub-types', async () => {
    const all = await mcps();
    const schema = aspect(all, ACCOUNT, 'schemaMetadata') as { fields: Record<string, unknown>[] } & object;
    const paths = schema.fields.map((f) => f.fieldPath);
    expect(paths).not.toContain('BillingAddress');
    expect(paths).toContain('BillingCity');
    expect(schema.fields.find((f) => f.fieldPath === 'Industry')).toMatchObject({
      type: { type: { 'com.linkedin.schema.EnumType': {} } },
      description: 'Industry\n\n\\#1 rule: pick the main one',
      nativeDataType: 'picklist',
    });
    expect(schema.fields.find((f) => f.fieldPath === 'Account_Number__c')).toMatchObject({
      jsonProps: '{"IsUnique": true}',
    });
    expect(schema.fields.find((f) => f.fieldPath === 'Total_Amount__c')).toMatchObject({
      created: { time: Date.parse('2024-05-01T10:00:00.000Z'), actor: 'urn:li:corpuser:ada@acme.example' },
      lastModified: { actor: 'urn:li:corpuser:005000000000002AAA' },
    });
    expect(schema).toMatchObject({ primaryKeys: ['Id'], platform: 'urn:li:dataPlatform:salesforce' });
    expect(schema).toHaveProperty(
      'foreignKeys',
      expect.arrayContaining([
        {
          name: 'Owner',
          foreignFields: [field('urn:li:dataset:(urn:li:dataPlatform:salesforce,User,PROD)', 'Id')],
          sourceFields: [field(ACCOUNT, 'OwnerId')],
          foreignDataset: 'urn:li:dataset:(urn:li:dataPlatform:salesforce,User,PROD)',
        },
      ]),
    );
    expect(aspect(all, ACCOUNT, 'subTypes')).toEqual({ typeNames: ['Object'] });
    expect(aspect(all, INVOICE, 'subTypes')).toEqual({ typeNames: ['Custom Object'] });
    expect(aspect(all, INVOICE, 'ownership')).toEqual({
      owners: [{ owner: 'urn:li:corpuser:ada@acme.example', type: 'TECHNICAL_OWNER' }],
    });
    expect(aspect(all, ACCOUNT, 'datasetProperties')).toMatchObject({ name: 'Account', description: 'A company.' });
  });

  it('writes reference, roll-up and formula edges as upstream and fine-grained lineage', async () => {
    const all = await mcps();
    const account = aspect(all, ACCOUNT, 'upstreamLineage') as {
      upstreams: { dataset: string }[];
      fineGrainedLineages: object[];
    };
    expect(account.upstreams.map((u) => u.dataset).sort()).toEqual([
      'urn:li:dataset:(urn:li:dataPlatform:salesforce,Group,PROD)',
      INVOICE,
      'urn:li:dataset:(urn:li:dataPlatform:salesforce,User,PROD)',
    ]);
    expect(account.fineGrainedLineages).toContainEqual({
      upstreamType: 'FIELD_SET',
      upstreams: [field(INVOICE, 'Amount__c')],
      downstreamType: 'FIELD',
      downstreams: [field(ACCOUNT, 'Total_Amount__c')],
      transformOperation: 'rollup',
      confidenceScore: 1,
    });
    expect(account.fineGrainedLineages).toContainEqual(
      expect.objectContaining({
        upstreamType: 'DATASET',
        upstreams: [INVOICE],
        downstreams: [field(ACCOUNT, 'Invoice_Count__c')],
      }),
    );
    expect(account.fineGrainedLineages).toContainEqual(
      expect.objectContaining({ upstreams: [field(ACCOUNT, 'Id')], downstreams: [field(ACCOUNT, 'ParentId')] }),
    );
    const contact = 'urn:li:dataset:(urn:li:dataPlatform:salesforce,Contact,PROD)';
    expect(aspect(all, contact, 'upstreamLineage')).toMatchObject({
      upstreams: [{ dataset: ACCOUNT, type: 'TRANSFORMED' }],
      fineGrainedLineages: expect.arrayContaining([
        expect.objectContaining({ upstreams: [field(ACCOUNT, 'Name')], transformOperation: 'formula' }),
      ]),
    });
    expect(all.some((m) => m.entityUrn.includes(',User,') && m.aspectName === 'upstreamLineage')).toBe(false);
  });

  it('writes reports as charts on their objects, dashboards with their charts, Apex and flows as jobs', async () => {
    const all = await mcps();
    const chart = 'urn:li:chart:(salesforce,00O000000000001AAA)';
    expect(aspect(all, chart, 'chartInfo')).toMatchObject({ title: 'Accounts by industry', inputs: [ACCOUNT] });
    expect(aspect(all, chart, 'ownership')).toMatchObject({
      owners: expect.arrayContaining([{ owner: 'urn:li:corpuser:005000000000002AAA', type: 'BUSINESS_OWNER' }]),
    });
    expect(aspect(all, 'urn:li:dashboard:(salesforce,01Z000000000001AAA)', 'dashboardInfo')).toMatchObject({
      title: 'Sales overview',
      charts: [chart],
    });
    const flow = 'urn:li:dataFlow:(salesforce,00D000000000001EAA,PROD)';
    expect(all.filter((m) => m.entityUrn === flow)).toHaveLength(1);
    const trigger = `urn:li:dataJob:(${flow},01q000000000001AAA)`;
    expect(aspect(all, trigger, 'dataJobInfo')).toMatchObject({ type: { string: 'APEX_TRIGGER' }, flowUrn: flow });
    expect(aspect(all, trigger, 'dataJobInputOutput')).toEqual({
      inputDatasets: [INVOICE, ACCOUNT],
      outputDatasets: [],
      inputDatasetFields: [field(ACCOUNT, 'Name')],
    });
  });
});
