import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auth, createTestApp, recordingLogger, type TestApp } from './test-app.ts';

let t: TestApp;
const { logger, lines } = recordingLogger();
beforeAll(async () => {
  t = await createTestApp({}, { logger });
});
afterAll(async () => {
  await t.close();
});

/** The lines logged while `request` ran, parsed. */
async function linesOf(request: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const before = lines.length;
  await request();
  return lines.slice(before).map((line) => JSON.parse(line));
}

it('logs one line per request once it is answered, with the request, the status and the time', async () => {
  const logged = await linesOf(() => t.app.inject({ url: '/api/v1/connections?limit=5', headers: auth }));
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({
    level: 30,
    msg: 'request completed',
    reqId: expect.any(String),
    req: { method: 'GET', url: '/api/v1/connections?limit=5', host: 'localhost:80' },
    res: { statusCode: 200 },
    responseTime: expect.any(Number),
  });
  expect(JSON.stringify(logged)).not.toContain(auth['x-api-key']);
});

it('logs a refused request on its completed line too, after the refusal', async () => {
  const id = randomUUID();
  const logged = await linesOf(() =>
    t.app.inject({ method: 'POST', url: `/api/v1/connections/${id}/extractions`, headers: auth }),
  );
  expect(logged.map((line) => line.msg)).toEqual(['request refused', 'request completed']);
  expect(logged[0]?.reqId).toBe(logged[1]?.reqId);
  expect(logged[1]).toMatchObject({ req: { method: 'POST' }, res: { statusCode: 404 } });
  expect(lines.some((line) => line.includes('incoming request'))).toBe(false);
});
