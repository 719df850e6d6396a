import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startSimulator, type Simulator } from '@sfmeta/simulator/simulator';
import { fetchObjectMetadata } from './object-metadata.ts';
import { loginWithPassword } from './password-login.ts';
import { SalesforceClient } from './salesforce-client.ts';

const org: OrgSpec = {
  name: 'described',
  seed: 17,
  customObjects: 60,
  fieldsPerObject: 6,
  clientId: 'cid',
  clientSecret: 'csecret',
  username: 'user@described.test',
  password: 'pw',
  securityToken: 'TOKEN',
};
/** Custom objects of over a hundred fields: 25 of them overflow a page of FieldDefinition rows. */
const wideOrg: OrgSpec = {
  ...org,
  name: 'wide',
  clientId: 'cid-wide',
  username: 'user@wide.test',
  fieldsPerObject: 100,
};

let simulator: Simulator;
const clients = new Map<string, SalesforceClient>();

beforeAll(async () => {
  simulator = await startSimulator({ orgs: [org, wideOrg], port: 0 });
  for (const spec of [org, wideOrg]) {
    const session = await loginWithPassword({ loginUrl: simulator.url, ...spec });
    clients.set(
      spec.name,
      new SalesforceClient({
        sessions: { current: async () => session, renew: async () => session },
        apiVersion: '62.0',
        retry: { retries: 2, minTimeout: 5, maxTimeout: 20 },
      }),
    );
  }
});
afterAll(() => simulator.close());
afterEach(() => simulator.org(org.name).setFaults({}));

/** Salesforce's datetime format in query results. */
const soqlDate = (date: Date) => date.toISOString().replace('Z', '+0000');

