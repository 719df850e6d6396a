import { Type } from 'typebox';
import { TRIGGER_EVENTS } from '../org/apex-source.ts';
import { DASHBOARD_TYPES } from '../org/dashboards.ts';
import { REPORT_FORMATS } from '../org/reports.ts';
import { closed, Description, Target, Text } from './schema-atoms.ts';

/** An Apex class or trigger name: letters, digits and single underscores, starting with a letter. */
const ApexName = Type.String({ maxLength: 40, pattern: '^[A-Za-z](?:_?[A-Za-z0-9])*$' });
/** Apex source; Salesforce's limit is a million characters. */
const Body = Text(1_000_000);
/** A report, dashboard, class or trigger: its id (15 or 18 characters) or its unique name. */
const Item = Type.String({ minLength: 1, maxLength: 80 });

/**
 * The mutations of what lives beside objects: reports, dashboards, Apex classes and triggers (added, changed,
 * removed; a change moves LastModifiedDate and SystemModstamp), and the Tooling descriptions of custom objects and
 * fields (which move the object's describe Last-Modified too).
 */
export const SETUP_MUTATION_SCHEMAS = {
  /** A report on a reportable object; without columns, its name field and first custom fields. */
  addReport: Type.Object(
    {
      kind: Type.Literal('addReport'),
      name: Text(40),
      object: Target,
      folderName: Type.Optional(Text(80)),
      format: Type.Optional(Type.Enum(REPORT_FORMATS)),
      description: Type.Optional(Text(255)),
      /** `Object.Field` of the report's object, or `Parent.Field` of an object one of its lookups points to. */
      columns: Type.Optional(Type.Array(Type.String({ minLength: 3, maxLength: 160 }), { minItems: 1, maxItems: 100 })),
    },
    closed,
  ),
  changeReport: Type.Object(
    {
      kind: Type.Literal('changeReport'),
      report: Item,
      name: Type.Optional(Text(40)),
      description: Type.Optional(Description(255)),
    },
    closed,
  ),
  /** Refused while a dashboard charts the report, as Salesforce refuses. */
  removeReport: Type.Object({ kind: Type.Literal('removeReport'), report: Item }, closed),
  /** A dashboard with one component per report named. */
  addDashboard: Type.Object(
    {
      kind: Type.Literal('addDashboard'),
      title: Text(80),
      folderName: Type.Optional(Text(80)),
      description: Type.Optional(Text(255)),
      type: Type.Optional(Type.Enum(DASHBOARD_TYPES)),
      reports: Type.Optional(Type.Array(Item, { maxItems: 20 })),
    },
    closed,
  ),
  changeDashboard: Type.Object(
    {
      kind: Type.Literal('changeDashboard'),
      dashboard: Item,
      title: Type.Optional(Text(80)),
      description: Type.Optional(Description(255)),
    },
    closed,
  ),
  removeDashboard: Type.Object({ kind: Type.Literal('removeDashboard'), dashboard: Item }, closed),
  /** Without a body, an empty class. */
  addApexClass: Type.Object({ kind: Type.Literal('addApexClass'), name: ApexName, body: Type.Optional(Body) }, closed),
  /** Renames (the body's declaration follows) or replaces the body. */
  changeApexClass: Type.Object(
    {
      kind: Type.Literal('changeApexClass'),
      apexClass: Item,
      name: Type.Optional(ApexName),
      body: Type.Optional(Body),
    },
    closed,
  ),
  removeApexClass: Type.Object({ kind: Type.Literal('removeApexClass'), apexClass: Item }, closed),
  /** A trigger on a triggerable object; without events, before insert and before update. */
  addApexTrigger: Type.Object(
    {
      kind: Type.Literal('addApexTrigger'),
      name: ApexName,
      object: Target,
      events: Type.Optional(Type.Array(Type.Enum(TRIGGER_EVENTS), { minItems: 1, uniqueItems: true })),
      body: Type.Optional(Body),
    },
    closed,
  ),
  changeApexTrigger: Type.Object(
    {
      kind: Type.Literal('changeApexTrigger'),
      apexTrigger: Item,
      name: Type.Optional(ApexName),
      body: Type.Optional(Body),
    },
    closed,
  ),
  removeApexTrigger: Type.Object({ kind: Type.Literal('removeApexTrigger'), apexTrigger: Item }, closed),
  /** EntityDefinition.Description of a custom object; null clears it. */
  setObjectDescription: Type.Object(
    { kind: Type.Literal('setObjectDescription'), object: Target, description: Description(1000) },
    closed,
  ),
  /** FieldDefinition.Description of a custom field; null clears it. */
  setFieldDescription: Type.Object(
    { kind: Type.Literal('setFieldDescription'), object: Target, field: Target, description: Description(1000) },
    closed,
  ),
};
