import { Type, type Static } from 'typebox';
import { createPrng, type Prng } from '../prng.ts';
import { PERMISSIONS } from './permissions.ts';

const Rate = Type.Number({ minimum: 0, maximum: 1 });
const Count = Type.Integer({ minimum: 0 });

/** The schema of Faults; unknown keys are refused so that a misspelt fault is an error, not silently no fault. */
export const FaultsSchema = Type.Object(
  {
    /** Milliseconds added to every request, OAuth included. */
    latencyMs: Type.Optional(Count),
    /** Fraction (0..1) of REST requests answered 503 SERVER_UNAVAILABLE. */
    error503Rate: Type.Optional(Rate),
    /** Fraction (0..1) of REST requests answered 429. */
    error429Rate: Type.Optional(Rate),
    /** Fraction (0..1) of REST requests whose socket is destroyed without an answer. */
    dropRate: Type.Optional(Rate),
    /** An access token answers 401 INVALID_SESSION_ID after this many REST calls made with it. */
    sessionTtlCalls: Type.Optional(Count),
    /** Fraction (0..1) of subrequests inside /composite answered 503, the composite itself 200. */
    subrequest503Rate: Type.Optional(Rate),
    /**
     * Describes inside /composite answer 400 (SALESFORCE.md: describe in composite is unconfirmed
     * on a live org), so that a crawler's fallback to plain describes can be tested.
     */
    compositeRejectsDescribe: Type.Optional(Type.Boolean()),
    /**
     * Describes of every seventh custom object, plain and inside /composite, carry what real orgs send against
     * the documented shape: a number or boolean as a string, a missing key, null for a list, an unknown field
     * type, `recordTypeInfos: null` (org/odd-attributes.ts plans them). describeGlobal is untouched.
     */
    oddAttributes: Type.Optional(Type.Boolean()),
    /**
     * The user's "API Enabled" permission was revoked: every REST call with a valid token answers
     * 403 API_CURRENTLY_DISABLED ("API is disabled for this User"), the code Salesforce gives a user
     * without the permission (API_DISABLED_FOR_ORG is for an edition without API access, which a
     * running org does not lose). OAuth still issues tokens, as it does for such a user.
     */
    apiDisabled: Type.Optional(Type.Boolean()),
    /**
     * Permissions the API user lacks, answered with Salesforce's errors, plainly and inside /composite alike:
     * 'viewSetup' (Tooling's EntityDefinition, FieldDefinition, CustomObject, CustomField, ApexClass, ApexTrigger:
     * 400 INVALID_TYPE), 'toolingApi' (every /tooling resource: 403 API_DISABLED_FOR_ORG), 'reports' and
     * 'dashboards' (SOQL on Report or Dashboard: 400 INVALID_TYPE; their analytics describes: 403
     * INSUFFICIENT_ACCESS), 'privateReports' (the describe of a report in Private Reports: 403), 'users' (SOQL on
     * User: 400 INVALID_TYPE), 'dependencyApi' (Tooling's MetadataComponentDependency, for an org without the
     * feature: 400 INVALID_TYPE "sObject type 'MetadataComponentDependency' is not supported."). See
     * runtime/permissions.ts.
     */
    revokedPermissions: Type.Optional(Type.Array(Type.Enum(PERMISSIONS), { uniqueItems: true })),
  },
  { additionalProperties: false },
);

/** Trouble to inject into an org's traffic; see FaultsSchema for each fault. */
export type Faults = Static<typeof FaultsSchema>;

/** What a REST request suffers, if anything. */
export type FaultOutcome = 'drop' | 'unavailable' | 'throttled' | null;

/** Decides faults from a seeded PRNG, so a run with the same seed and traffic fails the same way. */
export class FaultInjector {
  private readonly prng: Prng;

  constructor(
    seed: number,
    public faults: Faults = {},
  ) {
    this.prng = createPrng(seed);
  }

  /** One draw per REST request; drop wins over 503, which wins over 429, when rates add past 1. */
  roll(): FaultOutcome {
    const { dropRate = 0, error503Rate = 0, error429Rate = 0 } = this.faults;
    if (dropRate + error503Rate + error429Rate <= 0) return null;
    const r = this.prng.next();
    if (r < dropRate) return 'drop';
    if (r < dropRate + error503Rate) return 'unavailable';
    if (r < dropRate + error503Rate + error429Rate) return 'throttled';
    return null;
  }

  /** One draw per composite subrequest: true when it should answer 503. */
  rollSubrequest(): boolean {
    const rate = this.faults.subrequest503Rate ?? 0;
    return rate > 0 && this.prng.next() < rate;
  }
}
