import { type Manifest, render } from './manifests.ts';

const cache = new Map<string, Manifest[]>();

/** `render(path)`, once per test file: the tests only read the manifests. */
export function rendered(path: string): Manifest[] {
  let manifests = cache.get(path);
  if (!manifests) {
    manifests = render(path);
    cache.set(path, manifests);
  }
  return manifests;
}
