import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { runKubectl } from './kubectl.ts';

/** deploy/, where the kustomizations live. */
export const deployDir = fileURLToPath(new URL('..', import.meta.url));

/** A Kubernetes object as the YAML has it; the tests read the rest through the kind's own shape. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** What can be deployed: the base and every overlay (a new overlay is tested without being listed anywhere). */
export function kustomizations(): string[] {
  const overlays = readdirSync(`${deployDir}overlays`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `overlays/${entry.name}`)
    .sort();
  return ['base', ...overlays];
}

/** Parses a YAML stream of manifests; throws on a YAML error or a document that is not an object. */
export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(document.errors.map((error) => error.message).join('; '));
    const value: unknown = document.toJS();
    if (value === null) return [];
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`not a manifest: ${JSON.stringify(value)}`);
    return [value as Manifest];
  });
}

/** `kubectl kustomize deploy/<path>`, parsed. */
export function render(path: string): Manifest[] {
  return parseManifests(runKubectl(['kustomize', `${deployDir}${path}`]));
}
