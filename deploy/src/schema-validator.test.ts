import { describe, expect, it } from 'vitest';
import { rendered } from './rendered.ts';
import { createManifestValidator, KUBERNETES_SCHEMAS, schemaPathFor } from './schema-validator.ts';
import { deploymentOf, ofKind, type ScaledObject } from './workload.ts';

const validate = createManifestValidator();

describe('schemaPathFor', () => {
  it("follows the schema projects' file names", () => {
    expect(schemaPathFor('apps/v1', 'Deployment')).toBe('kubernetes-v1.32.0-standalone-strict/deployment-apps-v1.json');
    expect(schemaPathFor('v1', 'Service')).toBe('kubernetes-v1.32.0-standalone-strict/service-v1.json');
    expect(schemaPathFor('networking.k8s.io/v1', 'NetworkPolicy')).toBe(
      'kubernetes-v1.32.0-standalone-strict/networkpolicy-networking-v1.json',
    );
    expect(schemaPathFor('keda.sh/v1alpha1', 'ScaledObject')).toBe('keda.sh/scaledobject_v1alpha1.json');
  });
});

describe('the manifest validator', () => {
  const deployment = () => structuredClone(deploymentOf(rendered('base'), 'worker'));
  const scaledObject = () => structuredClone(ofKind<ScaledObject>(rendered('overlays/production'), 'ScaledObject')[0]);

  it('accepts the rendered worker Deployment and ScaledObject as they are', () => {
    expect(validate(deployment())).toEqual([]);
    expect(validate(scaledObject())).toEqual([]);
  });

  it('rejects a misspelled field', () => {
    const manifest = deployment();
    const container = manifest.spec.template.spec.containers[0] as unknown as Record<string, unknown>;
    container.livenesProbe = container.livenessProbe;
    delete container.livenessProbe;
    expect(validate(manifest)).toContainEqual(expect.stringContaining('(livenesProbe)'));
  });

  it('rejects a field of the wrong type', () => {
    const manifest = deployment() as unknown as { spec: { replicas: unknown } };
    manifest.spec.replicas = 'two';
    expect(validate(manifest)).toContainEqual(expect.stringMatching(/\/spec\/replicas must be/));
  });

  it('rejects a ScaledObject field KEDA does not have', () => {
    const manifest = scaledObject() as unknown as { spec: Record<string, unknown> };
    manifest.spec.minReplicas = 0;
    expect(validate(manifest)).toContainEqual(expect.stringContaining('(minReplicas)'));
  });

  it('rejects a kind, or an apiVersion of a kind, that has no shipped schema', () => {
    const missing = `deploy/schemas/${KUBERNETES_SCHEMAS}/ingress-networking-v1.json`;
    expect(validate({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x' } })).toEqual([
      `networking.k8s.io/v1 Ingress: no schema shipped (${missing})`,
    ]);
    expect(validate({ ...deployment(), apiVersion: 'apps/v1beta1' })).toEqual([
      expect.stringContaining('apps/v1beta1 Deployment: no schema shipped'),
    ]);
    expect(validate({ metadata: { name: 'x' } })).toEqual(['apiVersion and kind are required']);
  });
});
