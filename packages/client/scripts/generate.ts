import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GENERATED_PATHS, PACKAGE_DIR, generatedFiles } from './generated-files.ts';
import { readOpenApiDocument } from './openapi-document.ts';

// `npm run generate -w @sfmeta/client`: the API's document and the client's types, from the current routes.
// The app is built on a scratch database and queue prefix of the Redis and PostgreSQL at REDIS_URL and
// DATABASE_URL (the local defaults otherwise), both removed after.
const document = await readOpenApiDocument({
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
});
const files = await generatedFiles(document);
for (const [key, path] of Object.entries(GENERATED_PATHS)) {
  const target = join(PACKAGE_DIR, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, files[key as keyof typeof files]);
  console.log(`wrote packages/client/${path}`);
}
