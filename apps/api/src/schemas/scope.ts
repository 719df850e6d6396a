import { Type } from 'typebox';
import { Identifier } from './text.ts';

const Glob = Identifier({
  maxLength: 255,
  description: 'An API name, or a glob on API names: `*` any run of characters, `?` one; case-insensitive',
});

// What each switch turns on; every one but apexSource is on by default.
const switches = {
  descriptions: 'Descriptions, namespaces and dates of objects and fields (Tooling EntityDefinition, FieldDefinition)',
  owners: 'Who created and last changed custom objects and fields (Tooling CustomObject, CustomField)',
  recordCounts: "Objects' approximate record counts (/limits/recordCount)",
  reports: 'Reports, and their describes (type, columns, source objects)',
  dashboards: 'Dashboards, and their describes (components, reports)',
  apexClasses: 'Apex classes',
  apexTriggers: 'Apex triggers',
  dependencies:
    'What Apex, triggers, flows and roll-up summary fields reference (MetadataComponentDependency): lineage edges',
  apexSource: 'The source of Apex classes and triggers (`Body`); off by default, as it can be large and hold secrets',
} as const;

type Switch = keyof typeof switches;

const switchesOf = <T>(schema: (description: string) => T) =>
  Object.fromEntries(Object.entries(switches).map(([key, description]) => [key, schema(description)])) as Record<
    Switch,
    T
  >;

/** What a client sends to set what a connection's extractions read: keys left out keep their value. */
export const ScopeChangesBody = Type.Object(
  {
    objects: Type.Optional(
      Type.Object(
        {
          include: Type.Optional(
            Type.Array(Glob, { maxItems: 500, description: 'Objects to extract; empty (the default) means all' }),
          ),
          exclude: Type.Optional(
            Type.Array(Glob, { maxItems: 500, description: 'Objects to leave out, even when included' }),
          ),
          companions: Type.Optional(
            Type.Boolean({ description: 'false leaves out *Share, *History, *Feed and *ChangeEvent objects' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    ...switchesOf((description) => Type.Optional(Type.Boolean({ description }))),
  },
  {
    additionalProperties: false,
    title: 'ScopeChanges',
    description:
      'What extractions read. Keys left out keep their value (on creation: the default); pattern lists are ' +
      'replaced, not merged. Applies from the next extraction.',
  },
);

/** What a connection's extractions read. */
export const ScopeResponse = Type.Object(
  {
    objects: Type.Object({
      include: Type.Array(Type.String(), { description: 'Globs on API names; empty means all' }),
      exclude: Type.Array(Type.String()),
      companions: Type.Boolean(),
    }),
    ...switchesOf((description) => Type.Boolean({ description })),
  },
  { title: 'Scope' },
);
