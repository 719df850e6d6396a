import { migrate } from './migrate.ts';

// Entry point for `npm run migrate -w @sfmeta/catalog`: applies pending migrations to DATABASE_URL.
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is not set');
  process.exit(1);
}
try {
  await migrate(databaseUrl, (msg) => console.log(msg));
} catch (error) {
  console.error(error);
  process.exit(1);
}
