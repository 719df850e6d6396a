import { describe, expect, it } from 'vitest';
import { exportLines } from '../export-lines.ts';
import { CONTEXT, collect, exportRecords, streamOf } from '../fixtures/export-records.ts';
import { createOpenLineageValidator } from '../fixtures/schema-validators.ts';

type Event = Record<string, unknown> & {
  dataset?: { namespace: string; name: string; facets: Record<string, Record<string, unknown>> };
  job?: { namespace: string; name: string };
  inputs?: { namespace: string; name: string }[];
};

async function events(): Promise<Event[]> {
  const text = await collect(exportLines(streamOf(exportRecords()), 'openlineage', CONTEXT));
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const NAMESPACE = 'salesforce://acme.my.salesforce.com';

describe('the OpenLineage export', () => {
  it('writes one event per record that OpenLineage.json and the facet schemas accept', async () => {
    const validate = createOpenLineageValidator();
    const all = await events();
    expect(all).toHaveLength(exportRecords().length);
    for (const event of all) expect(validate(event), JSON.stringify(event).slice(0, 200)).toEqual([]);
  });

  it('catches an event or a facet the schemas reject', () => {
    const validate = createOpenLineageValidator();
    const base = { eventTime: CONTEXT.exportedAt, producer: 'urn:sfmeta:export' };
    const schemaURL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent';
    expect(validate({ ...base, schemaURL, dataset: { namespace: NAMESPACE } })).not.toEqual([]);
    const facet = { _producer: 'urn:sfmeta:export', _schemaURL: schemaURL };
    const dataset = { namespace: NAMESPACE, name: 'Account', facets: { documentation: { ...facet, text: 'x' } } };
    expect(validate({ ...base, schemaURL, dataset })).not.toEqual([]);
  });

  it('writes objects as datasets with their schema, documentation and column lineage', async () => {
    const all = await events();
    const account = all.find((e) => e.dataset?.name === 'Account')?.dataset;
    expect(account?.namespace).toBe(NAMESPACE);
    expect(account?.facets.documentation).toMatchObject({ description: 'A company.' });
    expect(account?.facets.schema?.fields).toContainEqual({
      name: 'Name',
      type: 'string',
      description: 'The legal name.',
      ordinal_position: 2,
    });
    const lineage = account?.facets.columnLineage?.fields as Record<string, { inputFields: object[] }>;
    expect(lineage.Total_Amount__c?.inputFields).toEqual([
      expect.objectContaining({ namespace: NAMESPACE, name: 'Invoice__c', field: 'Amount__c' }),
    ]);
    expect(lineage.OwnerId?.inputFields.map((input) => (input as { name: string }).name).sort()).toEqual([
      'Group',
      'User',
    ]);
    const contact = all.find((e) => e.dataset?.name === 'Contact')?.dataset;
    expect(contact?.facets.columnLineage?.fields).toMatchObject({
      Account_Name__c: { inputFields: [{ name: 'Account', field: 'Name', transformations: [{ type: 'DIRECT' }] }] },
    });
    expect(all.find((e) => e.dataset?.name === 'User')?.dataset?.facets).not.toHaveProperty('columnLineage');
  });

  it('writes reports as datasets whose columns come from fields, and the rest as jobs with their inputs', async () => {
    const all = await events();
    const report = all.find((e) => e.dataset?.name === 'report:00O000000000001AAA')?.dataset;
    expect(report?.facets.columnLineage?.fields).toMatchObject({
      'ACCOUNT.NAME': { inputFields: [{ name: 'Account', field: 'Name' }] },
      INDUSTRY: { inputFields: [{ name: 'Account', field: 'Industry' }] },
    });
    const dashboard = all.find((e) => e.job?.name === 'dashboard:01Z000000000001AAA');
    expect(dashboard?.inputs).toEqual([{ namespace: NAMESPACE, name: 'report:00O000000000001AAA' }]);
    const trigger = all.find((e) => e.job?.name === 'apex_trigger:01q000000000001AAA');
    expect(trigger?.inputs?.map((input) => input.name)).toEqual(['Invoice__c', 'Account']);
  });
});
