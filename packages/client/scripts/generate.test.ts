import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceUrls } from '@sfmeta/testing/service-urls';
import { GENERATED_PATHS, PACKAGE_DIR, generatedFiles } from './generated-files.ts';
import { readOpenApiDocument } from './openapi-document.ts';

/** Where two texts first differ, as "line N", or undefined when they are equal. */
function firstDifference(committed: string, current: string): string | undefined {
  if (committed === current) return undefined;
  const a = committed.split('\n');
  const b = current.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  return `line ${(line === -1 ? a.length : line) + 1}`;
}

describe('the generated client', () => {
  it('is generated from the API as it is now (openapi.json and src/generated/api.ts)', async () => {
    const current = await generatedFiles(await readOpenApiDocument(serviceUrls()));
    const stale: string[] = [];
    for (const [key, path] of Object.entries(GENERATED_PATHS)) {
      const committed = await readFile(join(PACKAGE_DIR, path), 'utf8').catch(() => '');
      const difference = firstDifference(committed, current[key as keyof typeof current]);
      if (difference) stale.push(`packages/client/${path} (from ${difference})`);
    }
    expect(
      stale,
      `The API changed since the client was generated: run \`npm run generate -w @sfmeta/client\` and commit ${stale.join(', ')}`,
    ).toEqual([]);
  });
});
