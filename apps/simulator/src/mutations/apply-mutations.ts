import type { Org } from '../generate-org.ts';
import { addField, relabelField, removeField, setFormula, setPicklistValues } from './field-mutations.ts';
import { InvalidMutationError } from './invalid-mutation-error.ts';
import {
  checkMutation,
  type Mutation,
  type MutationKind,
  type MutationOf,
  type MutationResult,
} from './mutation-schema.ts';
import {
  addApexClass,
  addApexTrigger,
  changeApexClass,
  changeApexTrigger,
  removeApexClass,
  removeApexTrigger,
} from './apex-mutations.ts';
import { setFieldDescription, setObjectDescription } from './description-mutations.ts';
import { addObject, relabelObject, removeObject } from './object-mutations.ts';
import { OrgDraft } from './org-draft.ts';
import {
  addDashboard,
  addReport,
  changeDashboard,
  changeReport,
  removeDashboard,
  removeReport,
} from './report-mutations.ts';

const APPLY: { [K in MutationKind]: (draft: OrgDraft, mutation: MutationOf<K>) => void } = {
  addObject,
  removeObject,
  addField: (draft: OrgDraft, { object, field }: MutationOf<'addField'>) => addField(draft, object, field),
  removeField,
  relabelObject,
  relabelField,
  setPicklistValues,
  setFormula,
  addReport,
  changeReport,
  removeReport,
  addDashboard,
  changeDashboard,
  removeDashboard,
  addApexClass,
  changeApexClass,
  removeApexClass,
  addApexTrigger,
  changeApexTrigger,
  removeApexTrigger,
  setObjectDescription,
  setFieldDescription,
};

/**
 * The org after the mutations, applied in order at time `at`, and what they changed. Pure: `org` is left as it
 * was, and the same org, mutations and time give the same result. All or nothing: the first invalid mutation
 * throws InvalidInputError (InvalidMutationError when the org refuses it), naming its index.
 */
export function applyMutations(
  org: Org,
  mutations: readonly Mutation[],
  at: Date,
): { org: Org; result: MutationResult } {
  if (mutations.length === 0) {
    const setupItems = { added: [], removed: [], changed: [] };
    return { org, result: { added: [], removed: [], changed: [], setupItems, modifiedAt: null } };
  }
  const draft = new OrgDraft(org, at);
  mutations.forEach((value, index) => {
    const mutation = checkMutation(value, `mutations.${index}`);
    try {
      (APPLY[mutation.kind] as (draft: OrgDraft, mutation: Mutation) => void)(draft, mutation);
    } catch (error) {
      if (!(error instanceof InvalidMutationError)) throw error;
      throw new InvalidMutationError(`mutations.${index} (${mutation.kind}): ${error.message}`, { cause: error });
    }
  });
  return draft.finish();
}
