import { Type, type Static } from 'typebox';
import type { Connection } from '@sfmeta/catalog/connection-store';
import { Nullable, Timestamp, iso } from './common.ts';

const Secret = (description: string) => Type.String({ minLength: 1, maxLength: 255, description });

/** What a client sends to register an org; the secrets are stored encrypted and never returned. */
export const CreateConnectionBody = Type.Object(
  {
    host: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'login.salesforce.com, test.salesforce.com or a My Domain host, bare or as an https origin',
    }),
    consumerKey: Type.String({ minLength: 1, maxLength: 255, description: 'The connected app consumer key' }),
    consumerSecret: Secret('The connected app consumer secret'),
    username: Type.String({ minLength: 1, maxLength: 255 }),
    password: Secret('The Salesforce password'),
    securityToken: Type.Optional(Type.String({ maxLength: 255, description: 'Needed unless the IP range is trusted' })),
    authType: Type.Optional(Type.Literal('password', { default: 'password' })),
  },
  { additionalProperties: false },
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
});

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
  };
}
