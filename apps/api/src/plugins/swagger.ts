import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/** OpenAPI 3 generated from the route schemas, at `/openapi.json` and browsable at `/docs`. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'sfmeta API',
          description:
            'Registers Salesforce orgs and extracts their metadata into a catalog. Request strings of format `text` ' +
            'refuse NUL (U+0000) and unpaired UTF-16 surrogates, and those with the pattern `\\S` (identifiers) ' +
            'refuse blank values, each with 400 VALIDATION_FAILED.',
          version: '1.0.0',
        },
        components: {
          securitySchemes: {
            apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
            bearer: { type: 'http', scheme: 'bearer' },
            basic: { type: 'http', scheme: 'basic', description: 'Any user name, the API key as password' },
          },
        },
        security: [{ apiKey: [] }, { bearer: [] }, { basic: [] }],
      },
      // The dashboard's routes are a UI of their own, not part of the API.
      transform: ({ schema, url }) => ({ schema: url.startsWith('/admin') ? { ...schema, hide: true } : schema, url }),
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
