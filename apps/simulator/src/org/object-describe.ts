import type { ChildRelationship, DescribeGlobalSObject, RecordTypeInfo, SObjectDescribe } from '../describe-types.ts';
import { to18 } from '../salesforce-id.ts';
import type { ObjectBlueprint } from './blueprint.ts';
import { sortKeys } from './sort-keys.ts';

/** The Master record type id, identical in every org. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/** The path prefix of the API version the cached describes are written for; routes rewrite it per request. */
export const DESCRIBE_VERSION_PATH = '/services/data/v62.0';

/** The describeGlobal entry of an object. */
export function globalEntry(bp: ObjectBlueprint, baseUrl: string): DescribeGlobalSObject {
  const sobject = `${baseUrl}${DESCRIBE_VERSION_PATH}/sobjects/${bp.flags.name}`;
  return sortKeys({ ...bp.flags, urls: { sobject, describe: `${sobject}/describe`, rowTemplate: `${sobject}/{ID}` } });
}

function recordTypeInfos(bp: ObjectBlueprint, sobjectUrl: string, rtIdBase: number): RecordTypeInfo[] {
  const layout = (id: string) => ({ layout: `${sobjectUrl}/describe/layouts/${id}` });
  const extra = bp.recordTypes.map((rt, i): RecordTypeInfo => {
    const id = to18(`0125g${String(rtIdBase + i).padStart(10, '0')}`);
    return {
      active: true,
      available: true,
      defaultRecordTypeMapping: i === 0,
      developerName: rt.developerName,
      master: false,
      name: rt.name,
      recordTypeId: id,
      urls: layout(id),
    };
  });
  const master: RecordTypeInfo = {
    active: true,
    available: true,
    defaultRecordTypeMapping: extra.length === 0,
    developerName: 'Master',
    master: true,
    name: 'Master',
    recordTypeId: MASTER_RECORD_TYPE_ID,
    urls: layout(MASTER_RECORD_TYPE_ID),
  };
  return [...extra, master];
}

/** The full describe of an object; `rtIdBase` keeps record type ids unique within the org. */
export function objectDescribe(
  bp: ObjectBlueprint,
  children: ChildRelationship[],
  baseUrl: string,
  rtIdBase: number,
): SObjectDescribe {
  const sobject = `${baseUrl}${DESCRIBE_VERSION_PATH}/sobjects/${bp.flags.name}`;
  const ui = `${baseUrl}/{ID}`;
  const urls: Record<string, string> = bp.flags.layoutable
    ? {
        compactLayouts: `${sobject}/describe/compactLayouts`,
        rowTemplate: `${sobject}/{ID}`,
        approvalLayouts: `${sobject}/describe/approvalLayouts`,
        uiDetailTemplate: `${ui}`,
        uiEditTemplate: `${ui}/e`,
        defaultValues: `${sobject}/defaultValues?recordTypeId&fields`,
        listviews: `${sobject}/listviews`,
        describe: `${sobject}/describe`,
        uiNewRecord: `${baseUrl}/${bp.flags.keyPrefix ?? ''}/e`,
        quickActions: `${sobject}/quickActions`,
        layouts: `${sobject}/describe/layouts`,
        sobject,
      }
    : { rowTemplate: `${sobject}/{ID}`, describe: `${sobject}/describe`, sobject };
  return sortKeys({
    actionOverrides: [],
    ...bp.flags,
    childRelationships: children,
    compactLayoutable: bp.flags.layoutable,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: bp.fields.map((f) => f.describe),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: recordTypeInfos(bp, sobject, rtIdBase),
    searchLayoutable: bp.flags.searchable,
    sobjectDescribeOption: 'FULL',
    supportedScopes:
      bp.flags.queryable && bp.fields.some((f) => f.describe.name === 'OwnerId')
        ? [
            { label: 'All records', name: 'everything' },
            { label: 'My records', name: 'mine' },
          ]
        : [{ label: 'All records', name: 'everything' }],
    urls,
  });
}

/** Child relationships of every object, from every reference field of objects that expose them. */
export function childRelationshipsByParent(blueprints: readonly ObjectBlueprint[]): Map<string, ChildRelationship[]> {
  const byParent = new Map<string, ChildRelationship[]>();
  for (const bp of blueprints) {
    if (!bp.exposesChildRelationships) continue;
    for (const field of bp.fields) {
      const d = field.describe;
      if (d.type !== 'reference') continue;
      for (const parent of d.referenceTo) {
        const list = byParent.get(parent) ?? [];
        list.push({
          cascadeDelete: d.cascadeDelete,
          childSObject: bp.flags.name,
          deprecatedAndHidden: false,
          field: d.name,
          junctionIdListNames: [],
          junctionReferenceTo: [],
          relationshipName: field.childRelationshipName,
          restrictedDelete: d.restrictedDelete,
        });
        byParent.set(parent, list);
      }
    }
  }
  return byParent;
}
