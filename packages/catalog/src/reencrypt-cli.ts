import { createPool } from './database.ts';
import { reencryptAll } from './reencrypt.ts';
import { createSecretBox, parseEncryptionKeys } from './secret-box.ts';

// Entry point for `npm run reencrypt -w @sfmeta/catalog`: after a new key is put first in
// SFMETA_ENCRYPTION_KEYS (and the API and workers run with it), re-seals every stored secret
// under it, so the older keys can be removed afterwards.
const databaseUrl = process.env.DATABASE_URL;
const encryptionKeys = process.env.SFMETA_ENCRYPTION_KEYS;
if (!databaseUrl || !encryptionKeys) {
  console.error('DATABASE_URL and SFMETA_ENCRYPTION_KEYS must both be set');
  process.exit(1);
}
const pool = createPool(databaseUrl, { applicationName: 'sfmeta-reencrypt', max: 2 });
try {
  const box = createSecretBox(parseEncryptionKeys(encryptionKeys));
  const { scanned, rewritten } = await reencryptAll(pool, box);
  console.log(`re-encrypted ${rewritten} of ${scanned} secrets under key "${box.newestKeyId}"`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await pool.end();
}
