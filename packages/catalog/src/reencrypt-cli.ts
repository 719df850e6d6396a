import { loadConfig } from '@sfmeta/config/config';
import { createPool } from './database.ts';
import { reencryptAll } from './reencrypt.ts';
import { createSecretBox } from './secret-box.ts';

// Entry point for `npm run reencrypt -w @sfmeta/catalog`: after a new key is put first in
// SFMETA_ENCRYPTION_KEYS (and the API and workers run with it), re-seals every stored secret
// under it, so the older keys can be removed afterwards. Reads DATABASE_URL too.
const config = loadConfig(process.env);
const pool = createPool(config.databaseUrl, { applicationName: 'sfmeta-reencrypt', max: 2 });
try {
  const box = createSecretBox(config.encryptionKeys);
  const { scanned, rewritten } = await reencryptAll(pool, box);
  console.log(`re-encrypted ${rewritten} of ${scanned} secrets under key "${box.newestKeyId}"`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await pool.end();
}
