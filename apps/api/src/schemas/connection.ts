import { Type, type Static } from 'typebox';
import type { Connection } from '@sfmeta/catalog/connection-store';
import { Nullable, Timestamp, iso } from './common.ts';
import { ScheduleResponse } from './schedule.ts';
import { ScopeChangesBody, ScopeResponse } from './scope.ts';
import { Identifier, Text } from './text.ts';

const Secret = (description: string) => Text({ minLength: 1, maxLength: 255, description });

const Host = Identifier({
  maxLength: 300,
  description: 'login.salesforce.com, test.salesforce.com or a My Domain host, bare or as an https origin',
});
const ConsumerKey = Identifier({ maxLength: 255, description: 'The connected app consumer key' });
const ConsumerSecret = Secret('The connected app consumer secret');
const Username = Identifier({ maxLength: 255 });
const Password = Secret('The Salesforce password');
const SecurityToken = Text({ maxLength: 255, description: 'Needed unless the IP range is trusted' });
const MaxConcurrentRequests = Nullable(
  Type.Integer({
    minimum: 1,
    maximum: 100,
    description:
      'The most requests sfmeta sends to the org at once, across every worker; null: ' +
      'SFMETA_ORG_MAX_CONCURRENT_REQUESTS (10 unless configured)',
  }),
);

/** A connection that logs in with the OAuth password flow; the default when `authType` is left out. */
export const PasswordConnectionBody = Type.Object(
  {
    host: Host,
    consumerKey: ConsumerKey,
    consumerSecret: ConsumerSecret,
    username: Username,
    password: Password,
    securityToken: Type.Optional(SecurityToken),
    authType: Type.Optional(Type.Literal('password', { default: 'password' })),
    scope: Type.Optional(ScopeChangesBody),
    maxConcurrentRequests: Type.Optional(MaxConcurrentRequests),
  },
  { additionalProperties: false, title: 'PasswordConnection' },
);

/** A connection that a Salesforce user authorizes in the browser (web-server flow with PKCE). */
export const OAuthConnectionBody = Type.Object(
  {
    authType: Type.Literal('oauth'),
    host: Host,
    consumerKey: ConsumerKey,
    consumerSecret: ConsumerSecret,
    scope: Type.Optional(ScopeChangesBody),
    maxConcurrentRequests: Type.Optional(MaxConcurrentRequests),
  },
  { additionalProperties: false, title: 'OAuthConnection' },
);

/**
 * What a client sends to register an org; the secrets are stored encrypted and never returned.
 * if/then/else rather than anyOf: the validator then checks the body against the one schema its
 * `authType` selects, so the error names the field that is wrong for that auth type.
 */
export const CreateConnectionBody = Type.Unsafe<
  Static<typeof PasswordConnectionBody> | Static<typeof OAuthConnectionBody>
>({
  title: 'CreateConnection',
  description: 'authType "password" (the default) or "oauth", each with its own fields',
  type: 'object',
  if: { type: 'object', properties: { authType: { const: 'oauth' } }, required: ['authType'] },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a thenable
  then: OAuthConnectionBody,
  else: PasswordConnectionBody,
});

/** The fields only a password connection has: an oauth connection's user signs in at Salesforce instead. */
export const PASSWORD_ONLY_FIELDS = ['username', 'password', 'securityToken'] as const;

/**
 * What a client may change on a connection: its scope and request limit, or settings to repair it (at least one
 * field, and only those of its auth type).
 */
export const UpdateConnectionBody = Type.Object(
  {
    host: Type.Optional(Host),
    consumerKey: Type.Optional(ConsumerKey),
    consumerSecret: Type.Optional(ConsumerSecret),
    username: Type.Optional(Username),
    password: Type.Optional(Password),
    securityToken: Type.Optional(SecurityToken),
    scope: Type.Optional(ScopeChangesBody),
    maxConcurrentRequests: Type.Optional(MaxConcurrentRequests),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    title: 'UpdateConnection',
    description:
      `Any of the fields; ${PASSWORD_ONLY_FIELDS.join(', ')} only for a password connection. ` +
      '`scope` and `maxConcurrentRequests` alone keep the session and status; with any other field the ' +
      'connection starts over.',
  },
);

/** A connection as shown to clients: no secret is listed, so the serializer drops any that slips in. */
export const ConnectionResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  host: Type.String(),
  authType: Type.Union([Type.Literal('password'), Type.Literal('oauth')]),
  consumerKey: Type.String(),
  username: Nullable(Type.String()),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('connected'),
    Type.Literal('failed'),
    Type.Literal('awaiting_authorization'),
    Type.Literal('needs_reauth'),
  ]),
  statusReason: Nullable(Type.Object({ code: Type.String(), message: Nullable(Type.String()) })),
  orgId: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  instanceUrl: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  connectedAt: Nullable(Timestamp),
  scope: ScopeResponse,
  maxConcurrentRequests: MaxConcurrentRequests,
  actions: Nullable(
    Type.Object(
      { reauthorize: Type.String({ description: 'POST here for a new authorize URL' }) },
      {
        description:
          'What the client can do next; set for oauth connections that wait for, or need, a user to authorize them',
      },
    ),
  ),
  schedule: Type.Optional(
    Type.Union([ScheduleResponse, Type.Null()], {
      description: 'On GET /connections/{id}: its extraction schedule, null when none',
    }),
  ),
});

/**
 * A connection with the URL to send its Salesforce user to; the answer to creating or re-authorizing an
 * oauth connection.
 */
export const AuthorizationResponse = Type.Object(
  {
    ...ConnectionResponse.properties,
    authorizeUrl: Type.String({
      format: 'uri',
      description:
        "Salesforce's authorize page for this connection; single-use, expires after SFMETA_OAUTH_STATE_TTL_SECONDS",
    }),
  },
  { title: 'ConnectionAuthorization' },
);

// An oauth connection in one of these states is only unblocked by a user authorizing it (again).
const REAUTHORIZABLE = new Set<Connection['status']>(['awaiting_authorization', 'needs_reauth', 'failed']);

export function toConnectionResponse(connection: Connection): Static<typeof ConnectionResponse> {
  return {
    id: connection.id,
    host: connection.host,
    authType: connection.authType,
    consumerKey: connection.consumerKey,
    username: connection.username,
    status: connection.status,
    statusReason:
      connection.statusCode === null ? null : { code: connection.statusCode, message: connection.statusMessage },
    orgId: connection.orgId,
    userId: connection.userId,
    instanceUrl: connection.instanceUrl,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
    connectedAt: iso(connection.connectedAt),
    scope: connection.scope,
    maxConcurrentRequests: connection.maxConcurrentRequests,
    actions:
      connection.authType === 'oauth' && REAUTHORIZABLE.has(connection.status)
        ? { reauthorize: `/api/v1/connections/${connection.id}/reauthorize` }
        : null,
  };
}

/** A connection as the API answers it; clients (the demo, the tests) use this type rather than their own. */
export type ConnectionView = Static<typeof ConnectionResponse>;

/** A connection with its authorize URL, as creating or re-authorizing an oauth connection answers it. */
export type AuthorizationView = Static<typeof AuthorizationResponse>;