describe('fetchObjectMetadata', () => {
  it('reads the definitions of 100 objects and their fields in one composite call', async () => {
    const simulated = simulator.org(org.name);
    const names = [...simulated.org.describes.keys()].slice(0, 100);
    simulated.resetCounters();

    const result = await fetchObjectMetadata(clients.get(org.name)!, names, { owners: false });

    expect(simulated.counters.byKind.tooling_composite).toBe(1);
    expect(simulated.counters.apiUsage).toBe(1);
    expect(result.skipped).toEqual([]);
    expect([...result.objects.keys()]).toEqual(names);
    for (const name of names) {
      const entity = simulated.org.entities.get(name)!;
      const object = result.objects.get(name)!;
      expect(object).toMatchObject({
        durableId: entity.durableId,
        description: entity.description,
        lastModifiedDate: soqlDate(entity.lastModified),
        lastModifiedById: entity.lastModifiedById,
      });
      expect([...object.fields.keys()]).toEqual(simulated.org.describes.get(name)!.fields.map((field) => field.name));
      for (const [fieldName, field] of object.fields) {
        const expected = entity.fields.get(fieldName)!;
        expect(field).toMatchObject({ durableId: expected.durableId, description: expected.description });
        expect(field.lastModifiedDate).toBe(soqlDate(expected.lastModified));
      }
    }
  });

  it('follows a FieldDefinition query past its first page, or splits queries by expected field counts', async () => {
    const simulated = simulator.org(wideOrg.name);
    const client = clients.get(wideOrg.name)!;
    const names = [...simulated.org.describes.keys()].filter((name) => name.endsWith('__c')).slice(0, 30);
    const fieldCount = (name: string) => simulated.org.describes.get(name)?.fields.length;
    expect(names.slice(0, 25).reduce((sum, name) => sum + fieldCount(name)!, 0)).toBeGreaterThan(2000);

    simulated.resetCounters();
    const paged = await fetchObjectMetadata(client, names, { owners: false });
    expect(simulated.counters.byKind.tooling_composite).toBe(2);

    simulated.resetCounters();
    const split = await fetchObjectMetadata(client, names, { owners: false, fieldCount });
    expect(simulated.counters.byKind.tooling_composite).toBe(1);

    expect(split).toEqual(paged);
    for (const name of names) expect(paged.objects.get(name)!.fields.size).toBe(fieldCount(name));
  });

  it('sizes CustomField queries to a page by the custom fields FieldDefinition listed', async () => {
    const simulated = simulator.org(wideOrg.name);
    const names = [...simulated.org.describes.keys()].filter((name) => name.endsWith('__c')).slice(0, 30);
    const fieldCount = (name: string) => simulated.org.describes.get(name)?.fields.length;
    simulated.resetCounters();

    const result = await fetchObjectMetadata(clients.get(wideOrg.name)!, names, { owners: true, fieldCount });

    // Over 3,000 custom fields: one CustomField query would need a second page, and a third call.
    const customFields = [...result.objects.values()].flatMap((object) =>
      [...object.fields.values()].filter((field) => field.manageableState !== null),
    );
    expect(customFields.length).toBeGreaterThan(2000);
    expect(simulated.counters.byKind.tooling_composite).toBe(2);
  });

  it('adds package state, creation and authors from CustomObject and CustomField in a second call', async () => {
    const simulated = simulator.org(org.name);
    const { entities, describes } = simulated.org;
    const custom = [...describes.keys()].filter((name) => name.endsWith('__c'));
    const standard = [...describes.keys()].filter((name) => !name.endsWith('__c'));
    const names = [...custom, ...standard.slice(0, 100 - custom.length)];
    expect(names).toHaveLength(100);
    simulated.resetCounters();

    const result = await fetchObjectMetadata(clients.get(org.name)!, names, { owners: true });

    expect(simulated.counters.byKind.tooling_composite).toBe(2);
    expect(simulated.counters.apiUsage).toBe(2);
    expect(result.skipped).toEqual([]);
    for (const name of names) {
      const entity = entities.get(name)!;
      const object = result.objects.get(name)!;
      const isCustom = entity.durableId.startsWith('01I');
      expect(object).toMatchObject({
        namespacePrefix: entity.namespacePrefix,
        manageableState: isCustom ? entity.manageableState : null,
        createdDate: isCustom ? soqlDate(entity.createdDate) : null,
        createdById: isCustom ? entity.createdById : null,
        lastModifiedById: entity.lastModifiedById,
      });
      for (const [fieldName, field] of object.fields) {
        const expected = entity.fields.get(fieldName)!;
        // CustomField lists the custom fields of customizable objects (not those of change events).
        const isCustomField = entity.isCustomizable && /\.00N/.test(expected.durableId);
        expect(field).toMatchObject({
          namespacePrefix: expected.namespacePrefix,
          manageableState: isCustomField ? expected.manageableState : null,
          createdDate: isCustomField ? soqlDate(expected.createdDate) : null,
          createdById: isCustomField ? expected.createdById : null,
        });
      }
    }
    expect([...result.objects.values()].some((object) => object.manageableState === 'installed')).toBe(true);
  });

  it('skips descriptions and owners, without throwing, when the user may not view setup', async () => {
    const simulated = simulator.org(org.name);
    simulated.setFaults({ revokedPermissions: ['viewSetup'] });
    simulated.resetCounters();
    const result = await fetchObjectMetadata(clients.get(org.name)!, ['Account', 'Contact'], { owners: true });
    expect(result.skipped).toEqual([
      {
        part: 'descriptions',
        code: 'INVALID_TYPE',
        message: expect.stringContaining("sObject type 'EntityDefinition'"),
      },
      { part: 'owners', code: 'INVALID_TYPE', message: expect.stringContaining("sObject type 'EntityDefinition'") },
    ]);
    expect(result.objects.get('Account')).toMatchObject({ durableId: null, description: null, fields: new Map() });
    expect(simulated.counters.byKind.tooling_composite).toBe(1);
  });

  it('skips both parts when the org has the Tooling API disabled', async () => {
    simulator.org(org.name).setFaults({ revokedPermissions: ['toolingApi'] });
    const result = await fetchObjectMetadata(clients.get(org.name)!, ['Account'], { owners: true });
    expect(result.skipped.map(({ part, code }) => ({ part, code }))).toEqual([
      { part: 'descriptions', code: 'API_DISABLED_FOR_ORG' },
      { part: 'owners', code: 'API_DISABLED_FOR_ORG' },
    ]);
  });

  it('keeps every key null for an object Salesforce does not know', async () => {
    const result = await fetchObjectMetadata(clients.get(org.name)!, ['Account', 'Nope__c'], { owners: false });
    expect(result.objects.get('Nope__c')).toEqual({
      durableId: null,
      description: null,
      namespacePrefix: null,
      manageableState: null,
      createdDate: null,
      createdById: null,
      lastModifiedDate: null,
      lastModifiedById: null,
      fields: new Map(),
    });
    expect(result.objects.get('Account')!.durableId).toBe('Account');
  });

  it('throws what is not a refusal of one part', async () => {
    simulator.org(org.name).setFaults({ apiDisabled: true });
    await expect(fetchObjectMetadata(clients.get(org.name)!, ['Account'], { owners: false })).rejects.toMatchObject({
      code: 'API_CURRENTLY_DISABLED',
    });
  });
});
