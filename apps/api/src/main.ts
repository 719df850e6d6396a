import closeWithGrace from 'close-with-grace';
import { loadConfig } from '@sfmeta/config/config';
import { buildApp } from './app.ts';

const config = loadConfig(process.env);
const app = await buildApp({ config });

closeWithGrace({ delay: config.api.shutdownGraceMs }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'closing');
  await app.close();
});

await app.listen({ host: config.api.host, port: config.api.port });
