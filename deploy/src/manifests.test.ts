import { beforeAll, describe, expect, it } from 'vitest';
import { checkKustomizeVersion } from './kubectl.ts';
import { kustomizations } from './manifests.ts';
import { rendered } from './rendered.ts';
import { createManifestValidator } from './schema-validator.ts';

const validate = createManifestValidator();

beforeAll(() => {
  checkKustomizeVersion();
});

it('finds the base and both overlays', () => {
  expect(kustomizations()).toEqual(expect.arrayContaining(['base', 'overlays/production', 'overlays/scale-to-zero']));
});

describe.each(kustomizations())('kubectl kustomize deploy/%s', (path) => {
  it('renders the API, the workers and what they need', () => {
    const kinds = rendered(path).map((manifest) => `${manifest.kind}/${manifest.metadata.name}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'ServiceAccount/sfmeta',
        'Service/sfmeta-api',
        'Deployment/sfmeta-api',
        'Deployment/sfmeta-worker',
        'PodDisruptionBudget/sfmeta-api',
        'PodDisruptionBudget/sfmeta-worker',
      ]),
    );
    expect(kinds.filter((kind) => kind.startsWith('ConfigMap/sfmeta-config-'))).toHaveLength(1);
  });

  it('renders only manifests valid against their shipped schemas', () => {
    const errors = rendered(path).flatMap((manifest) =>
      validate(manifest).map((error) => `${manifest.metadata.name}: ${error}`),
    );
    expect(errors).toEqual([]);
  });
});
