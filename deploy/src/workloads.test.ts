import { describe, expect, it } from 'vitest';
import { kustomizations, type Manifest } from './manifests.ts';
import { bytesOf, coresOf } from './quantity.ts';
import { rendered } from './rendered.ts';
import {
  type Container,
  type Deployment,
  deploymentOf,
  envOf,
  ofKind,
  type PodDisruptionBudget,
  selects,
} from './workload.ts';

/** The variables that hold secrets: each must come from the Secret sfmeta-secrets, never from a literal. */
const SECRET_VARIABLES = [
  'DATABASE_URL',
  'REDIS_URL',
  'SFMETA_ENCRYPTION_KEYS',
  'SFMETA_API_KEYS',
  'SFMETA_METRICS_TOKEN',
];
const looksSecret = (name: string) => SECRET_VARIABLES.includes(name) || /(KEYS?|TOKEN|PASSWORD|SECRET)$/.test(name);

/** Peak RSS measured (bytes): the worker at its 192 MB heap limit (bench/README.md), the API under load. */
const MEASURED_PEAK_RSS = { worker: 326e6, api: 157e6 };

const configOf = (manifests: Manifest[]): Record<string, string> => {
  const [configMap] = ofKind<Manifest & { data: Record<string, string> }>(manifests, 'ConfigMap');
  if (!configMap) throw new Error('no ConfigMap');
  return configMap.data;
};
const containerOf = (deployment: Deployment): Container => {
  const [container] = deployment.spec.template.spec.containers;
  if (!container) throw new Error(`${deployment.metadata.name} has no container`);
  return container;
};
const portNumber = (container: Container, port: string | number | undefined) =>
  typeof port === 'number' ? port : container.ports?.find((candidate) => candidate.name === port)?.containerPort;
const preStopSeconds = (container: Container): number => {
  const [command, seconds] = container.lifecycle?.preStop?.exec?.command ?? [];
  return command === 'sleep' ? Number(seconds) : 0;
};

