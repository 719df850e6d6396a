import { Type, type Static } from 'typebox';
import { checkSchema, InvalidInputError } from '../check-schema.ts';
import { closed, CustomName, Label, Target, Text } from './schema-atoms.ts';
import { SETUP_MUTATION_SCHEMAS } from './setup-mutation-schema.ts';

/** The field types a mutation can add; `lookup` is a reference to one object. */
export const NEW_FIELD_TYPES = [
  'string',
  'textarea',
  'boolean',
  'int',
  'double',
  'currency',
  'percent',
  'date',
  'datetime',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'lookup',
] as const;

/** The types a formula field may return (Text, Checkbox, Number, Currency, Percent, Date, Date/Time). */
export const FORMULA_TYPES = ['string', 'boolean', 'double', 'currency', 'percent', 'date', 'datetime'] as const;

/** The schema of NewField. */
export const NewFieldSchema = Type.Object(
  {
    name: CustomName,
    label: Label,
    type: Type.Enum(NEW_FIELD_TYPES),
    /** Picklist and multipicklist values, required for those types; the first is not made the default. */
    values: Type.Optional(Type.Array(Label, { minItems: 1, maxItems: 1000, uniqueItems: true })),
    /** The object a lookup points to, required for lookups. */
    referenceTo: Type.Optional(Target),
    /** Makes the field a formula returning `type` (one of FORMULA_TYPES). */
    formula: Type.Optional(Text(3900)),
    /** FieldDefinition.Description in Tooling. */
    description: Type.Optional(Text(1000)),
  },
  closed,
);

/** A custom field to add. */
export type NewField = Static<typeof NewFieldSchema>;

/** The schema of each kind of Mutation: one change an admin makes in Setup. */
export const MUTATION_SCHEMAS = {
  addObject: Type.Object(
    {
      kind: Type.Literal('addObject'),
      name: CustomName,
      /** Omitted: the name without `__c`, underscores as spaces. */
      label: Type.Optional(Label),
      /** Omitted: the label with an s. */
      labelPlural: Type.Optional(Label),
      /** EntityDefinition.Description in Tooling. */
      description: Type.Optional(Text(1000)),
      /** Custom fields besides the standard ones every custom object has (Id, Name, OwnerId, audit fields). */
      fields: Type.Optional(Type.Array(NewFieldSchema, { maxItems: 800 })),
    },
    closed,
  ),
  /** Removes a custom object with its companions (History, Share, Feed, ChangeEvent). */
  removeObject: Type.Object({ kind: Type.Literal('removeObject'), object: Target }, closed),
  addField: Type.Object({ kind: Type.Literal('addField'), object: Target, field: NewFieldSchema }, closed),
  /** Removes a custom field (`__c`). */
  removeField: Type.Object({ kind: Type.Literal('removeField'), object: Target, field: Target }, closed),
  relabelObject: Type.Object(
    { kind: Type.Literal('relabelObject'), object: Target, label: Label, labelPlural: Type.Optional(Label) },
    closed,
  ),
  relabelField: Type.Object(
    { kind: Type.Literal('relabelField'), object: Target, field: Target, label: Label },
    closed,
  ),
  /** Replaces the values of a picklist or multipicklist; the default stays when its value does. */
  setPicklistValues: Type.Object(
    {
      kind: Type.Literal('setPicklistValues'),
      object: Target,
      field: Target,
      values: Type.Array(Label, { minItems: 1, maxItems: 1000, uniqueItems: true }),
    },
    closed,
  ),
  /** Replaces the calculatedFormula of a formula field. */
  setFormula: Type.Object(
    { kind: Type.Literal('setFormula'), object: Target, field: Target, formula: Text(3900) },
    closed,
  ),
  ...SETUP_MUTATION_SCHEMAS,
};

