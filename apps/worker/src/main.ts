import closeWithGrace from 'close-with-grace';
import { loadConfig } from '@sfmeta/config/config';
import { createLogger } from '@sfmeta/logger/logger';
import { startWorkerProcess } from './worker-process.ts';

const config = loadConfig(process.env);
const logger = createLogger({ name: 'worker', level: config.logLevel });
const worker = await startWorkerProcess(config, logger);

closeWithGrace({ delay: config.worker.shutdownGraceMs }, async ({ signal, err }) => {
  if (err) logger.error({ err }, 'shutting down after an error');
  else logger.info({ signal }, 'shutting down: finishing active jobs');
  await worker.close();
});
