import type { LineageEdge, NodeId } from '@sfmeta/catalog/lineage/lineage-types';

// Lineage node ids read back: `Account` (object), `Account.Industry` (field), `report:00O…` (any other item).

/** What a node id names. */
export type ParsedNode =
  | { kind: 'object'; object: string }
  | { kind: 'field'; object: string; field: string }
  | { kind: 'item'; itemType: string; id: string };

/** Splits a lineage node id into what it names. */
export function parseNodeId(node: NodeId): ParsedNode {
  const colon = node.indexOf(':');
  if (colon > 0) return { kind: 'item', itemType: node.slice(0, colon), id: node.slice(colon + 1) };
  const dot = node.indexOf('.');
  if (dot > 0) return { kind: 'field', object: node.slice(0, dot), field: node.slice(dot + 1) };
  return { kind: 'object', object: node };
}

/** The object a node belongs to (itself or its field's object); null for reports, Apex and the like. */
export function objectOfNode(node: NodeId): string | null {
  const parsed = parseNodeId(node);
  return parsed.kind === 'item' ? null : parsed.object;
}

/** The field an edge feeds: its target field, or for a reference edge the referencing field (`Contact.AccountId`). */
export function downstreamFieldOf(edge: LineageEdge): string | null {
  const target = parseNodeId(edge.kind === 'reference' ? (edge.detail.field ?? edge.target) : edge.target);
  return target.kind === 'field' ? target.field : null;
}
