import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { API_KEY, oauthConnection, validConnection } from '../test-app.ts';
import { FUZZ_ITEM_IDS, type FixtureRef, type FuzzFixtures } from './fixtures.ts';
import { encodeComponent, hostileString, hostileValue, mutated, rawBody, urlComponent } from './hostile-values.ts';
import type { RouteEntry } from './route-table.ts';

/** A path or query part: text already encoded, or a fixture (or a fresh OAuth state) looked up when sent. */
type Part = string | { ref: FixtureRef | 'state' };

/** A request as generated: which route it aims at, and what it sends there. */
export interface GeneratedRequest {
  route: RouteEntry;
  method: string;
  path: Part[];
  query: Array<[string, Part]>;
  headers: Record<string, string>;
  payload?: string;
}

const ref = (name: FixtureRef | 'state') => fc.constant<Part>({ ref: name });
const encoded = (values: fc.Arbitrary<string>) =>
  urlComponent(fc.oneof({ arbitrary: values, weight: 3 }, hostileString));

// Values for each path parameter: mostly ones that exist, so that requests reach the handlers.
const PARAMS: Record<string, fc.Arbitrary<Part>> = {
  id: fc.oneof(
    { arbitrary: fc.oneof(ref('password'), ref('oauth'), ref('cataloged'), ref('run')), weight: 3 },
    encoded(fc.uuid()),
  ),
  name: encoded(fc.constantFrom('Account', 'Invoice__c')),
  queueName: encoded(fc.constantFrom('connect', 'extract', 'describe')),
  queueStatus: encoded(fc.constantFrom('completed', 'failed', 'waiting', 'delayed')),
  jobId: encoded(fc.constantFrom('1', '2')),
  ...Object.fromEntries(Object.entries(FUZZ_ITEM_IDS).map(([param, id]) => [param, encoded(fc.constant(id))])),
};
const wildcard = fc.array(urlComponent(hostileString), { maxLength: 3 }).map((parts) => parts.join('/'));

const pathOf = (route: RouteEntry): fc.Arbitrary<Part[]> =>
  fc.tuple(
    ...route.url
      .split(/(:[A-Za-z]+|\*)/)
      .filter((piece) => piece !== '')
      .map((piece) => {
        if (piece === '*') return wildcard;
        if (piece.startsWith(':')) return PARAMS[piece.slice(1)] ?? encoded(fc.uuid());
        return fc.constant(piece);
      }),
  );

const queryPair: fc.Arbitrary<[string, Part]> = fc.tuple(
  fc.oneof(
    fc.constantFrom(
      'limit',
      'after',
      'q',
      'run',
      'state',
      'code',
      'error',
      'error_description',
      '__proto__',
      'constructor',
      'a[b]',
    ),
    urlComponent(hostileString),
  ),
  fc.oneof(ref('state'), encoded(fc.constantFrom('1', '20', '100', '0', '-1', '1e2', 'access_denied', 'code-1'))),
);

const pair = (name: string, value: fc.Arbitrary<Part>) => value.map((part): [string, Part] => [name, part]);
const randomQuery = fc.array(queryPair, { maxLength: 4 });

// The callback's own parameters, often with a state that works: whatever text comes with it must not break it.
const callbackQuery = fc
  .tuple(
    pair('state', fc.oneof({ arbitrary: ref('state'), weight: 3 }, encoded(fc.constant('forged-state')))),
    fc.option(pair('code', encoded(fc.constant('code-1'))), { nil: undefined }),
    fc.option(pair('error', encoded(fc.constantFrom('access_denied', 'server_error'))), { nil: undefined }),
    fc.option(pair('error_description', encoded(fc.constant('end-user denied authorization'))), { nil: undefined }),
  )
  .map((pairs) => pairs.filter((entry) => entry !== undefined));

const json = (value: unknown) => JSON.stringify(value) ?? '';

// Valid bodies of each route with a few fields broken, anything else of the wrong shape, and text that is not JSON.
const body: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: mutated(validConnection, ['authType', 'isAdmin', '__proto__']).map(json), weight: 3 },
  { arbitrary: mutated(oauthConnection, ['username', 'password', '__proto__']).map(json), weight: 2 },
  {
    arbitrary: mutated({ password: 'new-password' }, [
      'host',
      'consumerKey',
      'username',
      'securityToken',
      'constructor',
    ]).map(json),
    weight: 3,
  },
  { arbitrary: mutated({ name: 'connect', data: { connectionId: 'x' } }, ['options']).map(json), weight: 1 },
  {
    arbitrary: fc.oneof(hostileValue, fc.dictionary(hostileString, hostileValue, { maxKeys: 4 })).map(json),
    weight: 1,
  },
  { arbitrary: rawBody, weight: 2 },
);

// Mostly JSON, so that bodies reach validation; sometimes a type no route parses.
const contentType = fc.oneof(
  { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      'application/json; charset=latin1',
      'application/vnd.api+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ),
    weight: 1,
  },
);
const basic = (password: string) => `Basic ${Buffer.from(`user:${password}`).toString('base64')}`;

// Mostly a valid key, so that requests get past the auth check; sometimes none or a bad one.
const credentials: fc.Arbitrary<Record<string, string>> = fc.oneof(
  {
    arbitrary: fc.constantFrom<Record<string, string>>(
      { 'x-api-key': API_KEY },
      { authorization: `Bearer ${API_KEY}` },
      { authorization: basic(API_KEY) },
    ),
    weight: 6,
  },
  {
    arbitrary: fc.constantFrom<Record<string, string>>(
      {},
      { 'x-api-key': 'wrong' },
      { authorization: 'Basic %%%' },
      { authorization: 'Bearer' },
    ),
    weight: 1,
  },
);

const headers = fc
  .tuple(
    credentials,
    fc.option(contentType, { nil: undefined }),
    fc.constantFrom('application/json', 'text/html', '*/*'),
  )
  .map(([given, contentType, accept]) => ({
    ...given,
    ...(contentType === undefined ? {} : { 'content-type': contentType }),
    accept,
  }));

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

/** Requests to one route: usually with its own method, otherwise with any. */
export function requestFor(route: RouteEntry): fc.Arbitrary<GeneratedRequest> {
  return fc.record({
    route: fc.constant(route),
    method: fc.oneof({ arbitrary: fc.constant(route.method), weight: 6 }, fc.constantFrom(...METHODS)),
    path: pathOf(route),
    query: route.url.startsWith('/api/v1/oauth/') ? fc.oneof(callbackQuery, randomQuery) : randomQuery,
    headers,
    payload: fc.option(body, { nil: undefined, freq: 3 }),
  });
}

/** The request to send now: references replaced by the ids and states they stand for. */
export async function resolve(generated: GeneratedRequest, fixtures: FuzzFixtures): Promise<InjectOptions> {
  const text = async (part: Part) =>
    typeof part === 'string'
      ? part
      : encodeComponent(part.ref === 'state' ? await fixtures.freshState() : fixtures.id(part.ref));
  const path = (await Promise.all(generated.path.map(text))).join('');
  const query = await Promise.all(generated.query.map(async ([key, value]) => `${key}=${await text(value)}`));
  return {
    method: generated.method as InjectOptions['method'],
    url: query.length === 0 ? path : `${path}?${query.join('&')}`,
    headers: generated.headers,
    ...(generated.payload === undefined ? {} : { payload: generated.payload }),
  };
}
