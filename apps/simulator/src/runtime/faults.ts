import { createPrng, type Prng } from '../prng.ts';

/** Trouble to inject into an org's traffic. */
export interface Faults {
  /** Added to every request, OAuth included. */
  latencyMs?: number;
  /** Fraction (0..1) of REST requests answered 503 SERVER_UNAVAILABLE. */
  error503Rate?: number;
  /** Fraction (0..1) of REST requests answered 429. */
  error429Rate?: number;
  /** Fraction (0..1) of REST requests whose socket is destroyed without an answer. */
  dropRate?: number;
  /** An access token answers 401 INVALID_SESSION_ID after this many REST calls made with it. */
  sessionTtlCalls?: number;
  /** Fraction (0..1) of subrequests inside /composite answered 503, the composite itself 200. */
  subrequest503Rate?: number;
  /**
   * Describes inside /composite answer 400 (SALESFORCE.md: describe in composite is unconfirmed
   * on a live org), so that a crawler's fallback to plain describes can be tested.
   */
  compositeRejectsDescribe?: boolean;
}

/** What a REST request suffers, if anything. */
export type FaultOutcome = 'drop' | 'unavailable' | 'throttled' | null;

/** Decides faults from a seeded PRNG, so a run with the same seed and traffic fails the same way. */
export class FaultInjector {
  private readonly prng: Prng;

  constructor(seed: number, public faults: Faults = {}) {
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
