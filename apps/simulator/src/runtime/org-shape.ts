import { Type, type Static } from 'typebox';

/**
 * The schema of OrgShape. The bounds of objects and fields are Salesforce's own (3,000 custom objects, 800 custom
 * fields per object); the largest orgs take seconds and hundreds of MB to generate. Reports, dashboards and Apex are
 * bounded well above what real orgs hold, to keep generation quick.
 */
export const OrgShapeSchema = Type.Object(
  {
    customObjects: Type.Integer({ minimum: 0, maximum: 3000 }),
    fieldsPerObject: Type.Integer({ minimum: 0, maximum: 800 }),
    /** Omitted: the org keeps its seed. */
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffff_ffff })),
    /** Omitted: the org keeps its daily API limit. */
    dailyApiLimit: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Omitted: the org keeps its count (OrgSpec.reports), or the one its seed gives. */
    reports: Type.Optional(Type.Integer({ minimum: 0, maximum: 50_000 })),
    /** Omitted: as for reports. */
    dashboards: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    /** Omitted: as for reports. */
    apexClasses: Type.Optional(Type.Integer({ minimum: 0, maximum: 20_000 })),
    /** Omitted: as for reports. */
    apexTriggers: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

/**
 * The part of an OrgSpec that can change while the simulator runs: the org's metadata, never its name, id or
 * credentials.
 */
export type OrgShape = Static<typeof OrgShapeSchema>;
