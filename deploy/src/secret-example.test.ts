import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { deployDir, kustomizations, parseManifests } from './manifests.ts';
import { rendered } from './rendered.ts';
import { createManifestValidator } from './schema-validator.ts';
import { type Deployment, ofKind } from './workload.ts';

const example = () => parseManifests(readFileSync(`${deployDir}base/secret.example.yaml`, 'utf8'));

/** Every kustomization.yaml under deploy/, parsed. */
const kustomizationFiles = () =>
  readdirSync(deployDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /(^|\/)kustomization\.yaml$/.test(file) && !file.includes('node_modules'))
    .map((file) => ({ file, content: parse(readFileSync(`${deployDir}${file}`, 'utf8')) as Record<string, unknown> }));

it('ships a Secret example valid against the Secret schema', () => {
  const manifests = example();
  expect(manifests.map((manifest) => `${manifest.kind}/${manifest.metadata.name}`)).toEqual(['Secret/sfmeta-secrets']);
  expect(createManifestValidator()(manifests[0])).toEqual([]);
});

it('has in the example exactly the keys the Deployments read from the Secret', () => {
  const [secret] = example() as unknown as [{ stringData: Record<string, string> }];
  const referenced = new Set(
    kustomizations().flatMap((path) =>
      ofKind<Deployment>(rendered(path), 'Deployment').flatMap((deployment) =>
        deployment.spec.template.spec.containers.flatMap((container) =>
          (container.env ?? []).flatMap((variable) => variable.valueFrom?.secretKeyRef?.key ?? []),
        ),
      ),
    ),
  );
  expect(Object.keys(secret.stringData).sort()).toEqual([...referenced].sort());
});

it('keeps the example out of every kustomization', () => {
  const files = kustomizationFiles();
  expect(files.map(({ file }) => file)).toEqual(expect.arrayContaining(['base/kustomization.yaml']));
  for (const { file, content } of files) {
    expect(JSON.stringify(content), file).not.toContain('secret.example');
  }
});
