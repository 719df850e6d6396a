import type { SetupAttributes } from './catalog-types.ts';
import { salesforceUrl, userRef, type ViewContext } from './item-views.ts';
import type { Json } from './json.ts';

/**
 * What the Tooling API said about an object or a field, as the worker stores it beside the describe
 * (`$tooling`); an object's summary keeps the same keys but durableId. Each is null when not said.
 */
export interface ToolingInfo {
  durableId: string | null;
  description: string | null;
  namespacePrefix: string | null;
  manageableState: string | null;
  createdDate: string | null;
  createdById: string | null;
  lastModifiedDate: string | null;
  lastModifiedById: string | null;
}

const TOOLING_KEYS = [
  'durableId',
  'description',
  'namespacePrefix',
  'manageableState',
  'createdDate',
  'createdById',
  'lastModifiedDate',
  'lastModifiedById',
] as const satisfies readonly (keyof ToolingInfo)[];

/** The Tooling keys of `source` (a stored `$tooling`, or an object's summary); all null when it is none. */
export function toolingOf(source: unknown): ToolingInfo {
  const from = typeof source === 'object' && source !== null && !Array.isArray(source) ? (source as Json) : {};
  const info = {} as ToolingInfo;
  for (const key of TOOLING_KEYS) info[key] = typeof from[key] === 'string' ? from[key] : null;
  return info;
}

/** A stored object's or field's content without what sfmeta added to it (keys starting with `$`). */
export function withoutAddedKeys(content: Json): Json {
  return Object.fromEntries(Object.entries(content).filter(([key]) => !key.startsWith('$')));
}

type Context = Pick<ViewContext, 'instanceUrl' | 'users'>;

function setupAttributes(tooling: ToolingInfo, context: Context, path: string): SetupAttributes {
  return {
    description: tooling.description,
    namespace: tooling.namespacePrefix,
    manageableState: tooling.manageableState,
    createdDate: tooling.createdDate,
    createdBy: userRef(tooling.createdById, context.users),
    lastModifiedDate: tooling.lastModifiedDate,
    lastModifiedBy: userRef(tooling.lastModifiedById, context.users),
    url: salesforceUrl(context.instanceUrl, `/lightning/setup/ObjectManager/${path}/view`),
  };
}

/** An object's Tooling attributes and its page in Setup's Object Manager. */
export function objectSetupAttributes(object: string, tooling: ToolingInfo, context: Context): SetupAttributes {
  return setupAttributes(tooling, context, `${encodeURIComponent(object)}/Details`);
}

/**
 * A field's Tooling attributes and its page in Setup: Setup names a custom field by its id ('00N…', the
 * last part of its FieldDefinition durable id), a standard field by its name.
 */
export function fieldSetupAttributes(
  object: string,
  field: string,
  tooling: ToolingInfo,
  context: Context,
): SetupAttributes {
  const id = tooling.durableId?.split('.').at(-1);
  const key = id?.startsWith('00N') ? id : field;
  return setupAttributes(
    tooling,
    context,
    `${encodeURIComponent(object)}/FieldsAndRelationships/${encodeURIComponent(key)}`,
  );
}
