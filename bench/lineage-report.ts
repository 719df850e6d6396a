import type { RequestCounters } from '@sfmeta/simulator/admin-client';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { percentile } from './catalog-reads.ts';
import { cappedQueries, type DependencyReplay } from './dependency-replay.ts';
import type { EdgeStorage } from './edge-storage.ts';
import { type LineageBuildTimes, medianTime, type StepTime } from './lineage-build-timing.ts';
import type { Direction, QueryTimes, WalkProfile, WalkTime } from './lineage-queries.ts';
import type { SampledNode } from './lineage-sample.ts';
import type { Crawl } from './timed-extraction.ts';

/** Everything lineage.bench.ts measured. */
export interface LineageFigures {
  spec: OrgSpec;
  latencyMs: number;
  depth: number;
  crawls: { without: Crawl; withDeps: Crawl; unchanged: Crawl; unchangedWithout: Crawl };
  replay: DependencyReplay & { ms: number; componentIdsMs: number };
  edgeStorage: EdgeStorage;
  replayCounters: RequestCounters;
  lineage: { without: Record<string, number>; with: Record<string, number>; planted: Record<string, number> };
  nodes: SampledNode[];
  queries: QueryTimes;
  explained: { node: string; direction: string; frontier: number; plan: string[] }[];
  profiled: (WalkProfile & { node: SampledNode; direction: Direction; depth: number })[];
  build: LineageBuildTimes;
  unchangedRefresh: { times: StepTime[]; skipped: boolean };
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) {
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  }
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const byKind = (counters: RequestCounters) => counters.byKind as Record<string, number>;
const median = (values: readonly number[]) => percentile(values, 50);
const kb = (bytes: number) => (bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0);

function printCalls(r: LineageFigures): void {
  const { without, withDeps, unchanged, unchangedWithout } = r.crawls;
  const crawls = [without, withDeps, unchangedWithout, unchanged];
  const kinds = Object.keys(without.counters.byKind).filter((kind) => crawls.some((c) => byKind(c.counters)[kind]));
  console.log('\n1. requests by kind (simulator counters), full extractions with everything on');
  table([
    ['kind', 'full, deps false', 'full, deps true', 'difference', 'no change, deps false', 'no change, deps true'],
    ...kinds.map((kind) => {
      const [a, b, c, d] = crawls.map((crawl) => byKind(crawl.counters)[kind] ?? 0) as number[];
      return [kind, String(a), String(b), b === a ? '' : `${b! > a! ? '+' : ''}${b! - a!}`, String(c), String(d)];
    }),
    [
      'total requests',
      ...crawls.slice(0, 2).map((c) => String(c.counters.total)),
      '',
      ...crawls.slice(2).map((c) => String(c.counters.total)),
    ],
    [
      'API usage (daily limit)',
      ...crawls.slice(0, 2).map((c) => String(c.counters.apiUsage)),
      '',
      ...crawls.slice(2).map((c) => String(c.counters.apiUsage)),
    ],
  ]);
  const differing = kinds.filter((kind) => byKind(without.counters)[kind] !== byKind(withDeps.counters)[kind]);
  console.log(`kinds that differ: ${differing.join(', ') || 'none'}`);

  const { replay } = r;
  const byType = (queries: DependencyReplay['queries']) => {
    const out: Record<string, number> = {};
    for (const query of queries) out[query.componentType] = (out[query.componentType] ?? 0) + 1;
    return JSON.stringify(out);
  };
  const capped = cappedQueries(replay);
  console.log(
    `MetadataComponentDependency, replayed from the bench with the worker's plan: ${replay.toolingComposites} ` +
      `Tooling composite calls (simulator: tooling_composite ${byKind(r.replayCounters).tooling_composite}), ` +
      `${replay.queries.length} queries (${byType(replay.queries)}), ` +
      `${replay.queries.reduce((sum, query) => sum + query.rows, 0)} rows answered, ${replay.rowsKept} kept; ` +
      `${capped.length} answered with 2,000 rows and split (${byType(capped)}), ` +
      `${replay.queries.filter((query) => query.byId).length} queries by component id; ` +
      `truncated: ${replay.truncated.length === 0 ? 'none' : replay.truncated.join('; ')}; ` +
      `${(replay.ms / 1000).toFixed(1)} s from login to the last answer (one composite at a time); ` +
      `LineageStore.componentIds (the plan) ${ms(replay.componentIdsMs)}`,
  );

  console.log();
  table([
    ['extraction', 'wall', 'worker CPU', 'requests', 'edges', 'warnings', 'skipped parts'],
    ...crawls.map((c) => [
      c.label,
      `${c.seconds.toFixed(1)} s`,
      `${(c.workerCpuMs / 1000).toFixed(1)} s`,
      String(c.counters.total),
      String(c.run.counts.lineageEdges),
      String(c.run.counts.lineageWarnings),
      (c.run.skipped ?? []).map((s) => `${s.part} (${s.code})`).join(', ') || '-',
    ]),
  ]);

  console.log('\nlineage edges by kind (paged through /lineage/edges), and the lineage planted in the org');
  const edgeKinds = [...new Set([...Object.keys(r.lineage.planted), ...Object.keys(r.lineage.with)])];
  const total = (counts: Record<string, number>) => String(Object.values(counts).reduce((a, b) => a + b, 0));
  table([
    ['kind', 'dependencies: false', 'dependencies: true', 'planted'],
    ...edgeKinds.map((kind) => [
      kind,
      String(r.lineage.without[kind] ?? 0),
      String(r.lineage.with[kind] ?? 0),
      String(r.lineage.planted[kind] ?? 0),
    ]),
    ['total', total(r.lineage.without), total(r.lineage.with), total(r.lineage.planted)],
  ]);
}

