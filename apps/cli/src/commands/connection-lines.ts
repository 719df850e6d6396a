import type { Connection } from '@sfmeta/client/api-types';
import { formatFields } from '../format/table.ts';

type ConnectionShown = Omit<Connection, 'schedule'> & Partial<Pick<Connection, 'schedule'>>;

/** `CODE: message` of a status reason. */
export const reasonText = (reason: { code: string; message: string | null }): string =>
  reason.message ? `${reason.code}: ${reason.message}` : reason.code;

function scopeText(scope: Connection['scope']): string {
  const { objects, ...switches } = scope;
  const parts = [
    objects.include.length > 0 ? `include ${objects.include.join(', ')}` : 'all objects',
    objects.exclude.length > 0 ? `exclude ${objects.exclude.join(', ')}` : '',
    objects.companions ? '' : 'no companion objects',
  ];
  const off = Object.entries(switches)
    .filter(([, on]) => !on)
    .map(([name]) => name);
  if (off.length > 0) parts.push(`off: ${off.join(', ')}`);
  return parts.filter(Boolean).join('; ');
}

function scheduleText(schedule: NonNullable<Connection['schedule']>): string {
  const cadence = schedule.cron
    ? `cron "${schedule.cron}" ${schedule.timezone ?? 'UTC'}`
    : `every ${schedule.everyMinutes} minutes`;
  return `${cadence}, full every ${schedule.fullEvery} runs, next ${schedule.nextRunAt ?? 'not planned'}`;
}

/** A connection as `label value` lines, for `connections show` and after `connections add`. */
export function connectionLines(connection: ConnectionShown): string[] {
  const login = connection.authType === 'password' ? `password, as ${connection.username}` : 'oauth (web-server flow)';
  return formatFields([
    ['id', connection.id],
    ['status', connection.status],
    ['reason', connection.statusReason && reasonText(connection.statusReason)],
    ['host', connection.host],
    ['login', login],
    ['org', connection.orgId && `${connection.orgId} at ${connection.instanceUrl ?? '?'}`],
    ['created', connection.createdAt],
    ['connected', connection.connectedAt],
    ['scope', scopeText(connection.scope)],
    [
      'schedule',
      connection.schedule === undefined ? undefined : connection.schedule ? scheduleText(connection.schedule) : 'none',
    ],
    ['next step', connection.actions ? `sfmeta connections authorize ${connection.id}` : undefined],
  ]);
}
