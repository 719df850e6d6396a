import type { SObjectDescribe } from '../describe-types.ts';
import type { Prng } from '../prng.ts';
import { recordId } from '../salesforce-id.ts';
import type { AuditStamp, AuditStamper } from './audit-stamps.ts';
import { withOddNote } from './odd-text.ts';
import { isReportable, randomColumns, reportTypeOf } from './report-columns.ts';
import type { OrgUser } from './users.ts';
import { PACKAGE_NAMESPACES } from './word-lists.ts';

/** Report.Format. */
export const REPORT_FORMATS = ['Tabular', 'Summary', 'Matrix', 'MultiBlock'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Folders reports live in; a private report is visible to its owner only. */
export const REPORT_FOLDERS = ['Sales Reports', 'Service Reports', 'Marketing Reports', 'Executive', 'Private Reports'];
export const PRIVATE_REPORTS = 'Private Reports';

/** A report: its SOQL row and what its analytics describe says (report type, columns). */
export interface OrgReport extends AuditStamp {
  /** 18-character id ('00O...'). */
  id: string;
  name: string;
  developerName: string;
  folderName: string;
  format: ReportFormat;
  description: string | null;
  namespacePrefix: string | null;
  /** A user of Org.users. */
  ownerId: string;
  lastRunDate: Date | null;
  systemModstamp: Date;
  /** The object the report type is based on. */
  object: string;
  /** `CustomEntity$Obj__c` for a custom object, the object's name for a standard one (reportTypeOf). */
  reportType: string;
  /** `Object.Field` API names: fields of `object`, and of objects its lookups point to. */
  detailColumns: string[];
}

const SCOPES = ['by Region', 'by Owner', 'This Quarter', 'Last 90 Days', 'YTD', 'by Stage', 'Open', 'Trend'];
const AUDIENCES = ['sales', 'service', 'marketing', 'finance', 'leadership'];
const DAY_MS = 86_400_000;

/** A DeveloperName from a name: letters, digits and single underscores, numbered to be unique. */
export function developerNameOf(name: string, n: number): string {
  const base = name
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${/^[A-Za-z]/.test(base) ? base : `X${base}`}_${n}`.slice(0, 80);
}

/** `count` reports on the org's reportable objects, made and changed by its users before `latest`. */
export function generateReports(
  count: number,
  describes: ReadonlyMap<string, SObjectDescribe>,
  users: readonly OrgUser[],
  stamper: AuditStamper,
  prng: Prng,
  latest: Date,
): OrgReport[] {
  const objects = [...describes.values()].filter(isReportable);
  if (objects.length === 0) return [];
  return Array.from({ length: count }, (_, i) => {
    const object = prng.pick(objects);
    const name = `${object.labelPlural} ${prng.pick(SCOPES)}`.slice(0, 40);
    const stamp = stamper.stamp(latest, 600);
    const folderName = prng.pick(REPORT_FOLDERS);
    const describeIt = prng.chance(0.6);
    const description = describeIt
      ? withOddNote(`${name} for the ${prng.pick(AUDIENCES)} team.`, i, 4).slice(0, 255)
      : null;
    const ran = prng.chance(0.7);
    const lastRun = stamp.lastModifiedDate.getTime() + prng.int(0, 30) * DAY_MS;
    return {
      id: recordId('00O', i),
      name,
      developerName: developerNameOf(name, i + 1),
      folderName,
      format: prng.pick(REPORT_FORMATS),
      description,
      namespacePrefix: prng.chance(0.05) ? prng.pick(PACKAGE_NAMESPACES) : null,
      ownerId: folderName === PRIVATE_REPORTS ? stamp.createdById : prng.pick(users).id,
      lastRunDate: ran ? new Date(Math.min(lastRun, latest.getTime())) : null,
      systemModstamp: stamp.lastModifiedDate,
      ...stamp,
      object: object.name,
      reportType: reportTypeOf(object.name),
      detailColumns: randomColumns(object, describes, prng),
    };
  });
}
