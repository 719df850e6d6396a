import { existsSync, readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';

// Validates manifests offline against the JSON schemas shipped in deploy/schemas/ (see its README): Kubernetes'
// own kinds against yannh/kubernetes-json-schema's standalone-strict schemas, custom resources against the
// CRDs-catalog layout. A kind with no shipped schema fails, as kubeconform does with -strict and no -ignore.

/** The Kubernetes version the manifests target, and so the folder of its schemas. */
export const KUBERNETES_SCHEMAS = 'kubernetes-v1.32.0-standalone-strict';

const schemaDir = new URL('../schemas/', import.meta.url);

/**
 * The schema file of an apiVersion and kind, relative to deploy/schemas/: `deployment-apps-v1.json` for apps/v1,
 * `service-v1.json` for the core group, `keda.sh/scaledobject_v1alpha1.json` for a custom resource.
 */
export function schemaPathFor(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  const name = kind.toLowerCase();
  const custom = group?.includes('.') && !group.endsWith('.k8s.io');
  if (custom) return `${group}/${name}_${version}.json`;
  return `${KUBERNETES_SCHEMAS}/${name}${group ? `-${group.split('.')[0]}` : ''}-${version}.json`;
}

/** Returns a validator: the errors of one manifest against its kind's schema, empty when it is valid. */
export function createManifestValidator(): (manifest: unknown) => string[] {
  // Formats (int32, int-or-string, byte…) are Kubernetes' own, not JSON Schema's: the types and fields are checked.
  // The Kubernetes schemas name the meta-schema `http://json-schema.org/schema#`, which Ajv does not know.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (path: string): ValidateFunction | undefined => {
    const known = compiled.get(path);
    if (known) return known;
    const url = new URL(path, schemaDir);
    if (!existsSync(url)) return undefined;
    const validate = ajv.compile(JSON.parse(readFileSync(url, 'utf8')));
    compiled.set(path, validate);
    return validate;
  };
  return (manifest) => {
    const { apiVersion, kind } = (manifest ?? {}) as { apiVersion?: unknown; kind?: unknown };
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return ['apiVersion and kind are required'];
    const path = schemaPathFor(apiVersion, kind);
    const validate = validatorFor(path);
    if (!validate) return [`${apiVersion} ${kind}: no schema shipped (deploy/schemas/${path})`];
    if (validate(manifest)) return [];
    return (validate.errors ?? []).map((error) => {
      const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
      return `${kind}${error.instancePath} ${error.message}${extra}`;
    });
  };
}
