import { setupCounts } from '../../org/setup-counts.ts';
import type { OrgShape } from '../../runtime/org-shape.ts';
import type { OrgRuntime } from '../../runtime/org-runtime.ts';

/** An org as the admin API lists it; no secrets (client secret, password, security token). */
export interface OrgSummary {
  name: string;
  /** 18-character org id. */
  id: string;
  clientId: string;
  username: string;
  /** The current shape, defaults filled in: what PUT .../shape takes. */
  shape: Required<OrgShape>;
  /** sObjects in describeGlobal, standard and companions included. */
  objects: number;
  /** Fields over all sObject describes. */
  fields: number;
}

/** Summarizes an org for GET /__admin/orgs. */
export function orgSummary(runtime: OrgRuntime): OrgSummary {
  const { spec, id, describes } = runtime.org;
  let fields = 0;
  for (const describe of describes.values()) fields += describe.fields.length;
  return {
    name: spec.name,
    id,
    clientId: spec.clientId,
    username: spec.username,
    shape: {
      customObjects: spec.customObjects,
      fieldsPerObject: spec.fieldsPerObject,
      seed: spec.seed,
      dailyApiLimit: runtime.dailyLimit,
      ...setupCounts(spec),
    },
    objects: describes.size,
    fields,
  };
}
