import { describe, expect, it } from 'vitest';
import { SalesforceError, toSalesforceError } from '@sfmeta/salesforce/salesforce-error';
import { budgetAllows, budgetOf, deadlineReason, isBudgetSpent, runDeadline, usageWhenSpent } from './api-budget.ts';

/** An error as jsforce throws it for a REST error answer. */
const restError = (errorCode: string, message: string) =>
  Object.assign(new Error(message), { name: errorCode, errorCode });

describe('isBudgetSpent', () => {
  it("is the daily limit's 403 and sfmeta's own share, not the 429 concurrency limit", () => {
    expect(
      isBudgetSpent(toSalesforceError(restError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), 403)),
    ).toBe(true);
    const exhausted = new SalesforceError('API_BUDGET_EXHAUSTED', 'used 95 of 100', 'limit');
    expect(isBudgetSpent(exhausted)).toBe(true);
    const concurrent = toSalesforceError(
      restError('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'),
      429,
    );
    expect(concurrent.transient).toBe(true);
    expect(isBudgetSpent(concurrent)).toBe(false);
    expect(isBudgetSpent(new SalesforceError('INSUFFICIENT_ACCESS', 'no', 'permission'))).toBe(false);
    expect(isBudgetSpent(new Error('TotalRequests Limit exceeded.'))).toBe(false);
  });
});

describe('usageWhenSpent', () => {
  it("is at the org's limit when Salesforce refused, whatever the job last saw; as last seen for sfmeta's share", () => {
    const refusal = toSalesforceError(restError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), 403);
    expect(usageWhenSpent(refusal, { used: 11, max: 12 })).toEqual({ used: 12, max: 12 });
    expect(usageWhenSpent(refusal, { used: 13, max: 12 })).toEqual({ used: 13, max: 12 });
    expect(usageWhenSpent(refusal, undefined)).toBeUndefined();
    const share = new SalesforceError('API_BUDGET_EXHAUSTED', 'used 95 of 100', 'limit');
    expect(usageWhenSpent(share, { used: 95, max: 100 })).toEqual({ used: 95, max: 100 });
  });
});

describe('budgetAllows', () => {
  it('leaves room below the share of the daily limit, counted as the client counts it', () => {
    expect(budgetOf({ used: 0, max: 15_000 }, 90)).toBe(13_500);
    expect(budgetAllows({ used: 13_499, max: 15_000 }, 90)).toBe(true);
    expect(budgetAllows({ used: 13_500, max: 15_000 }, 90)).toBe(false);
    expect(budgetAllows({ used: 99, max: 100 }, 100)).toBe(true);
    expect(budgetAllows({ used: 100, max: 100 }, 100)).toBe(false);
    expect(budgetAllows({ used: 0, max: 1 }, 50)).toBe(false);
  });
});

describe('runDeadline', () => {
  const createdAt = new Date('2025-12-01T10:00:00Z');
  const startedAt = new Date('2025-12-01T10:05:00Z');

  it('counts from the start, from the creation before that, and keeps the deadline a wait fixed', () => {
    const day = 86_400_000;
    expect(runDeadline({ createdAt, startedAt, deadlineAt: null }, day)).toEqual(new Date('2025-12-02T10:05:00Z'));
    expect(runDeadline({ createdAt, startedAt: null, deadlineAt: null }, day)).toEqual(
      new Date('2025-12-02T10:00:00Z'),
    );
    const fixed = new Date('2025-12-01T12:00:00Z');
    expect(runDeadline({ createdAt, startedAt, deadlineAt: fixed }, day)).toEqual(fixed);
  });
});

describe('deadlineReason', () => {
  const times = {
    percent: 90,
    resumeAt: new Date('2025-12-02T10:15:00Z'),
    deadline: new Date('2025-12-02T10:05:00Z'),
    deadlineMs: 86_400_000,
  };

  it('names the usage, the budget, when the run could go on and the deadline', () => {
    const reason = deadlineReason({ ...times, usage: { used: 14_990, max: 15_000 } });
    expect(reason.code).toBe('API_BUDGET_DEADLINE');
    expect(reason.message).toContain('used 14990 of its 15000 daily API requests');
    expect(reason.message).toContain('stops at 13500 (SFMETA_API_BUDGET_PERCENT 90 %)');
    expect(reason.message).toContain('2025-12-02T10:15:00.000Z');
    expect(reason.message).toContain('past its deadline 2025-12-02T10:05:00.000Z');
    expect(reason.message).toContain('SFMETA_RUN_DEADLINE_MS 86400000 ms');
  });

  it('names the budget alone when no answer reported the usage', () => {
    const reason = deadlineReason({ ...times, usage: undefined });
    expect(reason.message).toContain("at sfmeta's share of its limit (SFMETA_API_BUDGET_PERCENT 90 %)");
    expect(reason.message).toContain('past its deadline 2025-12-02T10:05:00.000Z');
  });
});
