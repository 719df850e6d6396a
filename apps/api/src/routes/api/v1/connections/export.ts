import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS } from '@sfmeta/export/export-formats';
import { exportLines } from '@sfmeta/export/export-lines';
import { AppError } from '../../../../app-error.ts';
import { catalogFor } from '../../../../catalog-lookup.ts';
import { exportRecords } from '../../../../export-records.ts';
import { ErrorResponse, IdParams, commonErrors } from '../../../../schemas/common.ts';
import { RunQuery } from '../../../../schemas/paging.ts';
import { Identifier } from '../../../../schemas/text.ts';

const tags = ['export'];

/** /api/v1/connections/:id/export: the whole catalog and its lineage in a format data catalogs ingest, streamed. */
const exportRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/export',
    {
      schema: {
        operationId: 'exportCatalog',
        tags,
        summary:
          'Export the latest completed extraction (or `run`): ndjson (sfmeta-ndjson v1), datahub (metadata change ' +
          "proposals for DataHub's file source) or openlineage (OpenLineage events, one per line); streamed",
        params: IdParams,
        querystring: Type.Object(
          {
            format: Type.Enum([...EXPORT_FORMATS], { description: EXPORT_FORMATS.join(', ') }),
            run: Type.Optional(RunQuery),
            env: Type.Optional(
              Type.String({ pattern: '^[A-Z][A-Z0-9_]{0,31}$', description: 'DataHub environment, default PROD' }),
            ),
            platformInstance: Type.Optional(
              Identifier({
                maxLength: 100,
                description: "DataHub platform instance, as in DataHub's Salesforce source",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Unknown({ description: 'The export, streamed in the format asked for' }),
          404: ErrorResponse,
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const { format, run, env = 'PROD', platformInstance = null } = request.query;
      const catalog = await catalogFor(app, request.params.id, run);
      const connection = await app.stores.connections.get(catalog.connectionId);
      if (!connection) throw new AppError('NOT_FOUND', `connection ${request.params.id} does not exist`);
      const info = EXPORT_FORMAT_INFO[format];
      const lines = exportLines(exportRecords(app, catalog), format, {
        connectionId: catalog.connectionId,
        runId: catalog.runId,
        orgId: connection.orgId,
        instanceUrl: connection.instanceUrl,
        host: connection.host,
        exportedAt: new Date().toISOString(),
        env,
        platformInstance,
      });
      const body = Readable.from(lines);
      // Headers are gone once the first line is out: a failure later can only cut the stream short.
      body.on('error', (error) => request.log.error({ err: error }, 'export failed while streaming'));
      return reply
        .header('content-type', `${info.contentType}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="sfmeta-${catalog.runId}-${format}.${info.extension}"`)
        .send(body);
    },
  );
};

export default exportRoute;
