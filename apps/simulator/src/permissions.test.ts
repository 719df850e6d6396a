import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { checkSchema } from './check-schema.ts';
import { FaultsSchema } from './runtime/faults.ts';
import type { Permission } from './runtime/permissions.ts';
import { get, login, testApp, testOrgSpec } from './test-support.ts';

const V = '/services/data/v62.0';
const q = (soql: string, tooling = false) => `${V}/${tooling ? 'tooling/' : ''}query?q=${encodeURIComponent(soql)}`;
const TOOLING_TABLES = [
  'EntityDefinition',
  'FieldDefinition',
  'CustomObject',
  'CustomField',
  'ApexClass',
  'ApexTrigger',
];
const SETUP_QUERIES = TOOLING_TABLES.map((t) =>
  q(
    `SELECT Id FROM ${t}${t === 'FieldDefinition' ? " WHERE EntityDefinition.QualifiedApiName = 'Account'" : ''}`,
    true,
  ),
);
const FORBIDDEN = [
  { message: "You don't have sufficient privileges to perform this operation.", errorCode: 'INSUFFICIENT_ACCESS' },
];
const invalidType = (name: string) => [
  {
    message:
      `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append ` +
      "the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    errorCode: 'INVALID_TYPE',
  },
];

interface Answer {
  status: number;
  body: unknown;
}

/** The answer to a GET, plain and as a /composite subrequest; the test checks both are the same. */
async function both(app: FastifyInstance, token: string, url: string): Promise<Answer> {
  const plain = await get(app, token, url);
  expect(plain.headers['sforce-limit-info'], url).toMatch(/^api-usage=/);
  const composite = await app.inject({
    method: 'POST',
    url: `${V}/composite`,
    headers: { authorization: `Bearer ${token}` },
    payload: { compositeRequest: [{ method: 'GET', url, referenceId: 'r' }] },
  });
  const [sub] = composite.json().compositeResponse;
  const answer = { status: plain.statusCode, body: plain.json() };
  expect({ status: sub.httpStatusCode, body: sub.body }, `${url} inside /composite`).toEqual(answer);
  return answer;
}

async function setup(revoked: Permission[]) {
  const spec = testOrgSpec({ reports: 40, dashboards: 5 });
  const { app, state } = await testApp([spec], { revokedPermissions: revoked });
  const token = await login(app, spec);
  const runtime = state.orgs.get(spec.name)!;
  const { org } = runtime;
  const shared = org.reports.find((r) => r.folderName !== 'Private Reports')!;
  const privateReport = org.reports.find((r) => r.folderName === 'Private Reports')!;
  return {
    runtime,
    ask: (url: string) => both(app, token, url),
    urls: {
      report: `${V}/analytics/reports/${shared.id}/describe`,
      privateReport: `${V}/analytics/reports/${privateReport.id}/describe`,
      dashboard: `${V}/analytics/dashboards/${org.dashboards[0]!.id}/describe`,
    },
  };
}

describe('revokedPermissions', () => {
  it('viewSetup: the Tooling setup tables are INVALID_TYPE, as spelt in the query; the rest answers', async () => {
    const { ask, urls } = await setup(['viewSetup']);
    for (const [i, url] of SETUP_QUERIES.entries()) {
      expect(await ask(url)).toEqual({ status: 400, body: invalidType(TOOLING_TABLES[i]!) });
    }
    expect(await ask(q('SELECT Id FROM apexclass', true))).toEqual({ status: 400, body: invalidType('apexclass') });
    expect((await ask(q('SELECT Id FROM Report'))).status).toBe(200);
    expect((await ask(urls.report)).status).toBe(200);
  });

  it('toolingApi: every /tooling resource answers 403 API_DISABLED_FOR_ORG; data SOQL answers', async () => {
    const { ask } = await setup(['toolingApi']);
    for (const url of [...SETUP_QUERIES, `${V}/tooling/query/01g5g0000000001AAA-2000`, `${V}/tooling/sobjects`]) {
      expect(await ask(url), url).toEqual({
        status: 403,
        body: [{ message: 'The Tooling API is not enabled for this org', errorCode: 'API_DISABLED_FOR_ORG' }],
      });
    }
    expect((await ask(q('SELECT Id FROM User'))).status).toBe(200);
  });

  it('reports: SOQL on Report is INVALID_TYPE and report describes 403; dashboards answer', async () => {
    const { ask, urls } = await setup(['reports']);
    expect(await ask(q('SELECT Id, Name FROM Report'))).toEqual({ status: 400, body: invalidType('Report') });
    expect(await ask(urls.report)).toEqual({ status: 403, body: FORBIDDEN });
    expect(await ask(`${V}/analytics/reports/00O000000000000AAA/describe`)).toEqual({ status: 403, body: FORBIDDEN });
    expect((await ask(q('SELECT Id FROM Dashboard'))).status).toBe(200);
    expect((await ask(urls.dashboard)).status).toBe(200);
  });

  it('dashboards: SOQL on Dashboard is INVALID_TYPE and dashboard describes 403; reports answer', async () => {
    const { ask, urls } = await setup(['dashboards']);
    expect(await ask(q('SELECT Id FROM Dashboard'))).toEqual({ status: 400, body: invalidType('Dashboard') });
    expect(await ask(urls.dashboard)).toEqual({ status: 403, body: FORBIDDEN });
    expect((await ask(q('SELECT Id FROM Report'))).status).toBe(200);
    expect((await ask(urls.report)).status).toBe(200);
  });

  it('privateReports: private reports stay in SOQL, but their describes answer 403', async () => {
    const { ask, urls, runtime } = await setup(['privateReports']);
    const rows = (await ask(q("SELECT Id FROM Report WHERE FolderName = 'Private Reports'"))).body as {
      totalSize: number;
    };
    expect(rows.totalSize).toBe(runtime.org.reports.filter((r) => r.folderName === 'Private Reports').length);
    expect(rows.totalSize).toBeGreaterThan(0);
    expect(await ask(urls.privateReport)).toEqual({ status: 403, body: FORBIDDEN });
    expect((await ask(urls.report)).status).toBe(200);
  });

  it('users: SOQL on User is INVALID_TYPE; other objects answer', async () => {
    const { ask } = await setup(['users']);
    expect(await ask(q('SELECT Id, Name FROM User'))).toEqual({ status: 400, body: invalidType('User') });
    expect((await ask(q('SELECT Id FROM Account LIMIT 1'))).status).toBe(200);
  });

  it('answers everything with no permission revoked, and refuses an unknown permission', async () => {
    const { ask, urls } = await setup([]);
    for (const url of [...SETUP_QUERIES, q('SELECT Id FROM User'), urls.report, urls.privateReport, urls.dashboard]) {
      expect((await ask(url)).status, url).toBe(200);
    }
    expect(() => checkSchema(FaultsSchema, { revokedPermissions: ['admin'] }, 'faults')).toThrow(
      'invalid faults: revokedPermissions.0',
    );
    expect(() => checkSchema(FaultsSchema, { revokedPermissions: ['users', 'users'] }, 'faults')).toThrow();
  });
});
