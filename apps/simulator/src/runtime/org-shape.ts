import { Type, type Static } from 'typebox';

/**
 * The schema of OrgShape. The bounds are Salesforce's own (3,000 custom objects, 800 custom fields
 * per object); the largest orgs take seconds and hundreds of MB to generate.
 */
export const OrgShapeSchema = Type.Object(
  {
    customObjects: Type.Integer({ minimum: 0, maximum: 3000 }),
    fieldsPerObject: Type.Integer({ minimum: 0, maximum: 800 }),
    /** Omitted: the org keeps its seed. */
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffff_ffff })),
    /** Omitted: the org keeps its daily API limit. */
    dailyApiLimit: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/**
 * The part of an OrgSpec that can change while the simulator runs: the org's metadata, never its name, id or
 * credentials.
 */
export type OrgShape = Static<typeof OrgShapeSchema>;
