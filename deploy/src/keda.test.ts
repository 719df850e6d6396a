import { describe, expect, it } from 'vitest';
import { promqlErrors } from './promql.ts';
import { rendered } from './rendered.ts';
import { deploymentOf, ofKind, type ScaledObject } from './workload.ts';

const scaledObjectOf = (path: string): ScaledObject => {
  const found = ofKind<ScaledObject>(rendered(path), 'ScaledObject');
  expect(found).toHaveLength(1);
  return found[0] as ScaledObject;
};

it('leaves KEDA out of the base, whose workers run at a fixed count', () => {
  expect(ofKind(rendered('base'), 'ScaledObject')).toEqual([]);
  expect(deploymentOf(rendered('base'), 'worker').spec.replicas).toBe(2);
});

describe.each(['overlays/production', 'overlays/scale-to-zero'])('deploy/%s', (path) => {
  it('scales the worker Deployment, and only that, in its namespace', () => {
    const scaledObject = scaledObjectOf(path);
    const worker = deploymentOf(rendered(path), 'worker');
    expect(scaledObject.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: worker.metadata.name,
    });
    expect(scaledObject.metadata.namespace).toBe(worker.metadata.namespace);
  });

  it('leaves the worker count to KEDA: the Deployment sets no replicas for an apply to reset', () => {
    expect(deploymentOf(rendered(path), 'worker').spec).not.toHaveProperty('replicas');
    expect(deploymentOf(rendered(path), 'api').spec.replicas).toBe(2);
  });

  it("scales on the jobs waiting in the queues, from the API's sfmeta_queue_jobs", () => {
    const [backlog] = scaledObjectOf(path).spec.triggers;
    expect(backlog?.type).toBe('prometheus');
    expect(backlog?.metadata.query).toMatch(/\bsfmeta_queue_jobs\{state=~"waiting\|prioritized"\}/);
    // Every API replica reports the same counts: one per queue and state before the sum.
    expect(backlog?.metadata.query).toMatch(/^sum\(max by \(queue, state\) \(/);
    expect(Number(backlog?.metadata.threshold)).toBeGreaterThan(0);
    expect(backlog?.metadata.serverAddress).toMatch(/^https?:\/\/[^/]+:\d+$/);
    expect(scaledObjectOf(path).spec.maxReplicaCount).toBeGreaterThan(1);
  });

  it('sends Prometheus only queries that parse', () => {
    const queries = scaledObjectOf(path).spec.triggers.map((trigger) => trigger.metadata.query ?? '');
    expect(queries.flatMap(promqlErrors)).toEqual([]);
  });
});

it('finds a PromQL syntax error', () => {
  expect(promqlErrors('sum(max by (queue, state) (sfmeta_queue_jobs{state=~"waiting"})')).not.toEqual([]);
  expect(promqlErrors('sum(sfmeta_queue_jobs{state=~"waiting|prioritized"}) by')).not.toEqual([]);
  expect(promqlErrors('sum(max by (queue, state) (sfmeta_queue_jobs{state=~"waiting"}))')).toEqual([]);
});

it('keeps one worker in production', () => {
  expect(scaledObjectOf('overlays/production').spec.minReplicaCount).toBe(1);
  expect(scaledObjectOf('overlays/production').spec.triggers).toHaveLength(1);
});

it('scales to zero only when no job runs, waits on children or waits out a delay', () => {
  const { spec } = scaledObjectOf('overlays/scale-to-zero');
  expect(spec.minReplicaCount).toBe(0);
  for (const trigger of spec.triggers) expect(trigger.metadata.activationThreshold, trigger.name).toBe('0');
  const inProgress = spec.triggers.find((trigger) => trigger.name === 'jobs-in-progress');
  expect(inProgress?.metadata.query).toContain('sfmeta_queue_jobs{state=~"active|waiting-children"}');
  // Job schedulers always hold a delayed job in these two queues: counting them would keep a worker forever.
  expect(inProgress?.metadata.query).toContain('sfmeta_queue_jobs{state="delayed", queue!~"schedule|maintenance"}');
  // It keeps one worker at most: scaling stays with the backlog.
  expect(Number(inProgress?.metadata.threshold)).toBeGreaterThanOrEqual(1_000_000);
  expect(inProgress?.metadata.serverAddress).toBe(spec.triggers[0]?.metadata.serverAddress);
});
