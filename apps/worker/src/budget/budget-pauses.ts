import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { ApiUsage } from '@sfmeta/salesforce/response-capture';

// Sets the pause (`resumeAt used max`) unless a later one holds, so that jobs pausing at once leave the
// latest resume time; answers the pause in force. The key expires when the pause ends.
const pauseScript = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(string.match(current, '^%d+')) >= tonumber(ARGV[1]) then return current end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return ARGV[2]`;

/** An org's pause: when it ends (epoch ms), and the usage that started it, when an answer reported it. */
export interface BudgetPause {
  resumeAt: number;
  usage: ApiUsage | undefined;
}

// Deletes the claim only while it still holds our token, as RedisLock releases its lock.
const releaseScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * The orgs whose daily API budget is spent, in Redis under the queue prefix (a hash tag: a cluster keeps
 * these keys in the queues' slot), shared by every worker: while an org's pause holds, its runs' jobs put
 * themselves off without calling Salesforce. A pause expires at its resume time; then one job at a time,
 * holding the org's check claim, asks Salesforce whether the budget allows again, so a run of many jobs
 * spends one call per check, not one per job.
 */
export class BudgetPauses {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
  ) {}

  /** The org's pause, or undefined when none holds. */
  async current(org: string): Promise<BudgetPause | undefined> {
    const value = await this.redis.get(this.pauseKey(org));
    return value === null ? undefined : decode(value);
  }

  /** Pauses the org until `resumeAt` (epoch ms) unless a later pause holds; answers the pause in force. */
  async pause(org: string, resumeAt: number, usage: ApiUsage | undefined): Promise<BudgetPause> {
    const ttl = Math.max(1, Math.ceil(resumeAt - Date.now()));
    const value = usage ? `${resumeAt} ${usage.used} ${usage.max}` : String(resumeAt);
    return decode(String(await this.redis.eval(pauseScript, 1, this.pauseKey(org), resumeAt, value, ttl)));
  }

  /**
   * Claims the org's budget check for at most `ttlMs` (a holder that dies lets it lapse); answers the
   * token that releases it, or undefined when someone else holds it.
   */
  async claimCheck(org: string, ttlMs: number): Promise<string | undefined> {
    const token = randomBytes(16).toString('hex');
    const taken = await this.redis.set(this.checkKey(org), token, 'PX', ttlMs, 'NX');
    return taken === 'OK' ? token : undefined;
  }

  /** Releases a claim taken with `claimCheck`, unless it lapsed and another holder took it. */
  async releaseCheck(org: string, token: string): Promise<void> {
    await this.redis.eval(releaseScript, 1, this.checkKey(org), token);
  }

  private pauseKey(org: string): string {
    return `${this.prefix}:budget-pause:${org}`;
  }

  private checkKey(org: string): string {
    return `${this.prefix}:budget-check:${org}`;
  }
}

function decode(value: string): BudgetPause {
  const [resumeAt, used, max] = value.split(' ').map(Number);
  return {
    resumeAt: resumeAt ?? 0,
    usage: used !== undefined && max !== undefined ? { used, max } : undefined,
  };
}
