import type { OAuthSettings } from './runtime/oauth-settings.ts';

/** Everything that defines one simulated org: same seed and sizes give the same org, byte for byte. */
export interface OrgSpec {
  /** Unique within a simulator, e.g. 'acme'. */
  name: string;
  seed: number;
  /** Number of custom objects (`Name__c`). */
  customObjects: number;
  /** Custom fields per custom object, on top of the system fields every object has. */
  fieldsPerObject: number;
  /** The Connected App's consumer key and secret. */
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** The password grant expects `password + securityToken`. */
  securityToken: string;
  /** Reports (SOQL Report, analytics describes); 20 to 60, drawn from the seed, when absent. */
  reports?: number;
  /** Dashboards, whose components chart the reports; 5 to 20 when absent. */
  dashboards?: number;
  /** Apex classes (Tooling ApexClass); 25 to 60 when absent. */
  apexClasses?: number;
  /** Apex triggers (Tooling ApexTrigger); 5 to 20 when absent. */
  apexTriggers?: number;
  /** Daily API request budget; Developer Edition's 15,000 by default. */
  dailyApiLimit?: number;
  /** The Connected App's callback URLs: authorize accepts only these redirect_uris; any when absent. */
  callbackUrls?: string[];
  /** Initial OAuth behaviour (Salesforce's defaults otherwise); SimulatedOrg.setOAuth changes it at run time. */
  oauth?: Partial<OAuthSettings>;
}

/** Salesforce's Developer Edition daily budget. */
export const DEFAULT_DAILY_API_LIMIT = 15000;
