import { parseArgs } from 'node:util';
import { type Faults, type MutationRequest, SimulatorAdminClient, SimulatorAdminError } from './admin-client.ts';

const HELP = `Drives a running Salesforce simulator through its admin API and prints JSON.

Usage: npm run admin -w @sfmeta/simulator -- [--url URL] [--token TOKEN] COMMAND [ARGS]

Commands:
  orgs                          list the orgs with their shape, object and field counts
  faults ORG                    print ORG's faults
  faults ORG JSON               replace ORG's faults, e.g. faults demo '{"error503Rate":0.3}'; '{}' clears them
  faults ORG FAULT-FLAGS        replace ORG's faults with those flags (faults not named are cleared)
  counters ORG [--reset]        print ORG's request counters (--reset zeroes them, API usage included)
  expire-sessions ORG           expire every access token of ORG (refresh tokens keep working)
  revoke ORG                    revoke ORG's refresh tokens and the access tokens issued from them
  oauth ORG [JSON]              print ORG's OAuth state, or change settings, e.g. '{"rotateRefreshTokens":true}'
  shape ORG --custom-objects N --fields-per-object M [--seed S] [--daily-api-limit L]
            [--reports N] [--dashboards N] [--apex-classes N] [--apex-triggers N]
                                regenerate ORG's metadata; it keeps its id, credentials and tokens
  mutate ORG JSON               change ORG's metadata, e.g. '[{"kind":"removeObject","object":"Invoice__c"}]'
                                (a list of mutations, or {"mutations": [...]} or {"random": {...}})
  mutate ORG --seed S --count N make N random mutations seeded with S

Fault flags:
  --latency-ms N  --error503-rate R  --error429-rate R  --drop-rate R  --session-ttl-calls N
  --subrequest503-rate R  --composite-rejects-describe  --odd-attributes  --api-disabled
  --revoked-permissions LIST  (comma-separated: viewSetup,toolingApi,reports,dashboards,privateReports,users)
  (R is a fraction 0..1)

Options:
  --url URL      the simulator (default: $SIMULATOR_URL or http://127.0.0.1:4010)
  --token TOKEN  its admin token, if it has one (default: $SIMULATOR_ADMIN_TOKEN)
  -h, --help     this text

Exit codes: 0 done, 1 the simulator refused or could not be reached, 2 bad usage.`;

// Each fault flag and the Faults key it sets; booleans are flags without a value.
const NUMBER_FAULTS = {
  'latency-ms': 'latencyMs',
  'error503-rate': 'error503Rate',
  'error429-rate': 'error429Rate',
  'drop-rate': 'dropRate',
  'session-ttl-calls': 'sessionTtlCalls',
  'subrequest503-rate': 'subrequest503Rate',
} as const satisfies Record<string, keyof Faults>;
const BOOLEAN_FAULTS = {
  'composite-rejects-describe': 'compositeRejectsDescribe',
  'odd-attributes': 'oddAttributes',
  'api-disabled': 'apiDisabled',
} as const satisfies Record<string, keyof Faults>;
const LIST_FAULTS = { 'revoked-permissions': 'revokedPermissions' } as const satisfies Record<string, keyof Faults>;
const SHAPE_FLAGS = {
  'custom-objects': 'customObjects',
  'fields-per-object': 'fieldsPerObject',
  seed: 'seed',
  'daily-api-limit': 'dailyApiLimit',
  reports: 'reports',
  dashboards: 'dashboards',
  'apex-classes': 'apexClasses',
  'apex-triggers': 'apexTriggers',
} as const;

const options = {
  url: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  reset: { type: 'boolean' },
  count: { type: 'string' },
  ...Object.fromEntries(
    Object.keys({ ...NUMBER_FAULTS, ...LIST_FAULTS, ...SHAPE_FLAGS }).map((flag) => [flag, { type: 'string' }]),
  ),
  ...Object.fromEntries(Object.keys(BOOLEAN_FAULTS).map((flag) => [flag, { type: 'boolean' }])),
} as const satisfies NonNullable<Parameters<typeof parseArgs>[0]>['options'];

type Flags = Record<string, string | boolean | undefined>;

