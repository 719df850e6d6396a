import type { Org } from '../generate-org.ts';
import { to18 } from '../salesforce-id.ts';
import type { ComponentReference } from './lineage-plan.ts';
import type { ComponentDependency, NodeId } from './lineage-edge.ts';

/** A row of MetadataComponentDependency and, when it plants a dependency edge, that edge's ends. */
export interface PlantedDependency {
  row: ComponentDependency;
  /** The object or field (`Obj.Field`) the component uses; null for rows that plant no edge (class to class). */
  source: NodeId | null;
  /** `apex_class:01p…`, `apex_trigger:01q…` or `flow:301…`; null for rows that plant no edge. */
  target: NodeId | null;
}

type Component = Pick<
  ComponentDependency,
  'MetadataComponentId' | 'MetadataComponentName' | 'MetadataComponentNamespace' | 'MetadataComponentType'
>;
type Ref = Pick<
  ComponentDependency,
  'RefMetadataComponentId' | 'RefMetadataComponentName' | 'RefMetadataComponentNamespace' | 'RefMetadataComponentType'
>;

/** The last part of a custom field's durable id (`01I….00N…`): its CustomField id, 18 characters. */
const customFieldId = (durableId: string) => to18(durableId.slice(durableId.lastIndexOf('.') + 1));
const developerName = (name: string) => name.replace(/__c$/, '');

/**
 * What Tooling names an object or field by: a custom object by its CustomObject id, a standard one by its name
 * (StandardEntity), a custom field by its CustomField id; undefined for standard fields (Salesforce lists no
 * dependency on them) and for what the org no longer has.
 */
function refOf(org: Org, object: string, field: string | null): Ref | undefined {
  const entity = org.entities.get(object);
  if (!entity) return undefined;
  if (field === null) {
    const custom = entity.durableId.startsWith('01I');
    return {
      RefMetadataComponentId: custom ? to18(entity.durableId) : object,
      RefMetadataComponentName: custom ? developerName(object) : object,
      RefMetadataComponentNamespace: entity.namespacePrefix,
      RefMetadataComponentType: custom ? 'CustomObject' : 'StandardEntity',
    };
  }
  const meta = entity.fields.get(field);
  if (!meta?.durableId.includes('.00N')) return undefined;
  return {
    RefMetadataComponentId: customFieldId(meta.durableId),
    RefMetadataComponentName: developerName(field),
    RefMetadataComponentNamespace: meta.namespacePrefix,
    RefMetadataComponentType: 'CustomField',
  };
}

function usesRows(org: Org, component: Component, target: NodeId, references: readonly ComponentReference[]) {
  const rows: PlantedDependency[] = [];
  for (const { object, field } of references) {
    const ref = refOf(org, object, field);
    if (ref)
      rows.push({ row: { ...component, ...ref }, source: field === null ? object : `${object}.${field}`, target });
  }
  return rows;
}

/**
 * Every row of Tooling's MetadataComponentDependency for the org, from what the generator recorded: the objects
 * and fields Apex classes, triggers and flows use, the classes classes call, and each roll-up summary field's
 * summarized field and master-detail field.
 */
export function componentDependencies(org: Org): PlantedDependency[] {
  const rows: PlantedDependency[] = [];
  const classes = new Map(org.apexClasses.map((c) => [c.id, c]));
  for (const c of org.apexClasses) {
    const component: Component = {
      MetadataComponentId: c.id,
      MetadataComponentName: c.name,
      MetadataComponentNamespace: c.namespacePrefix,
      MetadataComponentType: 'ApexClass',
    };
    rows.push(...usesRows(org, component, `apex_class:${c.id}`, c.references));
    for (const id of c.calls) {
      const called = classes.get(id);
      if (!called) continue;
      const ref: Ref = {
        RefMetadataComponentId: called.id,
        RefMetadataComponentName: called.name,
        RefMetadataComponentNamespace: called.namespacePrefix,
        RefMetadataComponentType: 'ApexClass',
      };
      rows.push({ row: { ...component, ...ref }, source: null, target: null });
    }
  }
  for (const t of org.apexTriggers) {
    const component: Component = {
      MetadataComponentId: t.id,
      MetadataComponentName: t.name,
      MetadataComponentNamespace: t.namespacePrefix,
      MetadataComponentType: 'ApexTrigger',
    };
    rows.push(...usesRows(org, component, `apex_trigger:${t.id}`, t.references));
  }
  for (const f of org.flows) {
    const component: Component = {
      MetadataComponentId: f.id,
      MetadataComponentName: f.name,
      MetadataComponentNamespace: null,
      MetadataComponentType: 'Flow',
    };
    rows.push(...usesRows(org, component, `flow:${f.id}`, f.references));
  }
  for (const r of org.rollups) {
    const meta = org.entities.get(r.master)?.fields.get(r.field);
    if (!meta) continue;
    const component: Component = {
      MetadataComponentId: customFieldId(meta.durableId),
      MetadataComponentName: developerName(r.field),
      MetadataComponentNamespace: meta.namespacePrefix,
      MetadataComponentType: 'CustomField',
    };
    for (const field of [r.summarized, r.relationshipField]) {
      const ref = field === null ? undefined : refOf(org, r.detail, field);
      if (ref) rows.push({ row: { ...component, ...ref }, source: null, target: null });
    }
  }
  return rows;
}
