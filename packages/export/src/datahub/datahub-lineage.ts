import type { LineageEdge } from '@sfmeta/catalog/lineage/lineage-types';
import { downstreamFieldOf, parseNodeId } from '../node-ids.ts';
import { datasetUrn, schemaFieldUrn, type UrnScope } from './datahub-urns.ts';

// An object's upstreamLineage aspect from its reference, formula and roll-up edges.

const DATASET_EDGE_KINDS = new Set(['reference', 'formula', 'rollup']);

interface FineGrained {
  upstreamType: 'FIELD_SET' | 'DATASET';
  upstreams: string[];
  downstreamType: 'FIELD';
  downstreams: string[];
  transformOperation: string;
  confidenceScore: number;
}

/**
 * Dataset upstreams (every other object one of the edges reads; an object is not its own upstream) and
 * fine-grained lineage: per field, the fields its formula or roll-up reads, and for a reference field the `Id` of
 * each object it points at. A COUNT roll-up reads the child object itself (upstreamType DATASET).
 */
export function upstreamLineageAspect(
  objectName: string,
  edges: readonly LineageEdge[],
  scope: UrnScope,
  time: number,
): Record<string, unknown> | null {
  const self = datasetUrn(objectName, scope);
  const upstreams = new Set<string>();
  const fineGrained = new Map<string, FineGrained>();
  const addFine = (downstream: string, upstreamType: FineGrained['upstreamType'], upstream: string, kind: string) => {
    const key = `${downstream}|${kind}|${upstreamType}`;
    const entry = fineGrained.get(key) ?? {
      upstreamType,
      upstreams: [],
      downstreamType: 'FIELD',
      downstreams: [downstream],
      transformOperation: kind,
      confidenceScore: 1,
    };
    if (!entry.upstreams.includes(upstream)) entry.upstreams.push(upstream);
    fineGrained.set(key, entry);
  };

  for (const edge of edges) {
    if (!DATASET_EDGE_KINDS.has(edge.kind)) continue;
    const source = parseNodeId(edge.source);
    if (source.kind === 'item') continue;
    const sourceDataset = datasetUrn(source.object, scope);
    if (sourceDataset !== self) upstreams.add(sourceDataset);
    const targetField = downstreamFieldOf(edge);
    if (!targetField) continue;
    const downstream = schemaFieldUrn(self, targetField);
    if (source.kind === 'field')
      addFine(downstream, 'FIELD_SET', schemaFieldUrn(sourceDataset, source.field), edge.kind);
    else if (edge.kind === 'reference')
      addFine(downstream, 'FIELD_SET', schemaFieldUrn(sourceDataset, 'Id'), edge.kind);
    else addFine(downstream, 'DATASET', sourceDataset, edge.kind);
  }
  if (upstreams.size === 0 && fineGrained.size === 0) return null;
  return {
    upstreams: [...upstreams].map((dataset) => ({
      auditStamp: { time, actor: 'urn:li:corpuser:unknown' },
      dataset,
      type: 'TRANSFORMED',
    })),
    ...(fineGrained.size > 0 ? { fineGrainedLineages: [...fineGrained.values()] } : {}),
  };
}
