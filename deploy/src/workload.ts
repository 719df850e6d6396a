import type { Manifest } from './manifests.ts';

// The parts of Deployments, PodDisruptionBudgets and ScaledObjects the tests read: typed views of the rendered
// manifests (the schemas have already checked their shape).

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
}

export interface HttpProbe {
  httpGet?: { path: string; port: string | number };
}

export interface Container {
  name: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: HttpProbe;
  livenessProbe?: HttpProbe;
  readinessProbe?: HttpProbe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
}

export interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  enableServiceLinks?: boolean;
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}

export interface Deployment extends Manifest {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
  };
}

export interface PodDisruptionBudget extends Manifest {
  spec: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector: { matchLabels: Record<string, string> };
  };
}

export interface ScaledObject extends Manifest {
  spec: {
    scaleTargetRef: { apiVersion?: string; kind?: string; name: string };
    minReplicaCount?: number;
    maxReplicaCount?: number;
    triggers: { type: string; name?: string; metadata: Record<string, string> }[];
  };
}

/** The manifests of one kind. */
export const ofKind = <T extends Manifest>(manifests: Manifest[], kind: string): T[] =>
  manifests.filter((manifest) => manifest.kind === kind) as T[];

/** The Deployment with this `app.kubernetes.io/component` label (api, worker); throws when there is none. */
export function deploymentOf(manifests: Manifest[], component: string): Deployment {
  const found = ofKind<Deployment>(manifests, 'Deployment').find(
    (deployment) => deployment.metadata.labels?.['app.kubernetes.io/component'] === component,
  );
  if (!found) throw new Error(`no Deployment of component ${component}`);
  return found;
}

/** Whether every label of `selector` is on `labels`. */
export const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

/** A container's environment variable by name. */
export const envOf = (container: Container, name: string): EnvVar | undefined =>
  container.env?.find((variable) => variable.name === name);
