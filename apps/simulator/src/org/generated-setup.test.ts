import { describe, expect, it } from 'vitest';
import { generateOrg } from '../generate-org.ts';
import { orgInconsistencies } from '../mutations/org-consistency.ts';
import { testOrgSpec } from '../test-support.ts';
import { setupCounts } from './setup-counts.ts';

const ODD = /["“'’\n]|[^ -~]/;

describe('the generated org beside its objects', () => {
  const org = generateOrg(testOrgSpec({ customObjects: 20, fieldsPerObject: 20 }));

  it('has a handful of users, the API user first, one of whom has left', () => {
    expect(org.users.length).toBeGreaterThanOrEqual(5);
    expect(org.users.length).toBeLessThanOrEqual(8);
    expect(org.users[0]).toMatchObject({ id: org.userId, username: 'admin@acme.test', isActive: true });
    expect(org.users.filter((u) => !u.isActive)).toHaveLength(1);
    for (const u of org.users) {
      expect(u.id).toMatch(/^005[0-9A-Za-z]{15}$/);
      expect(u.email).toMatch(/^[a-z.]+@[a-z.]+$/);
      expect(u.systemModstamp.getTime()).toBeLessThanOrEqual(org.lastModified.getTime());
    }
    expect(new Set(org.users.map((u) => u.id)).size).toBe(org.users.length);
    expect(org.users.some((u) => ODD.test(u.name))).toBe(true);
    expect(org.recordCounts.get('User')).toBe(org.users.length);
  });

  it('takes its counts from the spec, or draws them from the seed in small-org ranges', () => {
    const drawn = setupCounts(testOrgSpec());
    expect(drawn.reports).toBeGreaterThanOrEqual(20);
    expect(drawn.reports).toBeLessThanOrEqual(60);
    expect(drawn.dashboards).toBeGreaterThanOrEqual(5);
    expect(drawn.apexClasses).toBeGreaterThanOrEqual(25);
    expect(drawn.apexTriggers).toBeGreaterThanOrEqual(5);
    const small = generateOrg(testOrgSpec());
    expect(small.reports).toHaveLength(drawn.reports);
    expect(small.apexTriggers).toHaveLength(drawn.apexTriggers);
    const sized = generateOrg(testOrgSpec({ reports: 3, dashboards: 2, apexClasses: 0, apexTriggers: 4 }));
    expect([sized.reports, sized.dashboards, sized.apexClasses, sized.apexTriggers].map((l) => l.length)).toEqual([
      3, 2, 0, 4,
    ]);
    expect(sized.recordCounts.get('Report')).toBe(3);
    expect(sized.recordCounts.get('Dashboard')).toBe(2);
  });

  it('builds reports on its objects, with columns of the object and of parents it looks up', () => {
    const big = generateOrg(testOrgSpec({ customObjects: 20, fieldsPerObject: 20, reports: 300 }));
    expect(orgInconsistencies(big)).toEqual([]);
    const custom = big.reports.filter((r) => r.object.endsWith('__c'));
    expect(custom.length).toBeGreaterThan(0);
    for (const r of custom) expect(r.reportType).toBe(`CustomEntity$${r.object}`);
    const standard = big.reports.find((r) => r.object === 'Opportunity' || r.object === 'Account')!;
    expect(standard.reportType).toBe(standard.object);
    const withParent = big.reports.filter((r) => r.detailColumns.some((c) => !c.startsWith(`${r.object}.`)));
    expect(withParent.length).toBeGreaterThan(30);
    for (const r of withParent) {
      const parent = r.detailColumns.find((c) => !c.startsWith(`${r.object}.`))!.split('.')[0]!;
      const lookup = big.describes
        .get(r.object)!
        .fields.find((f) => f.referenceTo.length === 1 && f.referenceTo[0] === parent);
      expect(lookup, `${r.id} reaches ${parent}`).toBeDefined();
    }
    expect(big.reports.some((r) => r.folderName === 'Private Reports')).toBe(true);
    expect(big.reports.some((r) => r.description !== null && ODD.test(r.description))).toBe(true);
    expect(big.reports.some((r) => r.namespacePrefix !== null)).toBe(true);
  });

  it("charts shared reports in dashboards' components", () => {
    const reports = new Map(org.reports.map((r) => [r.id, r]));
    const components = org.dashboards.flatMap((d) => d.components);
    expect(components.length).toBeGreaterThan(0);
    for (const c of components) {
      expect(c.id).toMatch(/^01a/);
      expect(reports.get(c.reportId)?.folderName).not.toBe('Private Reports');
    }
    expect(new Set(components.map((c) => c.id)).size).toBe(components.length);
  });

  it('fires triggers on triggerable objects, TableEnumOrId the CustomObject id of a custom one', () => {
    const many = generateOrg(testOrgSpec({ customObjects: 20, apexTriggers: 80 }));
    const custom = many.apexTriggers.filter((t) => t.object.endsWith('__c'));
    expect(custom.length).toBeGreaterThan(0);
    for (const t of custom) {
      expect(t.tableEnumOrId).toMatch(/^01I[0-9A-Za-z]{12}$/);
      expect(t.tableEnumOrId).toBe(many.entities.get(t.object)!.durableId);
      expect(t.body).toContain(`trigger ${t.name} on ${t.object} (${t.events.join(', ')})`);
    }
    const standard = many.apexTriggers.find((t) => !t.object.endsWith('__c'))!;
    expect(standard.tableEnumOrId).toBe(standard.object);
    expect(orgInconsistencies(many)).toEqual([]);
  });

  it('gives Apex classes bodies whose length without comments is counted, hidden for a package', () => {
    for (const c of org.apexClasses) {
      expect(c.id).toMatch(/^01p/);
      if (c.namespacePrefix) expect(c.body).toBe('(hidden)');
      else expect(c.body).toMatch(new RegExp(`class ${c.name} \\{`));
      expect(c.lengthWithoutComments).toBeGreaterThan(0);
    }
    const open = org.apexClasses.find((c) => !c.namespacePrefix)!;
    expect(open.lengthWithoutComments).toBeLessThan(open.body.length);
    expect(new Set(org.apexClasses.map((c) => c.name.toLowerCase())).size).toBe(org.apexClasses.length);
  });

  it('marks some custom objects installed from a package, their fields too, and names real authors', () => {
    const customs = [...org.entities].filter(([name]) => name.endsWith('__c'));
    const installed = customs.filter(([, e]) => e.manageableState === 'installed');
    expect(installed.length).toBeGreaterThan(0);
    expect(installed.length).toBeLessThan(customs.length / 2);
    for (const [, e] of installed) {
      expect(e.namespacePrefix).toMatch(/^[a-z0-9]+$/);
      const customField = [...e.fields.values()].find((f) => f.durableId.includes('.00N'))!;
      expect(customField).toMatchObject({ manageableState: 'installed', namespacePrefix: e.namespacePrefix });
    }
    const users = new Set(org.users.map((u) => u.id));
    const entities = [...org.entities.values()];
    for (const e of entities) {
      expect(users.has(e.createdById) && users.has(e.lastModifiedById)).toBe(true);
      expect(e.createdDate.getTime()).toBeLessThanOrEqual(e.lastModified.getTime());
    }
    expect(entities.filter((e) => e.createdById !== e.lastModifiedById).length).toBeGreaterThan(entities.length / 2);
    expect(new Set(entities.map((e) => e.lastModifiedById)).size).toBeGreaterThan(2);
  });

  it('writes some descriptions with quotes, accents and line breaks', () => {
    const descriptions = [...org.entities.values()].flatMap((e) => [
      e.description,
      ...[...e.fields.values()].map((f) => f.description),
    ]);
    expect(descriptions.some((d) => d?.includes('\n'))).toBe(true);
    expect(descriptions.some((d) => d?.includes('"'))).toBe(true);
    expect(descriptions.some((d) => d !== null && /[^ -~\n]/.test(d))).toBe(true);
  });

  it('generates 2,000 objects with 1,000 reports, 200 dashboards and 500 Apex classes quickly', () => {
    const started = performance.now();
    const large = generateOrg(
      testOrgSpec({ customObjects: 2000, fieldsPerObject: 10, reports: 1000, dashboards: 200, apexClasses: 500 }),
    );
    const elapsed = performance.now() - started;
    expect(large.reports).toHaveLength(1000);
    expect(large.dashboards).toHaveLength(200);
    expect(large.apexClasses).toHaveLength(500);
    expect(elapsed).toBeLessThan(5000);
  });
});