/** The schema of Mutation, any kind. */
export const MutationSchema = Type.Union([
  MUTATION_SCHEMAS.addObject,
  MUTATION_SCHEMAS.removeObject,
  MUTATION_SCHEMAS.addField,
  MUTATION_SCHEMAS.removeField,
  MUTATION_SCHEMAS.relabelObject,
  MUTATION_SCHEMAS.relabelField,
  MUTATION_SCHEMAS.setPicklistValues,
  MUTATION_SCHEMAS.setFormula,
  MUTATION_SCHEMAS.addReport,
  MUTATION_SCHEMAS.changeReport,
  MUTATION_SCHEMAS.removeReport,
  MUTATION_SCHEMAS.addDashboard,
  MUTATION_SCHEMAS.changeDashboard,
  MUTATION_SCHEMAS.removeDashboard,
  MUTATION_SCHEMAS.addApexClass,
  MUTATION_SCHEMAS.changeApexClass,
  MUTATION_SCHEMAS.removeApexClass,
  MUTATION_SCHEMAS.addApexTrigger,
  MUTATION_SCHEMAS.changeApexTrigger,
  MUTATION_SCHEMAS.removeApexTrigger,
  MUTATION_SCHEMAS.setObjectDescription,
  MUTATION_SCHEMAS.setFieldDescription,
]);

/** One metadata change; see MutationSchema for each kind. */
export type Mutation = Static<typeof MutationSchema>;

/** The kinds of mutation. */
export type MutationKind = keyof typeof MUTATION_SCHEMAS;

/** A mutation of one kind. */
export type MutationOf<K extends MutationKind> = Static<(typeof MUTATION_SCHEMAS)[K]>;

/**
 * The value as a Mutation, checked against the schema of its kind so that a problem is named precisely (a union
 * would report every kind's complaints); throws InvalidInputError naming `subject` otherwise.
 */
export function checkMutation(value: unknown, subject: string): Mutation {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(MUTATION_SCHEMAS, kind)) {
    const kinds = Object.keys(MUTATION_SCHEMAS).join(', ');
    throw new InvalidInputError(`invalid ${subject}: kind must be one of ${kinds}`);
  }
  return checkSchema(MUTATION_SCHEMAS[kind as MutationKind], value, subject);
}

/** What a batch of mutations changed. */
export interface MutationResult {
  /** Objects created, sorted. */
  added: string[];
  /** Objects deleted, companions included, sorted. */
  removed: string[];
  /**
   * Objects that were there before and whose describe changed, sorted: the targets, and the objects a change
   * reached (a parent gaining or losing a child relationship, a ChangeEvent following its object's fields).
   */
  changed: string[];
  /** Reports, dashboards, Apex classes and Apex triggers, by id, sorted. */
  setupItems: SetupItemChanges;
  /**
   * The new last-modified time (ISO 8601) of every added and changed object, and of every report, dashboard, class
   * and trigger added or edited; null when nothing changed.
   */
  modifiedAt: string | null;
}

/** What a batch of mutations did to reports, dashboards, Apex classes and triggers, by id. */
export interface SetupItemChanges {
  added: string[];
  /** Removed by a mutation, or with the object they were on (a report's, a trigger's). */
  removed: string[];
  /**
   * Edited by a mutation (their LastModifiedDate moved), or changed by what happened around them without being
   * edited (a report losing a column whose field was removed, a dashboard losing a component): Salesforce leaves
   * their LastModifiedDate as it was, and so does the simulator.
   */
  changed: string[];
}

/** The schema of RandomMutationOptions. */
export const RandomMutationOptionsSchema = Type.Object(
  {
    seed: Type.Integer({ minimum: 0, maximum: 0xffff_ffff }),
    count: Type.Integer({ minimum: 0, maximum: 1000 }),
  },
  closed,
);

/** How many random mutations to make, and the seed that makes them the same each time. */
export type RandomMutationOptions = Static<typeof RandomMutationOptionsSchema>;

/**
 * The schema of a mutation request to the admin API: exactly one of the two keys (checked by the route, which
 * can say so plainly; a union would not). Each mutation is checked by kind when applied.
 */
export const MutationRequestSchema = Type.Object(
  {
    mutations: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 1000 })),
    random: Type.Optional(RandomMutationOptionsSchema),
  },
  closed,
);

/** The body of POST /__admin/orgs/:name/mutations: these mutations, or random ones. */
export type MutationRequest = { mutations: Mutation[] } | { random: RandomMutationOptions };

/** The answer of POST /__admin/orgs/:name/mutations: the mutations applied (random ones spelt out), their effect. */
export interface MutationReport extends MutationResult {
  mutations: Mutation[];
}
