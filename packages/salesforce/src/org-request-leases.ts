import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { ReleaseSlot, RequestSlots } from './request-slots.ts';

// Each script touches one key, the org's sorted set of leases (Redis Cluster routes it as a whole), and reads
// the time from Redis, so that the clocks of the workers never matter: a lease is scored by its expiry in
// Redis's milliseconds. The key expires with its last lease, so an org that is left alone leaves nothing behind.

// ARGV: limit, ttl (ms), member. Drops lapsed leases, then adds ours if fewer than `limit` remain: 1 when added.
const acquireScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

// ARGV: ttl (ms), member. Extends our lease while it is there: 0 when it is gone. A lapsed lease that no
// acquirer swept yet is still counted by every acquirer, so extending it is as safe as if it never lapsed.
const renewScript = `
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

export interface OrgRequestLeasesOptions {
  redis: Redis | Cluster;
  /** The queue prefix: an org's leases are kept under `${prefix}:org-requests:${orgKey}`. */
  prefix: string;
  /** How long a lease lives unless renewed: the slots of a worker that died come back within this. */
  ttlMs?: number;
  /** How often a held lease is extended, well within `ttlMs`, so a long request keeps its slot. */
  renewEveryMs?: number;
  /** A waiter asks Redis again after a random pause in this range (ms), sooner when a lease here is freed. */
  pollMs?: readonly [min: number, max: number];
  /** Told when a lease could not be renewed or released, or lapsed while held; the lease is not taken back. */
  warn?: (message: string, details: { orgKey: string; err?: unknown }) => void;
}

/** One request's slot among the org's, fleet-wide. */
export interface OrgRequestLease {
  readonly orgKey: string;
  /** How long acquiring it waited, in milliseconds. */
  readonly waitedMs: number;
  /** Frees the slot at once; never rejects (a slot whose removal failed lapses within the TTL). */
  release: ReleaseSlot;
}

interface Waiter {
  limit: number;
  since: number;
  resolve(lease: OrgRequestLease): void;
  reject(error: unknown): void;
}

/**
 * A counting semaphore per org across every worker process: at most `limit` leases of one org are held at once.
 * A lease is a member of the org's sorted set scored by its expiry, renewed while held, so the leases of a
 * process that died lapse by themselves.
 *
 * Waiters of one process queue in arrival order and only the first asks Redis, so a process adds one poller per
 * org however many requests wait. Pauses between polls are short, random and do not grow with the wait, so a
 * process that waited long is as likely as any other to get the next free slot: nobody starves.
 */
export class OrgRequestLeases {
  private readonly ttlMs: number;
  private readonly renewEveryMs: number;
  private readonly pollMs: readonly [number, number];
  private readonly queues = new Map<string, Waiter[]>();
  /** Cuts short the pause of an org's poller, when a lease of this process frees a slot. */
  private readonly wakeups = new Map<string, () => void>();

  constructor(private readonly options: OrgRequestLeasesOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.renewEveryMs = options.renewEveryMs ?? 10_000;
    this.pollMs = options.pollMs ?? [5, 25];
  }

  /** The Redis key of an org's leases. */
  keyOf(orgKey: string): string {
    return `${this.options.prefix}:org-requests:${orgKey}`;
  }

  /** Waits until fewer than `limit` leases of the org are held, fleet-wide, and takes one. */
  acquire(orgKey: string, limit: number): Promise<OrgRequestLease> {
    if (!Number.isInteger(limit) || limit < 1) {
      return Promise.reject(new RangeError(`limit must be a positive integer, not ${limit}`));
    }
    return new Promise((resolve, reject) => {
      const waiter = { limit, since: performance.now(), resolve, reject };
      const queue = this.queues.get(orgKey);
      if (queue) {
        queue.push(waiter);
        return;
      }
      const fresh = [waiter];
      this.queues.set(orgKey, fresh);
      void this.admit(orgKey, fresh);
    });
  }

  /** The slots a Salesforce client of the org takes, with the org's limit as `limit` tells it for each request. */
  slotsFor(orgKey: string, limit: () => number | Promise<number>): RequestSlots {
    return { acquire: async () => (await this.acquire(orgKey, await limit())).release };
  }

  /** Admits the org's waiters of this process one after the other, until none is left. */
  private async admit(orgKey: string, waiters: Waiter[]): Promise<void> {
    const key = this.keyOf(orgKey);
    for (let head = waiters[0]; head; head = waiters[0]) {
      const member = randomBytes(12).toString('hex');
      let taken: boolean;
      try {
        taken = (await this.options.redis.eval(acquireScript, 1, key, head.limit, this.ttlMs, member)) === 1;
      } catch (error) {
        waiters.shift();
        head.reject(error);
        continue;
      }
      if (taken) {
        waiters.shift();
        head.resolve(this.hold(orgKey, member, head.since));
      } else {
        await this.pause(orgKey);
      }
    }
    this.queues.delete(orgKey);
  }

  private pause(orgKey: string): Promise<void> {
    const [min, max] = this.pollMs;
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakeups.delete(orgKey);
        resolve();
      };
      const timer = setTimeout(wake, min + Math.random() * (max - min));
      this.wakeups.set(orgKey, wake);
    });
  }

  private hold(orgKey: string, member: string, since: number): OrgRequestLease {
    const key = this.keyOf(orgKey);
    let held = true;
    const renewal = setInterval(() => {
      this.options.redis.eval(renewScript, 1, key, this.ttlMs, member).then(
        (renewed) => {
          if (renewed === 1 || !held) return;
          clearInterval(renewal);
          this.options.warn?.('a request slot lapsed while held: this process stalled longer than the lease TTL', {
            orgKey,
          });
        },
        (error: unknown) => this.options.warn?.('could not renew a request slot', { orgKey, err: error }),
      );
    }, this.renewEveryMs);
    renewal.unref();
    let released: Promise<void> | undefined;
    return {
      orgKey,
      waitedMs: performance.now() - since,
      release: () => {
        released ??= (async () => {
          held = false;
          clearInterval(renewal);
          try {
            await this.options.redis.zrem(key, member);
          } catch (error) {
            this.options.warn?.('could not release a request slot; it lapses with its TTL', { orgKey, err: error });
          }
          this.wakeups.get(orgKey)?.();
        })();
        return released;
      },
    };
  }
}
