import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from '@sfmeta/config/config';
import { createLogger, type Logger } from '@sfmeta/logger/logger';
import auth from './plugins/auth.ts';
import config from './plugins/config.ts';
import dashboard from './plugins/dashboard.ts';
import database from './plugins/database.ts';
import errorHandler, { sendError } from './plugins/error-handler.ts';
import metrics from './plugins/metrics.ts';
import queues from './plugins/queues.ts';
import swagger from './plugins/swagger.ts';
import { textErrorMessage, textFormats } from './schemas/text.ts';
import connectionApexClasses from './routes/api/v1/connections/apex-classes.ts';
import connectionApexTriggers from './routes/api/v1/connections/apex-triggers.ts';
import connectionChanges from './routes/api/v1/connections/changes.ts';
import connectionDashboards from './routes/api/v1/connections/dashboards.ts';
import connectionExtractions from './routes/api/v1/connections/extractions.ts';
import connections from './routes/api/v1/connections/index.ts';
import connectionRetention from './routes/api/v1/connections/retention.ts';
import connectionObjects from './routes/api/v1/connections/objects.ts';
import connectionLineage from './routes/api/v1/connections/lineage.ts';
import connectionExport from './routes/api/v1/connections/export.ts';
import connectionReports from './routes/api/v1/connections/reports.ts';
import reauthorize from './routes/api/v1/connections/reauthorize.ts';
import connectionWebhooks from './routes/api/v1/connections/webhooks.ts';
import connectionSchedule from './routes/api/v1/connections/schedule.ts';
import connectionUpdate from './routes/api/v1/connections/update.ts';
import extractions from './routes/api/v1/extractions/index.ts';
import oauth from './routes/api/v1/oauth/index.ts';
import healthz from './routes/healthz.ts';
import readyz from './routes/readyz.ts';
import { OneLineRequestLog } from './request-log.ts';

export interface BuildAppOptions {
  config: Config;
  /** Fastify logger options, or a ready pino logger; defaults to the sfmeta logger at config.logLevel. */
  logger?: FastifyServerOptions['logger'] | Logger;
}

function isLoggerInstance(logger: BuildAppOptions['logger']): logger is Logger {
  return typeof logger === 'object' && logger !== null && typeof (logger as Logger).child === 'function';
}

/** Builds the API with every plugin and route, ready for `listen` or `inject`; opens the database and Redis. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const logger = options.logger ?? createLogger({ name: 'sfmeta-api', level: options.config.logLevel });
  const app = Fastify({
    ...(isLoggerInstance(logger) ? { loggerInstance: logger } : { logger }),
    bodyLimit: options.config.api.bodyLimit,
    // Nothing is removed or converted silently: a wrong type or an extra property is a 400.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false, formats: textFormats } },
    schemaErrorFormatter: (errors, context) => {
      const [first] = errors;
      const where = `${context}${first?.instancePath ?? ''}`;
      const message = (first && textErrorMessage(first)) ?? first?.message ?? 'is invalid';
      const extra = first?.params?.additionalProperty;
      return new Error(`${where} ${message}${typeof extra === 'string' ? `: ${extra}` : ''}`);
    },
    // A URL the router cannot decode (e.g. `%` or an encoded lone surrogate) gets the usual error body.
    frameworkErrors: sendError,
    // One line per request, once answered.
    logController: new OneLineRequestLog(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON only: a text/plain body is refused as 415 rather than read as a string.
  app.removeContentTypeParser('text/plain');

  try {
    await app.register(config, { config: options.config });
    await app.register(errorHandler);
    await app.register(auth);
    await app.register(swagger);
    await app.register(database);
    await app.register(queues);
    await app.register(metrics);
    await app.register(dashboard);

    await app.register(healthz);
    await app.register(readyz);
    await app.register(connections, { prefix: '/api/v1/connections' });
    await app.register(connectionExtractions, { prefix: '/api/v1/connections' });
    await app.register(connectionObjects, { prefix: '/api/v1/connections' });
    await app.register(connectionLineage, { prefix: '/api/v1/connections' });
    await app.register(connectionExport, { prefix: '/api/v1/connections' });
    await app.register(connectionReports, { prefix: '/api/v1/connections' });
    await app.register(connectionDashboards, { prefix: '/api/v1/connections' });
    await app.register(connectionApexClasses, { prefix: '/api/v1/connections' });
    await app.register(connectionApexTriggers, { prefix: '/api/v1/connections' });
    await app.register(connectionChanges, { prefix: '/api/v1/connections' });
    await app.register(connectionRetention, { prefix: '/api/v1/connections' });
    await app.register(reauthorize, { prefix: '/api/v1/connections' });
    await app.register(connectionUpdate, { prefix: '/api/v1/connections' });
    await app.register(connectionWebhooks, { prefix: '/api/v1/connections' });
    await app.register(connectionSchedule, { prefix: '/api/v1/connections' });
    await app.register(extractions, { prefix: '/api/v1/extractions' });
    await app.register(oauth, { prefix: '/api/v1/oauth' });
    await app.ready();
  } catch (error) {
    // Whatever the plugins opened before the failure is closed again.
    await app.close().catch(() => {});
    throw error;
  }
  return app as unknown as FastifyInstance;
}