/** A mistake in the command line: exit code 2 and a pointer to --help. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

function numberFlag(flags: Flags, flag: string): number | undefined {
  const value = flags[flag];
  if (typeof value !== 'string') return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`--${flag} needs a number, got '${value}'`);
  return parsed;
}

function json(text: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new UsageError(`${what} must be JSON, got: ${text}`);
  }
}

/** Picks the flags of a table into an object under their keys. */
function pick(flags: Flags, table: Record<string, string>): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  for (const [flag, key] of Object.entries(table)) {
    const value = typeof flags[flag] === 'boolean' ? true : numberFlag(flags, flag);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

interface Command {
  /** Positional arguments after the command: required, then optional. */
  args: [required: number, optional: number];
  flags: readonly string[];
  run(client: SimulatorAdminClient, args: string[], flags: Flags): Promise<unknown>;
}

const FAULT_FLAGS = [...Object.keys(NUMBER_FAULTS), ...Object.keys(BOOLEAN_FAULTS), ...Object.keys(LIST_FAULTS)];

/** The list flags of a table, split at commas, under their keys. */
function pickLists(flags: Flags, table: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [flag, key] of Object.entries(table)) {
    const value = flags[flag];
    if (typeof value === 'string')
      out[key] = value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
  }
  return out;
}

const COMMANDS: Record<string, Command> = {
  orgs: { args: [0, 0], flags: [], run: (client) => client.orgs() },
  faults: {
    args: [1, 1],
    flags: FAULT_FLAGS,
    run: (client, [org, text], flags) => {
      const fromFlags = { ...pick(flags, { ...NUMBER_FAULTS, ...BOOLEAN_FAULTS }), ...pickLists(flags, LIST_FAULTS) };
      const given = Object.keys(fromFlags).length > 0;
      if (text !== undefined && given) throw new UsageError('give the faults as JSON or as flags, not both');
      if (text === undefined && !given) return client.faults(org!);
      return client.setFaults(org!, (text === undefined ? fromFlags : json(text, 'faults')) as Faults);
    },
  },
  counters: {
    args: [1, 0],
    flags: ['reset'],
    run: (client, [org], flags) => (flags.reset ? client.resetCounters(org!) : client.counters(org!)),
  },
  'expire-sessions': { args: [1, 0], flags: [], run: (client, [org]) => client.expireSessions(org!) },
  revoke: { args: [1, 0], flags: [], run: (client, [org]) => client.revokeRefreshTokens(org!) },
  oauth: {
    args: [1, 1],
    flags: [],
    run: (client, [org, text]) =>
      text === undefined ? client.oauth(org!) : client.setOAuth(org!, json(text, 'OAuth settings')),
  },
  shape: {
    args: [1, 0],
    flags: Object.keys(SHAPE_FLAGS),
    run: (client, [org], flags) => {
      const shape = pick(flags, SHAPE_FLAGS);
      if (shape.customObjects === undefined || shape.fieldsPerObject === undefined) {
        throw new UsageError('shape needs --custom-objects and --fields-per-object');
      }
      return client.setShape(org!, shape as { customObjects: number; fieldsPerObject: number });
    },
  },
  mutate: {
    args: [1, 1],
    flags: ['seed', 'count'],
    run: (client, [org, text], flags) => {
      const random = pick(flags, { seed: 'seed', count: 'count' });
      const given = Object.keys(random).length > 0;
      if (text !== undefined && given)
        throw new UsageError('give the mutations as JSON or --seed and --count, not both');
      if (text === undefined) {
        if (random.seed === undefined || random.count === undefined)
          throw new UsageError('mutate needs JSON, or --seed and --count');
        return client.mutate(org!, { random: random as { seed: number; count: number } });
      }
      const parsed = json(text, 'mutations') as unknown;
      return client.mutate(org!, (Array.isArray(parsed) ? { mutations: parsed } : parsed) as MutationRequest);
    },
  },
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const flags = values as Flags;
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  const [name, ...args] = positionals;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) throw new UsageError(name === undefined ? 'a command is needed' : `unknown command '${name}'`);
  const [required, optional] = command.args;
  if (args.length < required || args.length > required + optional)
    throw new UsageError(`wrong number of arguments for '${name}'`);
  const stray = Object.keys(flags).filter((flag) => !['url', 'token'].includes(flag) && !command.flags.includes(flag));
  if (stray.length > 0) throw new UsageError(`'${name}' does not take --${stray.join(', --')}`);
  const url = (flags.url as string | undefined) ?? process.env.SIMULATOR_URL ?? 'http://127.0.0.1:4010';
  const client = new SimulatorAdminClient({
    url,
    token: (flags.token as string | undefined) ?? process.env.SIMULATOR_ADMIN_TOKEN,
  });
  console.log(JSON.stringify(await command.run(client, args, flags), null, 2));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (!usage && !(error instanceof SimulatorAdminError)) throw error;
  console.error(`simulator admin: ${(error as Error).message}${usage ? ' (see --help)' : ''}`);
  process.exitCode = usage ? 2 : 1;
}