function printBuild(r: LineageFigures): void {
  const { build } = r;
  const row = (label: string, steps: readonly StepTime[]) => {
    const m = medianTime(steps);
    const walls = steps.map((s) => s.wallMs);
    return [
      label,
      ms(m.wallMs),
      `${ms(Math.min(...walls))}–${ms(Math.max(...walls))}`,
      ms(m.nodeCpuMs),
      ms(m.postgresCpuMs),
    ];
  };
  console.log(
    `\n2. lineage build cost on the full run's catalog (${build.written} versions written), ` +
      `medians of ${build.read.length}, rolled-back transactions`,
  );
  table([
    ['step', 'wall', 'range', 'bench CPU', 'PostgreSQL CPU'],
    row('readLineageInput (baseline: reading)', build.read),
    row('buildLineage (in memory)', build.build),
    row('refreshLineage, first publish', build.refresh),
    row('publishRun (whole publish step)', build.publish),
    row('refreshLineage, run without change', r.unchangedRefresh.times),
  ]);
  const read = medianTime(build.read).wallMs;
  const refresh = medianTime(build.refresh).wallMs;
  const publish = medianTime(build.publish).wallMs;
  console.log(
    `refresh ÷ reading ${(refresh / read).toFixed(1)}×; ` +
      `writing and comparing ~${ms(refresh - read - medianTime(build.build).wallMs)}; ` +
      `publish without lineage ~${ms(publish - refresh)}; the unchanged run ` +
      `${r.unchangedRefresh.skipped ? 'skipped the lineage' : 'REBUILT the lineage'}`,
  );
}

function stats(values: readonly number[]) {
  return [50, 95, 99, 100].map((p) => percentile(values, p));
}