describe.each(kustomizations())('deploy/%s', (path) => {
  const manifests = () => rendered(path);
  const api = () => deploymentOf(manifests(), 'api');
  const worker = () => deploymentOf(manifests(), 'worker');

  it("probes the API's /healthz for liveness and /readyz for readiness, on the port it listens on", () => {
    const container = containerOf(api());
    expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(container.startupProbe?.httpGet?.path).toBe('/healthz');
    expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
    const listensOn = Number(configOf(manifests()).SFMETA_API_PORT);
    expect(listensOn).toBe(3000);
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
      expect(portNumber(container, probe?.httpGet?.port)).toBe(listensOn);
    }
    expect(configOf(manifests()).SFMETA_API_HOST).toBe('0.0.0.0');
  });

  it("probes the worker's metrics server /healthz, reachable in the pod and with /metrics behind a token", () => {
    const container = containerOf(worker());
    const config = configOf(manifests());
    expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(container.startupProbe?.httpGet?.path).toBe('/healthz');
    expect(portNumber(container, container.livenessProbe?.httpGet?.port)).toBe(Number(config.SFMETA_METRICS_PORT));
    expect(portNumber(container, container.startupProbe?.httpGet?.port)).toBe(9464);
    expect(config.SFMETA_METRICS_HOST).toBe('0.0.0.0');
    expect(envOf(container, 'SFMETA_METRICS_TOKEN')?.valueFrom?.secretKeyRef).toEqual({
      name: 'sfmeta-secrets',
      key: 'SFMETA_METRICS_TOKEN',
    });
  });

  it('runs each app from the image with its heap limit', () => {
    expect(containerOf(api()).command).toEqual(['node', '--max-old-space-size=256', 'apps/api/dist/main.js']);
    expect(containerOf(worker()).command).toEqual([
      'node',
      '--max-old-space-size=192',
      '--max-semi-space-size=8',
      'apps/worker/dist/main.js',
    ]);
  });

  it("gives each pod more time to stop than its process's own shutdown grace, set explicitly", () => {
    const cases = [
      { deployment: api(), variable: 'SFMETA_API_SHUTDOWN_GRACE_MS', graceMs: 10_000 },
      { deployment: worker(), variable: 'SFMETA_SHUTDOWN_GRACE_MS', graceMs: 30_000 },
    ];
    for (const { deployment, variable, graceMs } of cases) {
      const container = containerOf(deployment);
      const set = envOf(container, variable)?.value;
      expect(set, `${deployment.metadata.name} sets ${variable}`).toBe(String(graceMs));
      const podGraceMs = (deployment.spec.template.spec.terminationGracePeriodSeconds ?? 30) * 1000;
      expect(podGraceMs).toBeGreaterThan(Number(set) + preStopSeconds(container) * 1000);
    }
    expect(preStopSeconds(containerOf(api()))).toBe(5);
  });

  it('covers each Deployment with a PodDisruptionBudget that still lets a node drain', () => {
    const budgets = ofKind<PodDisruptionBudget>(manifests(), 'PodDisruptionBudget');
    for (const deployment of ofKind<Deployment>(manifests(), 'Deployment')) {
      const covering = budgets.filter((budget) =>
        selects(budget.spec.selector.matchLabels, deployment.spec.template.metadata.labels),
      );
      expect(covering, deployment.metadata.name).toHaveLength(1);
      const [budget] = covering as [PodDisruptionBudget];
      const allowsOne =
        Number(budget.spec.maxUnavailable ?? 0) >= 1 ||
        Number(budget.spec.minAvailable ?? Number.POSITIVE_INFINITY) < (deployment.spec.replicas ?? 1);
      expect(allowsOne, `${budget.metadata.name} allows one disruption`).toBe(true);
    }
  });

  it('takes every secret from the Secret by secretKeyRef, and no literal secret anywhere', () => {
    expect(ofKind(manifests(), 'Secret')).toEqual([]);
    expect(Object.keys(configOf(manifests())).filter(looksSecret)).toEqual([]);
    const needs = { api: ['SFMETA_API_KEYS'], worker: ['SFMETA_METRICS_TOKEN'] };
    for (const [component, own] of Object.entries(needs)) {
      const container = containerOf(deploymentOf(manifests(), component));
      expect(container.envFrom?.filter((source) => source.secretRef) ?? []).toEqual([]);
      for (const name of ['DATABASE_URL', 'REDIS_URL', 'SFMETA_ENCRYPTION_KEYS', ...own]) {
        expect(envOf(container, name)?.valueFrom?.secretKeyRef, `${component} ${name}`).toEqual({
          name: 'sfmeta-secrets',
          key: name,
        });
      }
      for (const variable of (container.env ?? []).filter((candidate) => looksSecret(candidate.name))) {
        expect(variable.value, `${component} ${variable.name} is a literal`).toBeUndefined();
        expect(variable.valueFrom?.secretKeyRef?.name).toBe('sfmeta-secrets');
      }
    }
  });

  it('runs as the image user, non-root, on a read-only root file system, with no service links or token', () => {
    for (const deployment of ofKind<Deployment>(manifests(), 'Deployment')) {
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(pod.enableServiceLinks).toBe(false);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.serviceAccountName).toBe('sfmeta');
      for (const container of pod.containers) {
        expect(container.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
  });

  it('requests at least the measured peak memory, within its limits', () => {
    for (const component of ['api', 'worker'] as const) {
      const { requests = {}, limits = {} } = containerOf(deploymentOf(manifests(), component)).resources ?? {};
      expect(bytesOf(requests.memory ?? '0')).toBeGreaterThanOrEqual(MEASURED_PEAK_RSS[component]);
      expect(bytesOf(limits.memory ?? '0')).toBeGreaterThan(bytesOf(requests.memory ?? '0'));
      expect(coresOf(requests.cpu ?? '0')).toBeGreaterThan(0);
      expect(coresOf(limits.cpu ?? '0')).toBeGreaterThanOrEqual(coresOf(requests.cpu ?? '0'));
    }
  });

  it('tells Prometheus where each pod serves its metrics', () => {
    for (const deployment of ofKind<Deployment>(manifests(), 'Deployment')) {
      const annotations = deployment.spec.template.metadata.annotations ?? {};
      expect(annotations['prometheus.io/scrape']).toBe('true');
      expect(annotations['prometheus.io/path']).toBe('/metrics');
      const ports = containerOf(deployment).ports?.map((port) => port.containerPort);
      expect(ports).toContain(Number(annotations['prometheus.io/port']));
    }
  });
});
