import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineageEdge } from '@sfmeta/catalog/lineage/lineage-types';
import { plantedLineage } from '@sfmeta/simulator/org/planted-lineage';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { randomMutations } from '@sfmeta/simulator/mutations/random-mutations';
import { createPrng } from '@sfmeta/simulator/prng';
import {
  createDatahubValidator,
  createNdjsonValidator,
  createOpenLineageValidator,
} from '@sfmeta/export/fixtures/schema-validators';
import { connect, connectionBody, extract, type RunView } from './support/flow.ts';
import { expectedWalk, listEdges, sortedEdges } from './support/lineage-walk.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'lineage',
  seed: 77,
  customObjects: 24,
  fieldsPerObject: 14,
  reports: 40,
  dashboards: 10,
  apexClasses: 30,
  apexTriggers: 10,
  clientId: 'lineage-client',
  clientSecret: 'lineage-secret-value',
  username: 'admin@lineage.test',
  password: 'lineage-password-value',
  securityToken: 'LINEAGETOKENVALUE',
};

interface GraphAnswer {
  node: string;
  nodes: { id: string; type: string; name: string | null; distance: number }[];
  edges: LineageEdge[];
  truncated: boolean;
}

describe('lineage', () => {
  let stack: Stack;
  let connectionId: string;
  let planted: LineageEdge[];
  let firstRun: RunView;

  beforeAll(async () => {
    stack = await startStack({ orgs: [org] });
    connectionId = (await connect(stack, connectionBody(stack, org))).id;
    firstRun = await extract(stack, connectionId);
    expect(firstRun.error).toBeNull();
    planted = sortedEdges(plantedLineage(stack.simulator.org(org.name).org).edges);
  });
  afterAll(() => stack?.stop());

  it('equals the edges the org generator planted, exactly, with no warnings', async () => {
    const edges = sortedEdges(await listEdges(stack, connectionId));
    const kinds = new Set(planted.map((edge) => edge.kind));
    // The generated org plants every kind of edge, so a kind the crawler misses cannot pass unseen.
    expect([...kinds].sort()).toEqual([
      'dashboard_report',
      'dependency',
      'formula',
      'reference',
      'report_field',
      'report_object',
      'rollup',
      'trigger_object',
    ]);
    expect(edges).toEqual(planted);
    const warnings = await stack.call<{ items: unknown[] }>(
      'GET',
      `/api/v1/connections/${connectionId}/lineage/warnings`,
    );
    expect(warnings.body.items).toEqual([]);
    expect(firstRun.counts).toMatchObject({ lineageEdges: planted.length, lineageWarnings: 0 });
  });

  it('pages through edges by kind and by node', async () => {
    const formulas = await listEdges(stack, connectionId, '&kind=formula,rollup');
    expect(sortedEdges(formulas)).toEqual(planted.filter((edge) => edge.kind === 'formula' || edge.kind === 'rollup'));
    const node = planted.find((edge) => edge.kind === 'formula')!.target;
    const touching = await listEdges(stack, connectionId, `&node=${encodeURIComponent(node)}`);
    expect(sortedEdges(touching)).toEqual(planted.filter((edge) => edge.source === node || edge.target === node));
  });

  it('walks upstream, downstream and both ways to the depth asked for', async () => {
    const formula = planted.find(
      (edge) => edge.kind === 'formula' && edge.detail.paths?.some((p) => p.split('.').length > 2),
    );
    const reported = planted.find((edge) => edge.kind === 'report_field');
    expect(formula, 'a multi-hop formula was planted').toBeDefined();
    const cases = [
      { node: formula!.target, direction: 'upstream', depth: 1 },
      { node: formula!.source, direction: 'downstream', depth: 3 },
      { node: reported!.source, direction: 'both', depth: 3 },
      { node: 'Account', direction: 'downstream', depth: 2 },
      { node: 'User', direction: 'both', depth: 1 },
    ] as const;
    for (const { node, direction, depth } of cases) {
      const query = `node=${encodeURIComponent(node)}&direction=${direction}&depth=${depth}`;
      const answer = await stack.call<GraphAnswer>('GET', `/api/v1/connections/${connectionId}/lineage?${query}`);
      const context = `${node} ${direction} ${depth}`;
      expect(answer.status, context).toBe(200);
      const expected = expectedWalk(planted, node, direction, depth);
      expect(answer.body.truncated, context).toBe(false);
      expect(sortedEdges(answer.body.edges), context).toEqual(sortedEdges(expected.edges));
      expect(new Map(answer.body.nodes.map((n) => [n.id, n.distance])), context).toEqual(expected.nodes);
    }
    const unknown = await stack.call<{ code: string }>(
      'GET',
      `/api/v1/connections/${connectionId}/lineage?node=Nope__c.Nothing__c`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const bad = await stack.call<{ code: string }>(
      'GET',
      `/api/v1/connections/${connectionId}/lineage?node=Account&depth=0`,
    );
    expect(bad.status).toBe(400);
  });

  it('lists each field’s direct upstream and downstream columns', async () => {
    const columnEdges = planted.filter(
      (edge) =>
        (edge.kind === 'formula' || edge.kind === 'rollup') && edge.source.includes('.') && edge.target.includes('.'),
    );
    const objects = [...new Set(columnEdges.map((edge) => edge.target.split('.')[0]!))].slice(0, 6);
    for (const name of objects) {
      const shown = await stack.call<{
        fields: { name: string; lineage: { upstream: string[]; downstream: string[] } }[];
      }>('GET', `/api/v1/connections/${connectionId}/objects/${name}`);
      expect(shown.status).toBe(200);
      for (const field of shown.body.fields) {
        const node = `${name}.${field.name}`;
        const upstream = [...new Set(columnEdges.filter((e) => e.target === node).map((e) => e.source))].sort();
        const downstream = [...new Set(columnEdges.filter((e) => e.source === node).map((e) => e.target))].sort();
        expect(field.lineage, node).toMatchObject({ upstream, downstream });
      }
    }
  });

  it('exports the catalog and its lineage as sfmeta ndjson, DataHub proposals and OpenLineage events', async () => {
    const simulated = stack.simulator.org(org.name).org;
    const get = async (format: string) => {
      const answer = await stack.api.inject({
        method: 'GET',
        url: `/api/v1/connections/${connectionId}/export?format=${format}`,
        headers: { 'x-api-key': stack.apiKey },
      });
      return { status: answer.statusCode, contentType: String(answer.headers['content-type']), text: answer.body };
    };

    const ndjson = await get('ndjson');
    expect(ndjson.status).toBe(200);
    expect(ndjson.contentType).toContain('application/x-ndjson');
    const lines = ndjson.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const validNdjson = createNdjsonValidator();
    for (const line of lines) expect(validNdjson(line), JSON.stringify(line).slice(0, 200)).toEqual([]);
    const count = (type: string) => lines.filter((line) => line.type === type).length;
    const fields = [...simulated.describes.values()].reduce((sum, d) => sum + d.fields.length, 0);
    expect({
      object: count('object'),
      field: count('field'),
      report: count('report'),
      dashboard: count('dashboard'),
      edge: count('edge'),
    }).toEqual({
      object: simulated.describes.size,
      field: fields,
      report: simulated.reports.length,
      dashboard: simulated.dashboards.length,
      edge: planted.length,
    });
    for (const line of lines) expect(line).toMatchObject({ connectionId, runId: firstRun.id });

    const datahub = await get('datahub');
    expect(datahub.status).toBe(200);
    const proposals = JSON.parse(datahub.text) as {
      entityUrn: string;
      aspectName: string;
      aspect: { json: unknown };
    }[];
    const validDatahub = createDatahubValidator();
    for (const mcp of proposals) expect(validDatahub(mcp as never), mcp.entityUrn).toEqual([]);
    const datasets = new Set(
      proposals.filter((mcp) => mcp.aspectName === 'schemaMetadata').map((mcp) => mcp.entityUrn),
    );
    expect(datasets).toContain('urn:li:dataset:(urn:li:dataPlatform:salesforce,Account,PROD)');
    expect(datasets.size).toBe(simulated.describes.size);

    const openlineage = await get('openlineage');
    expect(openlineage.status).toBe(200);
    const events = openlineage.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as object);
    const validOpenLineage = createOpenLineageValidator();
    for (const event of events) expect(validOpenLineage(event as never)).toEqual([]);
    expect(events.length).toBeGreaterThan(simulated.describes.size);

    const unknown = await get('csv');
    expect(unknown.status).toBe(400);
  });

  it('follows the org as it changes: an incremental run’s lineage equals the planted one again', async () => {
    const simulated = stack.simulator.org(org.name);
    const prng = createPrng(10);
    for (let round = 0; round < 3; round++) {
      simulated.mutate(randomMutations(simulated.org, { seed: prng.int(0, 1_000_000), count: 6 }));
      const run = await extract(stack, connectionId);
      expect(run.error).toBeNull();
      expect(run.mode).toBe('incremental');
      const edges = sortedEdges(await listEdges(stack, connectionId));
      expect(edges, `round ${round}`).toEqual(sortedEdges(plantedLineage(simulated.org).edges));
    }
  });

  it('goes on without dependencies when the org refuses the Dependency API', async () => {
    const simulated = stack.simulator.org(org.name);
    simulated.setFaults({ revokedPermissions: ['dependencyApi'] });
    try {
      const other = (await connect(stack, connectionBody(stack, org))).id;
      const run = await extract(stack, other);
      expect(run.error).toBeNull();
      const shown = await stack.call<{ skipped: { part: string; code: string }[] }>(
        'GET',
        `/api/v1/extractions/${run.id}`,
      );
      expect(shown.body.skipped).toEqual([expect.objectContaining({ part: 'dependencies', code: 'INVALID_TYPE' })]);
      const edges = sortedEdges(await listEdges(stack, other));
      const expected = sortedEdges(plantedLineage(simulated.org).edges).filter(
        (edge) => edge.kind !== 'dependency' && edge.kind !== 'rollup',
      );
      expect(edges).toEqual(expected);
    } finally {
      simulated.setFaults({ revokedPermissions: [] });
    }
  });
});
