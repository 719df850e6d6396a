import type { SObjectFlags } from '../describe-types.ts';

/** Flags of an ordinary business object (Account-like); callers override what differs. */
export function objectFlags(
  name: string,
  label: string,
  labelPlural: string,
  keyPrefix: string | null,
  overrides: Partial<SObjectFlags> = {},
): SObjectFlags {
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: true,
    custom: false,
    customSetting: false,
    deepCloneable: false,
    deletable: true,
    deprecatedAndHidden: false,
    feedEnabled: true,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix,
    label,
    labelPlural,
    layoutable: true,
    mergeable: false,
    mruEnabled: true,
    name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: true,
    updateable: true,
    ...overrides,
  };
}

/** Flags of a setup or read-only object (Report, Profile): queryable, not writable through the API. */
export const READ_ONLY: Partial<SObjectFlags> = {
  createable: false,
  deletable: false,
  updateable: false,
  undeletable: false,
  triggerable: false,
  feedEnabled: false,
  mergeable: false,
  replicateable: false,
  layoutable: false,
};