function printQueries(r: LineageFigures): void {
  const { walks, objectReads } = r.queries;
  const kinds = new Set(r.nodes.map((node) => node.what));
  console.log(
    `\n3. query latency: ${walks.length} walks of depth ${r.depth} over ${r.nodes.length} nodes ` +
      `(${[...kinds].map((what) => `${r.nodes.filter((n) => n.what === what).length} ${what}`).join(', ')}), ` +
      'one request at a time, alternating with GET /objects/:name',
  );
  const line = (label: string, values: readonly number[], set: readonly WalkTime[] = []) => [
    label,
    String(values.length),
    ...stats(values).map(ms),
    set.length ? `${median(set.map((w) => w.nodes))} / ${Math.max(...set.map((w) => w.nodes))}` : '',
    set.length ? `${median(set.map((w) => w.edges))} / ${Math.max(...set.map((w) => w.edges))}` : '',
    set.length ? `${kb(median(set.map((w) => w.bytes)))} / ${kb(Math.max(...set.map((w) => w.bytes)))}` : '',
    set.length ? String(set.filter((w) => w.truncated).length) : '',
  ];
  const of = (keep: (w: WalkTime) => boolean) => walks.filter(keep);
  const rows = [
    ['requests', 'n', 'p50', 'p95', 'p99', 'max', 'nodes med/max', 'edges med/max', 'KB med/max', 'truncated'],
    line(
      'lineage, all',
      walks.map((w) => w.ms),
      walks,
    ),
    ...(['both', 'upstream', 'downstream'] as const).map((direction) => {
      const set = of((w) => w.direction === direction);
      return line(
        `  direction=${direction}`,
        set.map((w) => w.ms),
        set,
      );
    }),
    ...[...kinds].map((what) => {
      const set = of((w) => w.node.what === what);
      return line(
        `  ${what}`,
        set.map((w) => w.ms),
        set,
      );
    }),
    line('GET /objects/:name (baseline)', objectReads),
  ];
  table(rows);
  const [w50, , w99] = stats(walks.map((w) => w.ms)) as number[];
  const [o50, , o99] = stats(objectReads) as number[];
  console.log(
    `lineage ÷ baseline: p50 ${(w50! / o50!).toFixed(2)}×, p99 ${(w99! / o99!).toFixed(2)}×; ` +
      `p99 ${ms(w99!)} (goal < 50 ms: ${w99! < 50 ? 'met' : 'missed'})`,
  );
  console.log('slowest walks:');
  for (const w of [...walks].sort((a, b) => b.ms - a.ms).slice(0, 6)) {
    console.log(
      `  ${ms(w.ms)}  ${w.node.id} (${w.node.what}) ${w.direction}: ${w.nodes} nodes, ${w.edges} edges` +
        (w.truncated ? ', truncated' : ''),
    );
  }
  for (const p of r.profiled) {
    console.log(
      `\nwhere ${p.node.id} ${p.direction} (depth ${p.depth}) spends its time, medians of 3: HTTP ${ms(p.httpMs)} ` +
        `for ${kb(p.bytes)} KB; LineageStore.subgraph alone ${ms(p.storeMs)}, of which ${p.statements} statements ` +
        `${ms(p.sqlMs)}; the route's other statements, serializing and sending ~${ms(p.httpMs - p.storeMs)}`,
    );
  }
  const storage = r.edgeStorage;
  console.log(
    `\nthe current edges: ${storage.rows} rows of ${storage.averageBytes.toFixed(0)} bytes on average, ` +
      `spread over ${storage.heapBlocks} heap blocks (table: ${storage.tableBlocks} blocks)`,
  );
  for (const explained of r.explained) {
    console.log(
      `\nEXPLAIN ANALYZE of the neighbours statement, the last step of the slowest ${explained.direction} walk ` +
        `(${explained.node}, a frontier of ${explained.frontier} nodes):`,
    );
    // The frontier's ids, spelled out in the plan, are left out.
    for (const line of explained.plan) console.log(`  ${line.replace(/'\{[^}]*\}'::text\[\]/g, "'{…}'::text[]")}`);
  }
}

/** Prints the figures as tables, then as one line of JSON. */
export function printReport(r: LineageFigures): void {
  const { without } = r.crawls;
  console.log(
    `\norg: ${without.run.counts.objects} objects, ${without.run.counts.fields} fields, ` +
      `${without.run.counts.reports} reports, ${without.run.counts.dashboards} dashboards, ` +
      `${without.run.counts.apexClasses} Apex classes, ${without.run.counts.apexTriggers} triggers; ` +
      `latency ${r.latencyMs} ms`,
  );
  printCalls(r);
  printBuild(r);
  printQueries(r);
  const walkStats = stats(r.queries.walks.map((w) => w.ms));
  console.log(
    JSON.stringify({
      calls: Object.fromEntries(
        Object.entries(r.crawls).map(([key, c]) => [
          key,
          {
            seconds: c.seconds,
            workerCpuMs: c.workerCpuMs,
            byKind: Object.fromEntries(Object.entries(c.counters.byKind).filter(([, n]) => n > 0)),
            lineageEdges: c.run.counts.lineageEdges,
            lineageWarnings: c.run.counts.lineageWarnings,
          },
        ]),
      ),
      edgeStorage: r.edgeStorage,
      walkProfiles: r.profiled.map(({ node, ...p }) => ({ node: node.id, ...p })),
      dependencies: {
        toolingComposites: r.replay.toolingComposites,
        queries: r.replay.queries.length,
        rows: r.replay.queries.reduce((sum, query) => sum + query.rows, 0),
        rowsKept: r.replay.rowsKept,
        capped: cappedQueries(r.replay).length,
      },
      edges: r.lineage,
      build: {
        written: r.build.written,
        read: medianTime(r.build.read),
        build: medianTime(r.build.build),
        refresh: medianTime(r.build.refresh),
        publish: medianTime(r.build.publish),
        unchanged: medianTime(r.unchangedRefresh.times),
        unchangedSkipped: r.unchangedRefresh.skipped,
      },
      walks: { p50: walkStats[0], p95: walkStats[1], p99: walkStats[2], max: walkStats[3] },
      objectReads: Object.fromEntries(['p50', 'p95', 'p99', 'max'].map((k, i) => [k, stats(r.queries.objectReads)[i]])),
    }),
  );
}
