import { createCatalogIndex } from './catalog-index.ts';
import { collectDashboardEdges } from './dashboard-edges.ts';
import { collectDependencyEdges } from './dependency-edges.ts';
import { collectFormulaEdges } from './formula-edges.ts';
import { LineageCollector } from './lineage-collector.ts';
import type { Lineage, LineageInput } from './lineage-types.ts';
import { collectReferenceEdges } from './reference-edges.ts';
import { collectReportEdges } from './report-edges.ts';
import { collectRollupEdges } from './rollup-edges.ts';
import { collectTriggerEdges } from './trigger-edges.ts';

const listOf = <T>(items: readonly T[] | undefined | null): readonly T[] => (Array.isArray(items) ? items : []);

/**
 * The lineage of a run's catalog: every edge of every kind, deduplicated and sorted by edgeKey, and a warning for
 * each reference that could not be followed. Pure and deterministic; bad input gives warnings, never an exception.
 */
export function buildLineage(input: LineageInput): Lineage {
  const index = createCatalogIndex(listOf(input.objects));
  const dependencies = listOf(input.dependencies);
  const collector = new LineageCollector();
  collectReferenceEdges(index, collector);
  collectFormulaEdges(index, collector);
  collectRollupEdges(index, dependencies, collector);
  collectReportEdges(index, listOf(input.reports), collector);
  collectDashboardEdges(listOf(input.dashboards), collector);
  collectTriggerEdges(index, listOf(input.triggers), collector);
  collectDependencyEdges(index, dependencies, collector);
  return collector.result();
}
