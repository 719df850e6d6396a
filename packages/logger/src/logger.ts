import { pino, type Logger, type LevelWithSilent } from 'pino';

/** Keys whose values never reach a log line, wherever they sit in the logged object. */
export const redactedKeys = [
  'password',
  'securityToken',
  'consumerSecret',
  'clientSecret',
  'client_secret',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'authorization',
  'authorizationCode',
  'codeVerifier',
  'code_verifier',
  'x-api-key',
  'encryptionKeys',
];

const paths = redactedKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/** The structured logger every process uses; secrets are redacted by key name. */
export function createLogger(
  options: { name: string; level?: LevelWithSilent },
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      redact: { paths, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination,
  );
}

export type { Logger };
