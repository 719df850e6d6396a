import { describe, expect, it } from 'vitest';
import { chartUrn, dataFlowUrn, dataJobUrn, datasetUrn, schemaFieldUrn, userUrn } from './datahub-urns.ts';

// The expected strings are what DataHub's Salesforce source builds: make_dataset_urn_with_platform_instance(
// 'salesforce', QualifiedApiName, platform_instance, env) and make_schema_field_urn(dataset_urn, QualifiedApiName),
// as in its golden file salesforce_mces_golden.json (e.g. the foreign keys of Property__c).

describe('DataHub URNs', () => {
  const prod = { env: 'PROD', platformInstance: null };

  it('names an object and a field as DataHub’s Salesforce source does', () => {
    expect(datasetUrn('Account', prod)).toBe('urn:li:dataset:(urn:li:dataPlatform:salesforce,Account,PROD)');
    expect(schemaFieldUrn(datasetUrn('Property__c', prod), 'OwnerId')).toBe(
      'urn:li:schemaField:(urn:li:dataset:(urn:li:dataPlatform:salesforce,Property__c,PROD),OwnerId)',
    );
  });

  it('folds the platform instance into the name and upper-cases the env, as DataHub does', () => {
    const scope = { env: 'dev', platformInstance: 'acme_sandbox' };
    expect(datasetUrn('Invoice__c', scope)).toBe(
      'urn:li:dataset:(urn:li:dataPlatform:salesforce,acme_sandbox.Invoice__c,DEV)',
    );
    expect(chartUrn('00O000000000001AAA', scope)).toBe('urn:li:chart:(salesforce,acme_sandbox.00O000000000001AAA)');
  });

  it('escapes the characters DataHub’s UrnEncoder escapes in a field path', () => {
    expect(schemaFieldUrn('urn:li:dataset:(urn:li:dataPlatform:salesforce,A,PROD)', 'a,b(c)')).toBe(
      'urn:li:schemaField:(urn:li:dataset:(urn:li:dataPlatform:salesforce,A,PROD),a%2Cb%28c%29)',
    );
  });

  it('builds data flow, data job and user URNs', () => {
    const flow = dataFlowUrn('00D000000000001EAA', prod);
    expect(flow).toBe('urn:li:dataFlow:(salesforce,00D000000000001EAA,PROD)');
    expect(dataJobUrn(flow, '01p000000000001AAA')).toBe(
      'urn:li:dataJob:(urn:li:dataFlow:(salesforce,00D000000000001EAA,PROD),01p000000000001AAA)',
    );
    expect(userUrn({ id: '005x', name: 'A', email: 'a@example.com' })).toBe('urn:li:corpuser:a@example.com');
    expect(userUrn({ id: '005x', name: 'A', email: null })).toBe('urn:li:corpuser:005x');
  });
});
