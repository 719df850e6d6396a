import pMap from 'p-map';
import { describeGlobal, describeObject } from '@sfmeta/salesforce/describe-objects';
import { loginWithPassword, type PasswordCredentials } from '@sfmeta/salesforce/password-login';
import { SalesforceClient } from '@sfmeta/salesforce/salesforce-client';

/** What the per-object crawler read: objects, fields, and the descriptions FieldDefinition gave. */
export interface PerObjectCrawl {
  objects: number;
  fields: number;
  /** Field descriptions per object (non-empty ones only), as Tooling's FieldDefinition answered them. */
  fieldDescriptions: Map<string, Map<string, string>>;
}

interface ToolingPage {
  done: boolean;
  nextRecordsUrl?: string;
  records: { QualifiedApiName: string; Description: string | null }[];
}

const fieldColumns =
  'QualifiedApiName, Label, DataType, Description, NamespacePrefix, LastModifiedDate, LastModifiedById';

/**
 * The pattern other catalogs' Salesforce connectors follow, as the baseline of the complete-metadata bench:
 * log in, describeGlobal, then for each object its own describe (`GET /sobjects/X/describe`) and its own
 * Tooling query for its fields' descriptions (FieldDefinition filtered on the object, pages followed),
 * `concurrency` objects at a time, each object's two calls one after the other. It goes through sfmeta's
 * SalesforceClient, so both crawlers pay the same HTTP stack.
 */
export async function crawlPerObject(
  credentials: PasswordCredentials,
  options: { apiVersion: string; concurrency: number },
): Promise<PerObjectCrawl> {
  const login = async () => {
    const grant = await loginWithPassword(credentials);
    return { accessToken: grant.accessToken, instanceUrl: grant.instanceUrl };
  };
  let session = await login();
  const client = new SalesforceClient({
    sessions: {
      current: async () => session,
      renew: async () => {
        session = await login();
        return session;
      },
    },
    apiVersion: options.apiVersion,
  });
  const names = (await describeGlobal(client)).map((object) => object.name);
  const crawl: PerObjectCrawl = { objects: 0, fields: 0, fieldDescriptions: new Map() };
  await pMap(
    names,
    async (name) => {
      const describe = await describeObject(client, name);
      if (describe === 'unchanged') throw new Error(`${name}: 304 to an unconditional describe`);
      crawl.objects++;
      crawl.fields += Array.isArray(describe.fields) ? describe.fields.length : 0;
      const descriptions = new Map<string, string>();
      const soql = `SELECT ${fieldColumns} FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = '${name}'`;
      let url: string | undefined = client.dataPath(`/tooling/query?q=${encodeURIComponent(soql)}`);
      while (url) {
        const page: ToolingPage = await client.request<ToolingPage>('tooling_query', { url });
        for (const field of page.records) {
          if (field.Description) descriptions.set(field.QualifiedApiName, field.Description);
        }
        url = page.done ? undefined : page.nextRecordsUrl;
      }
      crawl.fieldDescriptions.set(name, descriptions);
    },
    { concurrency: options.concurrency },
  );
  return crawl;
}
