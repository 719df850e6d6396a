import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { enqueueConnect } from '@sfmeta/queue/enqueue';
import { AppError } from '../../../../app-error.ts';
import { sendPage, wantsHtml } from '../../../../oauth-page.ts';
import { logError } from '../../../../plugins/error-handler.ts';
import { ErrorResponse } from '../../../../schemas/common.ts';
import { Identifier } from '../../../../schemas/text.ts';
import { toStorableText } from '../../../../storable-text.ts';

// The error text is Salesforce's to word: it is made storable rather than refused, so that a valid
// state always ends with the connection failed and the reason kept.
const SANITIZED = 'kept with control characters and unpaired surrogates replaced';

// Salesforce adds parameters of its own (sfdc_community_url, sfdc_community_id, ...): extra ones are let through.
const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Identifier({ maxLength: 2048, description: 'The authorization code' })),
    state: Type.Optional(Identifier({ maxLength: 512, description: 'The state of the authorize URL' })),
    error: Type.Optional(
      Type.String({ minLength: 1, maxLength: 256, description: `e.g. access_denied; ${SANITIZED}` }),
    ),
    error_description: Type.Optional(Type.String({ maxLength: 2048, description: SANITIZED })),
  },
  { additionalProperties: true },
);

type Outcome = 'authorized' | 'denied' | 'error';

const Html = Type.String({ description: 'A small page saying what happened' });
const htmlOrJson = (description: string) => ({
  description,
  content: { 'text/html': { schema: Html }, 'application/json': { schema: ErrorResponse } },
});

const reauthorizeHint = (connectionId: string) =>
  `authorize it again with POST /api/v1/connections/${connectionId}/reauthorize`;
const QUEUE_DOWN_AT_CALLBACK = 'the job queue was unavailable when Salesforce returned the authorization';

/** The request as logged, without its query: the callback URL carries the authorization code and state. */
function requestWithoutQuery(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url.split('?')[0],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** /api/v1/oauth: where Salesforce sends the user's browser back after the authorize page. No API key. */
const oauth: FastifyPluginAsyncTypebox = async (app) => {
  const returnUrl = app.config.oauth.returnUrl === '' ? undefined : parseReturnUrl(app.config.oauth.returnUrl);

  // The URL carried a code: no cache may keep the answer, and the next page must not see it as a referrer.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
  });

  /** The browser's answer: to the return URL when one is configured, else a page of its own. */
  const answer = (reply: FastifyReply, connectionId: string, outcome: Outcome, title: string, text: string[]) => {
    if (!returnUrl) return sendPage(reply, 200, title, text);
    const target = new URL(returnUrl);
    target.searchParams.set('connectionId', connectionId);
    target.searchParams.set('outcome', outcome);
    return reply.redirect(target.toString(), 302);
  };

  const schema = {
    operationId: 'completeAuthorization',
    tags: ['oauth'],
    summary: 'OAuth callback: Salesforce redirects the browser here with a code, or an error, and the state',
    description:
      'Needs no API key: the single-use state is the credential. Answers 302 to SFMETA_OAUTH_RETURN_URL with ' +
      '?connectionId&outcome=authorized|denied|error when it is set, else 200 with a small HTML page. ' +
      'Errors are an HTML page for clients that accept text/html, the JSON error otherwise.',
    security: [],
    querystring: CallbackQuery,
    response: {
      200: { description: 'What happened, as a page', content: { 'text/html': { schema: Html } } },
      302: Type.Null({ description: 'To the return URL, with connectionId and outcome' }),
      400: htmlOrJson('INVALID_STATE: no state, or one that is unknown, expired or already used; VALIDATION_FAILED'),
      500: htmlOrJson('Internal error'),
      503: htmlOrJson('QUEUE_UNAVAILABLE: the connection is marked failed and must be authorized again'),
    },
  };

  const options = {
    schema,
    logSerializers: { req: requestWithoutQuery },
    // A person in a browser gets a page for errors too; programs get the usual JSON (the parent handler).
    errorHandler: (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
      if (!wantsHtml(request)) throw error;
      const appError = logError(error, request.log);
      return sendPage(reply, appError.statusCode, 'Authorization not completed', [appError.message]);
    },
  };

  // CALLBACK_PATH, which Salesforce calls exactly as registered; the slash-less spelling is for people typing it.
  for (const [url, hide] of [
    ['/from_oauth/', false],
    ['/from_oauth', true],
  ] as const) {
    app.get(url, { ...options, schema: { ...schema, hide } }, async (request, reply) => {
      const { code, state, error, error_description: description } = request.query;
      if (state === undefined) throw invalidState();
      if (code === undefined && error === undefined) {
        throw new AppError('VALIDATION_FAILED', 'the callback carries neither a code nor an error');
      }
      // Consumed before anything else: without a valid state nothing may change, whatever else the URL says.
      const authorization = await app.stores.oauthStates.consume(state);
      if (!authorization) throw invalidState();
      const { connectionId, codeVerifier, redirectUri } = authorization;

      if (error !== undefined || code === undefined) {
        const denied = error === 'access_denied';
        const detail = toStorableText(description ? `${error}: ${description}` : String(error));
        await app.stores.connections.markFailed(
          connectionId,
          denied ? 'AUTHORIZATION_DENIED' : 'AUTHORIZATION_FAILED',
          `Salesforce answered ${detail}; ${reauthorizeHint(connectionId)}`,
        );
        return answer(
          reply,
          connectionId,
          denied ? 'denied' : 'error',
          denied ? 'Authorization denied' : 'Authorization failed',
          [
            `Salesforce did not authorize connection ${connectionId}: ${detail}.`,
            `To try again, ask for a new authorize URL: POST /api/v1/connections/${connectionId}/reauthorize.`,
          ],
        );
      }

      await app.stores.connections.saveAuthorizationCode(connectionId, { code, codeVerifier, redirectUri });
      try {
        await enqueueConnect(app.queues, { connectionId });
      } catch (cause) {
        // The code expires within minutes and nobody would exchange it: drop it and say what to do.
        const message = `${QUEUE_DOWN_AT_CALLBACK}; ${reauthorizeHint(connectionId)}`;
        await Promise.all([
          app.stores.connections.markFailed(connectionId, 'QUEUE_UNAVAILABLE', message),
          app.stores.connections.takeAuthorizationCode(connectionId),
        ]).catch((cleanup: unknown) => request.log.error({ err: cleanup, connectionId }, 'cleanup failed'));
        throw new AppError('QUEUE_UNAVAILABLE', message, { cause });
      }
      return answer(reply, connectionId, 'authorized', 'Authorization received', [
        `Salesforce authorized connection ${connectionId}. ` +
          'sfmeta is connecting to the org now; you can close this page.',
      ]);
    });
  }
};

function invalidState(): AppError {
  return new AppError(
    'INVALID_STATE',
    'the state is missing, unknown, expired or already used; ' +
      'request a new authorize URL with POST /api/v1/connections/{id}/reauthorize',
  );
}

function parseReturnUrl(text: string): URL {
  try {
    return new URL(text);
  } catch (error) {
    throw new Error(`SFMETA_OAUTH_RETURN_URL "${text}" is not an absolute URL`, { cause: error });
  }
}

export default oauth;
