import type { Prng } from '../prng.ts';
import type { OrgUser } from './users.ts';

/** Who created a piece of metadata and who changed it last, and when: the audit columns of SOQL and Tooling. */
export interface AuditStamp {
  createdDate: Date;
  createdById: string;
  lastModifiedDate: Date;
  lastModifiedById: string;
}

const DAY_MS = 86_400_000;

/** The users who may appear in audit columns: anyone created things, only active users change them now. */
export class AuditStamper {
  private readonly creators: string[];
  private readonly editors: string[];

  constructor(
    private readonly prng: Prng,
    users: readonly OrgUser[],
  ) {
    this.creators = users.map((u) => u.id);
    this.editors = users.filter((u) => u.isActive).map((u) => u.id);
  }

  /** A creator; any user, the departed ones included. */
  creator(): string {
    return this.prng.pick(this.creators);
  }

  /** Who changed something last: an active user, usually not the one who created it. */
  editor(createdById: string): string {
    const pick = this.prng.pick(this.editors);
    if (pick !== createdById || this.editors.length < 2 || this.prng.chance(0.25)) return pick;
    return this.editors[(this.editors.indexOf(pick) + 1) % this.editors.length]!;
  }

  /** A date within `maxDays` days before `latest`, to the second. */
  before(latest: Date, maxDays: number): Date {
    return new Date(latest.getTime() - this.prng.int(0, maxDays) * DAY_MS - this.prng.int(0, 86_399) * 1000);
  }

  /** A whole stamp: changed within `maxDays` before `latest`, created up to a year and a half before that. */
  stamp(latest: Date, maxDays: number): AuditStamp {
    const lastModifiedDate = this.before(latest, maxDays);
    const createdDate = this.before(lastModifiedDate, 540);
    const createdById = this.creator();
    return { createdDate, createdById, lastModifiedDate, lastModifiedById: this.editor(createdById) };
  }
}
