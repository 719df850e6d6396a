import { Type } from 'typebox';
import { EDGE_KINDS } from '@sfmeta/catalog/lineage/lineage-types';
import { Nullable } from './common.ts';
import { Identifier } from './text.ts';

const nodeDescription =
  'A node: an object (`Account`), a field (`Account.Industry`), or `report:ID`, `dashboard:ID`, ' +
  '`apex_class:ID`, `apex_trigger:ID`, `flow:ID` with the 18-character Salesforce id';
const NodeIdText = Type.String({ description: nodeDescription });

/** `node=`: the same, as a query parameter. */
export const NodeQuery = Identifier({ maxLength: 600, description: nodeDescription });

export const EdgeKind = Type.Enum([...EDGE_KINDS], { description: `One of ${EDGE_KINDS.join(', ')}` });

/** `kind=`: one kind, or several separated by commas. */
export const EdgeKindsQuery = Type.String({
  pattern: `^(${EDGE_KINDS.join('|')})(,(${EDGE_KINDS.join('|')}))*$`,
  description: `Only edges of these kinds, separated by commas: ${EDGE_KINDS.join(', ')}`,
});

/** An edge: from the upstream node (what is read) to the downstream node (what reads it). */
export const LineageEdge = Type.Object(
  {
    kind: EdgeKind,
    source: NodeIdText,
    target: NodeIdText,
    detail: Type.Object(
      {
        field: Type.Optional(Type.String({ description: 'reference: the referencing field' })),
        relationshipName: Type.Optional(Nullable(Type.String())),
        relationType: Type.Optional(Type.Enum(['lookup', 'master_detail', 'hierarchy'])),
        polymorphic: Type.Optional(Type.Boolean()),
        origin: Type.Optional(Type.Enum(['calculatedFormula', 'defaultValueFormula'])),
        paths: Type.Optional(Type.Array(Type.String(), { description: 'formula: the references as written' })),
        columns: Type.Optional(Type.Array(Type.String(), { description: 'report_field: the columns as written' })),
        componentType: Type.Optional(Type.String()),
        refType: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const LineageNode = Type.Object(
  {
    id: NodeIdText,
    type: Type.Enum(['object', 'field', 'report', 'dashboard', 'apex_class', 'apex_trigger', 'flow']),
    name: Nullable(Type.String()),
    distance: Type.Integer({ minimum: 0, description: 'Edges away from the node asked about' }),
  },
  { additionalProperties: false },
);

export const LineageWarning = Type.Object(
  {
    node: NodeIdText,
    reference: Type.String({ description: 'The reference as written' }),
    message: Type.String(),
  },
  { additionalProperties: false },
);

/** A field's direct neighbours among columns (formulas and roll-ups), and the references lineage could not follow. */
export const ColumnLineage = Type.Object(
  {
    upstream: Type.Array(Type.String(), { description: 'Fields this one is computed from (`Object.Field`)' }),
    downstream: Type.Array(Type.String(), { description: 'Fields computed from this one' }),
    warnings: Type.Array(Type.Object({ reference: Type.String(), message: Type.String() })),
  },
  { additionalProperties: false },
);
